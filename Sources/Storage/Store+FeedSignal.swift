import Foundation
import GRDB
import VeilleCore

/// How a feed entry of an `articles: true` source differs from what was stored of it: the signals that the
/// article behind it may have changed. The title is compared by the caller (it is a delta of
/// its own, and a signal too).
struct FeedEntryChange {
    /// The fingerprint of the entry's own text (content, else summary), nil when it has none.
    var fingerprint: Int64?
    /// The entry's text differs from the one last seen (unknown before the fingerprint was stored: no signal).
    var textChanged: Bool
    /// The entry's summary differs from the stored one (after whitespace normalization).
    var summaryChanged: Bool
    /// The entry's `updated` date moved (or appeared).
    var updatedMoved: Bool

    var changed: Bool { textChanged || summaryChanged || updatedMoved }

    init(stored: ItemRecord, incoming item: IncomingItem) {
        fingerprint = item.text.map(FeedTextFingerprint.of)
        let storedHash = stored.feedTextHash
        textChanged = storedHash != nil && fingerprint != nil && storedHash != fingerprint
        let storedSummary = stored.summary
        summaryChanged = item.summary != nil && normalizeWhitespace(storedSummary) != normalizeWhitespace(item.summary)
        let storedUpdated = stored.updated
        if let updated = item.updated {
            // Stored dates keep milliseconds: a difference under a second is the same date.
            updatedMoved = storedUpdated.map { abs($0.timeIntervalSince(updated)) >= 1 } ?? true
        } else {
            updatedMoved = false
        }
    }
}

extension Store {
    /// The state of an item's article page (`pending`, `done`, `failed`, `gave-up`, `removed`), nil when the
    /// item has none (no link, or not an `articles: true` source).
    func articleState(_ s: any SQLSession, item: Int64) throws -> String? {
        try s.value("SELECT state FROM article WHERE itemId = ?", [item], as: String.self)
    }

    /// Pages of this source's items whose feed entry changed since the page was fetched: to fetch again
    /// with a conditional GET, oldest signal first.
    public func signaledArticles(source: String) throws -> [ArticleTask] {
        try snapshot { s in
            try s.rows(
                """
                SELECT a.itemId, a.url, a.signalTries AS tries, a.etag, a.lastModified, a.extractorVersion, i.text
                FROM article a JOIN item i ON i.id = a.itemId
                WHERE i.sourceId = ? AND a.state = 'done' AND a.signaledAt IS NOT NULL AND a.signalTries < ?
                ORDER BY a.signaledAt, a.itemId
                """, [source, Store.articleTries]
            ).map(Self.task)
        }
    }

    /// A page check (on a feed signal, or the daily re-check of a linked item) that got no article: an
    /// error status, no text, or a failed fetch. The stored article stays; the check time moves (no second
    /// request for the page in this run); a waiting feed signal is tried again on the source's next crawls,
    /// three tries in all.
    public func recordCheckFailure(item: Int64, error: String, at: Date) throws {
        try transaction(of: .item(item)) { s in
            try s.execute(
                """
                UPDATE article SET lastCheckedAt = ?, lastError = ?,
                  signalTries = CASE WHEN signaledAt IS NULL THEN signalTries ELSE signalTries + 1 END,
                  signaledAt = CASE WHEN signalTries + 1 >= ? THEN NULL ELSE signaledAt END WHERE itemId = ?
                """, [at, error, Store.articleTries, item])
        }
    }
}
