import Foundation
import GRDB

/// One hit of the archive search.
public struct SearchHit: Sendable, Equatable {
    public var itemID: Int64
    public var source: String
    public var title: String?
    public var url: String?
    public var firstSeen: Date
    /// A snippet of the text around the match, with the matched words in «…».
    public var snippet: String
}

extension Store {
    /// Searches item titles and texts through FTS5, most recent first.
    ///
    /// - Parameters:
    ///   - query: words to find; each is quoted, so FTS5 syntax in user input is inert.
    ///   - entity: only items linked to this campaign or actor id.
    ///   - since: only items first seen at or after this time.
    ///   - limit: the most hits returned.
    public func search(_ query: String, entity: String? = nil, since: Date? = nil, limit: Int = 50) throws
        -> [SearchHit]
    {
        let words = query.split(whereSeparator: { $0.isWhitespace }).map {
            "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        guard !words.isEmpty else { return [] }
        if case .postgres = backend {
            // The same query (each word a quoted term, all of them), through the parser: never raw text.
            return try searchPostgres(
                SearchQuery(parsing: words.joined(separator: " ")), entity: entity, since: since, limit: limit)
        }
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.sourceId, i.title, i.url, i.firstSeenAt,
                           snippet(itemSearch, 1, '«', '»', '…', 16) AS snip
                    FROM itemSearch JOIN item i ON i.id = itemSearch.rowid
                    WHERE itemSearch MATCH ? AND (? IS NULL OR i.firstSeenAt >= ?)
                      AND (? IS NULL OR EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id AND l.entityId = ?))
                    ORDER BY i.firstSeenAt DESC, i.id DESC LIMIT ?
                    """, arguments: [words.joined(separator: " "), since, since, entity, entity, limit]
            ).map { row in
                SearchHit(
                    itemID: row["id"], source: row["sourceId"], title: row["title"], url: row["url"],
                    firstSeen: row["firstSeenAt"], snippet: row["snip"] ?? "")
            }
        }
    }

    /// ``search(_:entity:since:limit:)`` on PostgreSQL: `item.searchVector` against the parsed query's
    /// `to_tsquery`, a `ts_headline` snippet with the matched words in «…».
    func searchPostgres(_ query: SearchQuery, entity: String?, since: Date?, limit: Int) throws -> [SearchHit] {
        var conditions = ["i.searchVector @@ q.query"]
        var arguments: SQLArguments = [query.tsquery]
        if let since {
            conditions.append("i.firstSeenAt >= ?")
            arguments = arguments + [since]
        }
        if let entity {
            conditions.append("EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id AND l.entityId = ?)")
            arguments = arguments + [entity]
        }
        return try snapshot { s in
            try s.rows(
                """
                SELECT i.id, i.sourceId, i.title, i.url, i.firstSeenAt,
                       ts_headline('veille_simple', COALESCE(i.text, ''), q.query,
                         'StartSel=«, StopSel=», MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS snip
                FROM item i, (SELECT to_tsquery('veille_simple', ?) AS query) q
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY i.firstSeenAt DESC, i.id DESC LIMIT ?
                """, arguments + [limit]
            ).map { row in
                SearchHit(
                    itemID: try row.require("id"), source: try row.require("sourceId"), title: row["title"],
                    url: row["url"], firstSeen: try row.require("firstSeenAt"), snippet: row["snip"] ?? "")
            }
        }
    }
}
