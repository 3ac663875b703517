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

/// A full-text condition on `item i`: FTS5's `MATCH` with the query as written on SQLite; on PostgreSQL the
/// query parsed once (``SearchQuery``) and matched as a `to_tsquery` against `item.searchVector`.
struct SearchMatch {
    /// The FROM clause (`item i` joined to the FTS5 table on SQLite).
    var from: String
    /// The WHERE condition, with one placeholder.
    var condition: String
    /// Its bound value: the query (SQLite) or its `to_tsquery` text (PostgreSQL).
    var argument: String
    /// The expression ordering hits newest first.
    var order: String

    /// - Throws: ``ArchiveQueryError`` when the query does not parse (PostgreSQL; SQLite says so itself).
    init(_ query: String, dialect: SQLDialect) throws {
        switch dialect {
        case .sqlite:
            from = "itemSearch JOIN item i ON i.id = itemSearch.rowid"
            condition = "itemSearch MATCH ?"
            argument = SearchQuery.quotingWords(query)
            order = "itemSearch.rowid"
        case .postgres:
            from = "item i"
            condition = "i.searchVector @@ to_tsquery('veille_simple', ?)"
            argument = try SearchQuery(parsing: query).tsquery
            // `i.id + 0`: the matches come from the GIN index, then the newest are kept. Ordered by `i.id`
            // itself, PostgreSQL walks the primary key backwards testing every item against the query
            // (its estimate of a word's frequency is poor): instant for a word on a third of the archive,
            // a whole-table scan for a rare name or one found nowhere (316 ms at 100,000 items, against
            // 0.06 ms this way). Analysts search for names; the cost now follows the number of matches.
            order = "(i.id + 0)"
        }
    }
}

extension ArchiveReader {
    /// Searches titles and texts with the FTS5 query language as the user wrote it (phrases in quotes, `OR`,
    /// `NOT`, `prefix*`, `title:` or `text:`), newest items first (by id), one hit per item. On PostgreSQL
    /// the same syntax is parsed by veille and translated (``SearchQuery``).
    ///
    /// A word FTS5 would refuse as written (`l'Azerbaïdjan`, `Nouvelle-Calédonie`, `paris2024.fr`) is
    /// searched as the phrase of its parts (``SearchQuery/quotingWords(_:)``). Dates filter on publication
    /// when the item has one, else on first sighting.
    ///
    /// - Throws: ``ArchiveQueryError`` when the query is refused (the message says why).
    public func search(_ query: String, filter f: SearchFilter) throws -> [ArchiveHit] {
        let match = try SearchMatch(query, dialect: dialect)
        var conditions = [match.condition]
        var arguments: SQLArguments = [match.argument]
        if let before = f.before {
            conditions.append("i.id < ?")
            arguments = arguments + [before]
        }
        if let source = f.source {
            conditions.append("i.sourceId = ?")
            arguments = arguments + [source]
        }
        if let from = f.from {
            conditions.append("COALESCE(i.published, i.firstSeenAt) >= ?")
            arguments = arguments + [from]
        }
        if let to = f.to {
            conditions.append("COALESCE(i.published, i.firstSeenAt) < ?")
            arguments = arguments + [to]
        }
        if let entity = f.entity {
            conditions.append("EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id AND l.entityId = ?)")
            arguments = arguments + [entity]
        }
        // The matched words between U+E000 and U+E001 (private use: never in a page), for the view to mark.
        let snippet: String
        switch dialect {
        case .sqlite:
            snippet = "snippet(itemSearch, -1, char(57344), char(57345), '…', 24)"
        case .postgres:
            snippet =
                "ts_headline('veille_simple', COALESCE(i.text, i.title, ''), to_tsquery('veille_simple', ?), "
                + "'StartSel=\u{E000}, StopSel=\u{E001}, MaxWords=24, MinWords=12, MaxFragments=1')"
            arguments = [match.argument] + arguments
        }
        return try snapshot { s in
            do {
                return try s.rows(
                    """
                    SELECT i.id, i.sourceId, i.title, i.url, i.published, i.firstSeenAt,
                           COALESCE(i.canonicalUrl, i.normalizedUrl) AS articleUrl, \(snippet) AS snip
                    FROM \(match.from)
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY \(match.order) DESC LIMIT ?
                    """, arguments + [f.limit]
                ).map { r in
                    ArchiveHit(
                        itemID: try r.require("id"), sourceID: try r.require("sourceId"), title: r["title"],
                        url: r["url"], published: r["published"], firstSeenAt: try r.require("firstSeenAt"),
                        snippet: r["snip"] ?? "", articleURL: r["articleUrl"])
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_ERROR {
                // SQLite refused the user's FTS5 query (its message says why).
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
