import Foundation

/// An item linked to at least one campaign or actor, with what an export needs.
public struct LinkedItem: Sendable, Equatable {
    public var id: Int64
    public var sourceID: String
    public var guid: String?
    public var url: String?
    public var canonicalURL: String?
    public var title: String?
    public var published: Date?
    public var firstSeenAt: Date
    /// The latest of: first seen, last revision recorded, last link made.
    public var lastChangedAt: Date
    /// Its links, by entity id.
    public var links: [ItemLink]
    /// SHA-256 (hex) of the newest stored raw page, when one is kept.
    public var snapshotSHA256: String?
    /// The stored Sénat question JSON (parsed page, else CSV row), for a Sénat item.
    public var senate: String?

    /// An item, field by field.
    public init(
        id: Int64, sourceID: String, guid: String?, url: String?, canonicalURL: String?, title: String?,
        published: Date?, firstSeenAt: Date, lastChangedAt: Date, links: [ItemLink], snapshotSHA256: String?,
        senate: String?
    ) {
        self.id = id
        self.sourceID = sourceID
        self.guid = guid
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.published = published
        self.firstSeenAt = firstSeenAt
        self.lastChangedAt = lastChangedAt
        self.links = links
        self.snapshotSHA256 = snapshotSHA256
        self.senate = senate
    }
}

extension Store {
    /// Items linked to a campaign or an actor, first seen at or after `since` (all when nil), by id.
    ///
    /// - Parameter since: the earliest first-seen time.
    /// - Returns: the items with their links, newest snapshot hash and Sénat facts.
    public func linkedItems(since: Date?) throws -> [LinkedItem] {
        var items = try snapshot { s in
            // SQLite's scalar MAX(a, b, c) is PostgreSQL's GREATEST(a, b, c).
            let greatest = s.dialect == .postgres ? "GREATEST" : "MAX"
            return try s.rows(
                """
                SELECT i.id, i.sourceId, i.guid, i.url, i.canonicalUrl, i.title, i.published, i.firstSeenAt,
                  \(greatest)(i.firstSeenAt,
                      COALESCE((SELECT MAX(recordedAt) FROM itemRevision r WHERE r.itemId = i.id), i.firstSeenAt),
                      COALESCE((SELECT MAX(linkedAt) FROM link l WHERE l.itemId = i.id), i.firstSeenAt)) AS changedAt,
                  (SELECT sha256 FROM evidence e WHERE e.itemId = i.id ORDER BY fetchedAt DESC, id DESC LIMIT 1) AS sha
                FROM item i
                WHERE EXISTS (SELECT 1 FROM link l WHERE l.itemId = i.id) \(since == nil ? "" : "AND i.firstSeenAt >= ?")
                ORDER BY i.id
                """, since.map { [$0] as SQLArguments } ?? []
            ).map { row in
                LinkedItem(
                    id: try row.require("id"), sourceID: try row.require("sourceId"), guid: row["guid"],
                    url: row["url"],
                    canonicalURL: row["canonicalUrl"], title: row["title"], published: row["published"],
                    firstSeenAt: try row.require("firstSeenAt"), lastChangedAt: try row.require("changedAt"), links: [],
                    snapshotSHA256: row["sha"], senate: nil)
            }
        }
        let ids = items.map(\.id)
        let links = try self.links(items: ids)
        let senate = try senateFacts(items: ids)
        for i in items.indices {
            items[i].links = links[items[i].id] ?? []
            items[i].senate = senate[items[i].id]
        }
        return items
    }
}
