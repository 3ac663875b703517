import Foundation
import GRDB
import VeilleCore

/// An article page waiting to be fetched, or due for a re-check.
public struct ArticleTask: Sendable, Equatable {
    public var itemID: Int64
    public var url: String
    public var tries: Int
    public var etag: String?
    public var lastModified: String?
    public var storedText: String?
    public var extractorVersion: Int?
}

/// What an article fetch produced, to be stored in one transaction.
public struct ArticleResult: Sendable {
    /// The page as fetched, for the evidence table.
    public var raw: [UInt8]
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    public var text: String
    public var title: String?
    public var canonicalURL: String?
    public var byline: String?
    public var language: String?
    public var published: Date?
    public var extractorVersion: Int

    public init(
        raw: [UInt8], status: Int, etag: String?, lastModified: String?, text: String, title: String?,
        canonicalURL: String?, byline: String?, language: String?, published: Date?, extractorVersion: Int
    ) {
        self.raw = raw
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.text = text
        self.title = title
        self.canonicalURL = canonicalURL
        self.byline = byline
        self.language = language
        self.published = published
        self.extractorVersion = extractorVersion
    }
}

extension Store {
    /// Tries an article page gets before the item keeps its summary for good.
    public static let articleTries = 3

    /// Pages of this source's items still to fetch: new ones, and failed ones with tries left.
    public func pendingArticles(source: String) throws -> [ArticleTask] {
        try snapshot { s in
            try s.rows(
                """
                SELECT a.itemId, a.url, a.tries, a.etag, a.lastModified, a.extractorVersion, i.text FROM article a
                JOIN item i ON i.id = a.itemId
                WHERE i.sourceId = ? AND a.state IN ('pending', 'failed') AND a.tries < ? ORDER BY a.itemId
                """, [source, Store.articleTries]
            ).map(Self.task)
        }
    }

    /// Pages of linked items of `source` to re-check at `now`: fetched within `period`, last checked a day ago or more.
    public func articlesToRecheck(source: String, period: TimeInterval, now: Date) throws -> [ArticleTask] {
        try snapshot { s in
            try s.rows(
                """
                SELECT a.itemId, a.url, a.tries, a.etag, a.lastModified, a.extractorVersion, i.text FROM article a
                JOIN item i ON i.id = a.itemId
                WHERE i.sourceId = ? AND a.state = 'done' AND a.firstFetchedAt >= ?
                  AND (a.lastCheckedAt IS NULL OR a.lastCheckedAt <= ?)
                  AND EXISTS(SELECT 1 FROM link l WHERE l.itemId = a.itemId)
                ORDER BY a.itemId
                """, [source, now.addingTimeInterval(-period), now.addingTimeInterval(-86_000)]
            ).map(Self.task)
        }
    }

    static func task(_ r: SQLRow) throws -> ArticleTask {
        ArticleTask(
            itemID: try r.require("itemId"), url: try r.require("url"), tries: r["tries"] ?? 0, etag: r["etag"],
            lastModified: r["lastModified"],
            storedText: r["text"], extractorVersion: r["extractorVersion"])
    }

    /// Stores the first extraction of an item's page: the article replaces the summary as the item's text
    /// without a delta (the feed summary stays beside it), and the raw bytes are kept as evidence.
    public func storeFirstArticle(item: Int64, url: String, result r: ArticleResult, at: Date) throws {
        try transaction(of: .item(item)) { s in
            try s.execute(
                """
                UPDATE item SET text = ?, textVersion = ?, canonicalUrl = COALESCE(?, canonicalUrl),
                  author = COALESCE(author, ?), needsMatch = TRUE WHERE id = ?
                """, [r.text, r.extractorVersion, r.canonicalURL, r.byline, item])
            // With the item's title, so that a later `changed` delta diffs its title against this revision too.
            let title = try s.value("SELECT title FROM item WHERE id = ?", [item], as: String.self)
            _ = try insertRevision(s, item: item, run: nil, title: title, text: r.text, reason: "article", at: at)
            try s.execute(
                """
                UPDATE article SET state = 'done', tries = tries + 1, lastError = NULL, etag = ?, lastModified = ?,
                  firstFetchedAt = ?, lastCheckedAt = ?, extractorVersion = ?, byline = ?, language = ? WHERE itemId = ?
                """, [r.etag, r.lastModified, at, at, r.extractorVersion, r.byline, r.language, item])
            try insertEvidence(
                s, item: item, url: url, status: r.status, etag: r.etag, lastModified: r.lastModified,
                raw: r.raw, at: at)
        }
    }

    /// Records a failed article fetch; after the last try the item keeps its summary for good.
    public func recordArticleFailure(item: Int64, error: String, at: Date) throws {
        try transaction(of: .item(item)) { s in
            try s.execute(
                """
                UPDATE article SET tries = tries + 1, lastError = ?,
                  state = CASE WHEN tries + 1 >= ? THEN 'gave-up' ELSE 'failed' END WHERE itemId = ?
                """, [error, Store.articleTries, item])
        }
    }

    /// A re-check that found nothing new (a 304, or the same text): only the check time moves, and a feed
    /// signal waiting for this page is answered.
    public func recordArticleChecked(item: Int64, at: Date) throws {
        try transaction(of: .item(item)) { s in
            try s.execute(
                "UPDATE article SET lastCheckedAt = ?, signaledAt = NULL, signalTries = 0 WHERE itemId = ?", [at, item])
        }
    }

    /// A re-check (daily, or on a feed signal) that found a different page. A different text is a `changed`
    /// delta with both revisions kept, unless the stored text came from another extractor version (then it is
    /// applied silently). The feed's text never enters here: only the extracted article is compared.
    ///
    /// - Returns: the delta recorded, if any.
    @discardableResult
    public func recordArticleRecheck(
        item: Int64, source: String, run: Int64, url: String, result r: ArticleResult,
        at: Date
    ) throws -> RecordedDelta? {
        try transaction(of: .source(source)) { s in
            let row = try s.row(
                """
                SELECT i.title, i.text, a.extractorVersion FROM item i JOIN article a ON a.itemId = i.id WHERE i.id = ?
                """, [item])
            let storedText: String? = row?["text"]
            let storedVersion: Int? = row?["extractorVersion"]
            let title: String? = row?["title"]
            try s.execute(
                """
                UPDATE article SET etag = ?, lastModified = ?, lastCheckedAt = ?, extractorVersion = ?,
                  signaledAt = CASE WHEN ? THEN signaledAt END, signalTries = CASE WHEN ? THEN signalTries ELSE 0 END
                WHERE itemId = ?
                """, [r.etag, r.lastModified, at, r.extractorVersion, r.text.isEmpty, r.text.isEmpty, item])
            guard normalizeWhitespace(storedText) != normalizeWhitespace(r.text), !r.text.isEmpty else { return nil }
            try insertEvidence(
                s, item: item, url: url, status: r.status, etag: r.etag, lastModified: r.lastModified,
                raw: r.raw, at: at)
            let previous = try s.value("SELECT MAX(id) FROM itemRevision WHERE itemId = ?", [item], as: Int64.self)
            try s.execute(
                "UPDATE item SET text = ?, textVersion = ?, needsMatch = TRUE WHERE id = ?",
                [r.text, r.extractorVersion, item])
            let silent = storedVersion != r.extractorVersion
            let revision = try insertRevision(
                s, item: item, run: run, title: title, text: r.text,
                reason: silent ? "silent" : "changed", at: at)
            guard !silent else { return nil }
            // The feed's title edit of this same run is already a `changed` delta: it now carries the new
            // text too (one change of the item, diffed against the revision before the title edit).
            if let id = try s.value(
                "SELECT id FROM delta WHERE runId = ? AND itemId = ? AND kind = ? ORDER BY id DESC",
                [run, item, DeltaKind.changed], as: Int64.self)
            {
                try s.execute("UPDATE delta SET revisionId = ? WHERE id = ?", [revision, id])
                return RecordedDelta(id: id, itemID: item, kind: .changed, baseline: false)
            }
            let id = try insertDelta(
                s, run: run, item: item, source: source, kind: .changed, baseline: false, at: at,
                revision: revision, previous: previous)
            return RecordedDelta(id: id, itemID: item, kind: .changed, baseline: false)
        }
    }

    /// A page that now answers 404 or 410: a `removed` delta, once (a takedown is news).
    @discardableResult
    public func recordArticleRemoved(item: Int64, source: String, run: Int64, status: Int, at: Date) throws
        -> RecordedDelta?
    {
        try transaction(of: .source(source)) { s in
            guard
                try s.value("SELECT state FROM article WHERE itemId = ?", [item], as: String.self) == "done"
            else {
                return nil
            }
            try s.execute(
                "UPDATE article SET state = 'removed', lastCheckedAt = ?, lastError = ? WHERE itemId = ?",
                [at, "HTTP \(status)", item])
            let revision = try s.value("SELECT MAX(id) FROM itemRevision WHERE itemId = ?", [item], as: Int64.self)
            let id = try insertDelta(
                s, run: run, item: item, source: source, kind: .removed, baseline: false, at: at,
                revision: revision, previous: nil)
            return RecordedDelta(id: id, itemID: item, kind: .removed, baseline: false)
        }
    }

    func insertEvidence(
        _ s: any SQLSession, item: Int64, url: String, status: Int, etag: String?, lastModified: String?,
        raw: [UInt8], at: Date
    ) throws {
        guard let body = Deflate.compress(raw) else { return }
        try s.execute(
            """
            INSERT INTO evidence(itemId, url, fetchedAt, httpStatus, etag, lastModified, sha256, length, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [item, url, at, status, etag, lastModified, SHA256.hex(raw), raw.count, Data(body)])
    }

    /// Evidence is kept only for items linked to a campaign or an actor: the rest is dropped once matching
    /// has run. `NOT EXISTS`, not `NOT IN (SELECT itemId FROM link)`: on PostgreSQL a link table past
    /// `work_mem` turns the latter into a scan of every link for every evidence row, each night.
    public func discardUnlinkedEvidence() throws {
        try transaction { s in
            try s.execute(
                "DELETE FROM evidence WHERE NOT EXISTS (SELECT 1 FROM link WHERE link.itemId = evidence.itemId)")
        }
    }

    /// The evidence kept for an item, oldest first: (fetched at, URL, SHA-256, raw bytes).
    public func evidence(item: Int64) throws -> [(fetchedAt: Date, url: String, sha256: String, raw: [UInt8])] {
        try snapshot { s in
            try s.rows(
                "SELECT fetchedAt, url, sha256, length, body FROM evidence WHERE itemId = ? ORDER BY id", [item]
            ).compactMap { r in
                guard let body: Data = r["body"], let length: Int = r["length"],
                    let raw = Deflate.decompress([UInt8](body), originalLength: length)
                else { return nil }
                return (try r.require("fetchedAt"), try r.require("url"), try r.require("sha256"), raw)
            }
        }
    }
}
