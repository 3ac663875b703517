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
    /// A word FTS5 would refuse as written (`l'Azerbaïdjan`, `Nouvelle-Calédonie`, `paris2024.fr`) is
    /// searched as the phrase of its parts (``SearchQuery/quotingWords(_:)``). Dates filter on publication
    /// when the item has one, else on first sighting.
    ///
    /// - Throws: ``ArchiveQueryError`` when SQLite refuses the query (its message says why).
    public func search(_ query: String, filter f: SearchFilter) throws -> [ArchiveHit] {
        try read { db in
            do {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.id, i.sourceId, i.title, i.url, i.published, i.firstSeenAt,
                               COALESCE(i.canonicalUrl, i.normalizedUrl) AS articleUrl,
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
                        SearchQuery.quotingWords(query), f.before, f.before, f.source, f.source, f.from, f.from, f.to,
                        f.to, f.entity, f.entity,
                        f.limit,
                    ]
                ).map { r in
                    ArchiveHit(
                        itemID: r["id"], sourceID: r["sourceId"], title: r["title"], url: r["url"],
                        published: r["published"], firstSeenAt: r["firstSeenAt"], snippet: r["snip"] ?? "",
                        articleURL: r["articleUrl"])
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_ERROR {
                throw ArchiveQueryError(message: e.message ?? "malformed query")
            }
        }
    }
}

/// One search result per article: its newest matching item, and every source the article was found in.
public struct ArchiveArticleHit: Sendable, Equatable {
    /// The newest matching item of the article (its title, dates and snippet are shown).
    public var hit: ArchiveHit
    /// The sources of its matching items, newest first, each once.
    public var sources: [String]
    /// Its matching items, newest first.
    public var itemIDs: [Int64]
}

extension ArchiveReader {
    /// ``search(_:filter:)`` with one result per article: items sharing a canonical (else normalized) URL,
    /// the same article in several feeds, are one result listing their sources.
    ///
    /// Hits are read in pages of `4 × limit` (at least 200) until more than `limit` articles are known, so
    /// the copies of an article that lie further back than that are not counted (they would have to sit
    /// hundreds of items apart).
    ///
    /// - Throws: ``ArchiveQueryError`` when SQLite refuses the query.
    public func searchArticles(_ query: String, filter: SearchFilter) throws -> [ArchiveArticleHit] {
        var page = filter
        page.limit = max(filter.limit * 4, 200)
        var articles: [ArchiveArticleHit] = []
        var index: [String: Int] = [:]
        while true {
            let hits = try search(query, filter: page)
            for h in hits {
                let key = h.articleURL ?? "item \(h.itemID)"
                if let i = index[key] {
                    if !articles[i].sources.contains(h.sourceID) { articles[i].sources.append(h.sourceID) }
                    articles[i].itemIDs.append(h.itemID)
                } else {
                    index[key] = articles.count
                    articles.append(ArchiveArticleHit(hit: h, sources: [h.sourceID], itemIDs: [h.itemID]))
                }
            }
            guard hits.count == page.limit, articles.count <= filter.limit, let last = hits.last else { break }
            page.before = last.itemID
        }
        return Array(articles.prefix(filter.limit))
    }
}
