import Foundation
import GRDB

/// One row of the `item` table: a feed entry, article or Sénat question as stored, identified within its
/// source by GUID, else by normalized URL (see ``Store/applyFetch(source:run:fetch:items:at:nextDue:keepTextOnUpdate:)``).
public struct ItemRecord: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "item"

    /// Nil until inserted.
    public var id: Int64?
    public var sourceId: String
    public var guid: String?
    public var url: String?
    /// ``URLNormalizer/normalize(_:)`` of `url`: the identity when there is no GUID.
    public var normalizedUrl: String?
    public var canonicalUrl: String?
    public var title: String?
    /// What matching reads: the article, else the entry's content, else its summary.
    public var text: String?
    /// The feed's own summary, kept beside an article.
    public var summary: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    /// Version of veille's code that produced `text`: a change due only to a newer version is silent.
    public var textVersion: Int
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    /// The run that first stored the item.
    public var firstRunId: Int64?
    /// True until the matching stage has read the current title and text.
    public var needsMatch: Bool
    /// `articles: true` sources: the fingerprint of the feed entry's own text (``FeedTextFingerprint``), whose
    /// change tells the article stage to fetch the page again.
    public var feedTextHash: Int64?

    /// A new item from a stage's incoming one, first seen in `run` at `at`.
    public init(source: String, incoming item: IncomingItem, normalizedURL: String?, run: Int64, at: Date) {
        sourceId = source
        guid = item.guid
        url = item.url
        normalizedUrl = normalizedURL
        canonicalUrl = item.canonicalURL
        title = item.title
        text = item.text
        summary = item.summary
        author = item.author
        published = item.published
        updated = item.updated
        textVersion = item.textVersion
        firstSeenAt = at
        lastSeenAt = at
        firstRunId = run
        needsMatch = true
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ItemRecord {
    /// The columns `init(row:)` reads (every column but the search vector PostgreSQL adds).
    static let columns = """
        id, sourceId, guid, url, normalizedUrl, canonicalUrl, title, text, summary, author, published, updated,
        textVersion, firstSeenAt, lastSeenAt, firstRunId, needsMatch, feedTextHash
        """

    /// A row of `SELECT \(columns) FROM item`, on either backend.
    init(row: SQLRow) throws {
        id = row["id"]
        sourceId = try row.require("sourceId")
        guid = row["guid"]
        url = row["url"]
        normalizedUrl = row["normalizedUrl"]
        canonicalUrl = row["canonicalUrl"]
        title = row["title"]
        text = row["text"]
        summary = row["summary"]
        author = row["author"]
        published = row["published"]
        updated = row["updated"]
        textVersion = row["textVersion"] ?? 0
        firstSeenAt = try row.require("firstSeenAt")
        lastSeenAt = try row.require("lastSeenAt")
        firstRunId = row["firstRunId"]
        needsMatch = row["needsMatch"] ?? false
        feedTextHash = row["feedTextHash"]
    }

    /// Inserts the item and returns its id (also set on the record).
    mutating func insert(_ s: any SQLSession) throws -> Int64 {
        let id = try s.insert(
            """
            INSERT INTO item(sourceId, guid, url, normalizedUrl, canonicalUrl, title, text, summary, author, published,
              updated, textVersion, firstSeenAt, lastSeenAt, firstRunId, needsMatch, feedTextHash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                sourceId, guid, url, normalizedUrl, canonicalUrl, title, text, summary, author, published, updated,
                textVersion, firstSeenAt, lastSeenAt, firstRunId, needsMatch, feedTextHash,
            ])
        self.id = id
        return id
    }
}
