import Foundation
import GRDB

/// What narrows a search: a campaign or actor, a source, a publication range, the keyset cursor.
public struct SearchFilter: Sendable, Equatable {
    public var entity: String?
    public var source: String?
    public var from: Date?
    public var to: Date?
    /// Only items whose id is below this (the previous page's last id).
    public var before: Int64?
    public var limit: Int

    public init(
        entity: String? = nil, source: String? = nil, from: Date? = nil, to: Date? = nil, before: Int64? = nil,
        limit: Int = 50
    ) {
        self.entity = entity
        self.source = source
        self.from = from
        self.to = to
        self.before = before
        self.limit = limit
    }
}

extension ArchiveReader {
    /// Searches titles and texts with the FTS5 query language as the user wrote it (phrases in quotes, `OR`,
    /// `NOT`, `prefix*`, `title:` or `text:`), newest items first (by id), one hit per item.
    ///
    /// Dates filter on publication when the item has one, else on first sighting.
    ///
    /// - Throws: ``ArchiveQueryError`` when SQLite refuses the query (its message says why).
    public func search(_ query: String, filter f: SearchFilter) throws -> [ArchiveHit] {
        try read { db in
            do {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.id, i.sourceId, i.title, i.url, i.published, i.firstSeenAt,
                               snippet(itemSearch, -1, char(57344), char(57345), '…', 24) AS snip
                        FROM itemSearch JOIN item i ON i.id = itemSearch.rowid
                        WHERE itemSearch MATCH ? AND (? IS NULL OR itemSearch.rowid < ?)
                          AND (? IS NULL OR i.sourceId = ?)
                          AND (? IS NULL OR COALESCE(i.published, i.firstSeenAt) >= ?)
                          AND (? IS NULL OR COALESCE(i.published, i.firstSeenAt) < ?)
                          AND (? IS NULL OR EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id AND l.entityId = ?))
                        ORDER BY itemSearch.rowid DESC LIMIT ?
                        """,
                    arguments: [
                        query, f.before, f.before, f.source, f.source, f.from, f.from, f.to, f.to, f.entity, f.entity,
                        f.limit,
                    ]
                ).map { r in
                    ArchiveHit(
                        itemID: r["id"], sourceID: r["sourceId"], title: r["title"], url: r["url"],
                        published: r["published"], firstSeenAt: r["firstSeenAt"], snippet: r["snip"] ?? "")
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_ERROR {
                throw ArchiveQueryError(message: e.message ?? "malformed query")
            }
        }
    }
}
