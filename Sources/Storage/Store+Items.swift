import Foundation
import GRDB
import VeilleCore

extension Store {
    /// Stores one successful fetch of a source: its items become new items, revisions and deltas, and the
    /// fetch's validators are stored in the same transaction, so a failure can never leave a validator
    /// that turns the next fetch into a 304 for items never stored.
    ///
    /// Identity: source + GUID, else source + normalized URL. A GUID that changes while the normalized URL
    /// stays, or a URL that changes while the GUID stays, is the same item (a move, no delta). A title or
    /// text that differs after whitespace normalization is a `changed` delta with the previous revision
    /// kept, unless only `text` differs and the stored text came from another version of veille's code
    /// (then it is applied silently). On the source's first successful crawl, `new` deltas are a baseline.
    ///
    /// - Parameters:
    ///   - items: the fetch's items in document order; duplicates within the batch are ignored.
    ///   - keepTextOnUpdate: true for sources whose text comes from article pages: a feed summary then
    ///     never replaces the stored text (only titles count).
    /// - Returns: what changed.
    public func applyFetch(
        source id: String, run: Int64, fetch: FetchLog, items: [IncomingItem],
        at: Date, nextDue: Date, keepTextOnUpdate: Bool = false
    ) throws -> ApplyOutcome {
        try write { db in
            let baseline =
                try Date.fetchOne(db, sql: "SELECT firstSuccessAt FROM source WHERE id = ?", arguments: [id]) == nil
            var outcome = ApplyOutcome(baseline: baseline, items: 0, deltas: [], moves: 0)
            let batchGUIDs = Set(items.compactMap(\.guid))
            var seenKeys = Set<String>()
            for item in items {
                let norm = item.url.map(URLNormalizer.normalize)
                let key = item.guid.map { "g:" + $0 } ?? norm.map { "u:" + $0 }
                guard let key, seenKeys.insert(key).inserted else { continue }
                outcome.items += 1
                try applyOne(
                    db, source: id, run: run, item: item, normalizedURL: norm, batchGUIDs: batchGUIDs,
                    baseline: baseline, at: at, keepText: keepTextOnUpdate, outcome: &outcome)
            }
            try insertFetch(db, source: id, run: run, fetch: fetch, at: at)
            try db.executeCached(
                sql: """
                    UPDATE source SET etag = ?, lastModified = ?, lastAttemptAt = ?, lastSuccessAt = ?, status = ?,
                      lastError = NULL, consecutiveFailures = 0, nextDueAt = ?, firstSuccessAt = COALESCE(firstSuccessAt, ?)
                    WHERE id = ?
                    """, arguments: [fetch.etag, fetch.lastModified, at, at, SourceStatus.ok, nextDue, at, id])
            return outcome
        }
    }

    /// Finds the stored item an incoming one is, by GUID then by normalized URL.
    func findItem(
        _ db: Database, source: String, guid: String?, normalizedURL: String?,
        batchGUIDs: Set<String>
    ) throws -> Row? {
        if let guid,
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM item WHERE sourceId = ? AND guid = ?"),
                arguments: [source, guid])
        {
            return row
        }
        guard let normalizedURL else { return nil }
        // Same URL: the same item whose GUID moved, unless that stored GUID is still in this batch
        // (a feed that points every entry at one page has distinct items sharing a URL).
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM item WHERE sourceId = ? AND normalizedUrl = ? ORDER BY id"),
            arguments: [source, normalizedURL])
        {
            let storedGUID: String? = row["guid"]
            if let storedGUID, batchGUIDs.contains(storedGUID), storedGUID != guid { continue }
            return row
        }
        return nil
    }

    private func applyOne(
        _ db: Database, source: String, run: Int64, item: IncomingItem, normalizedURL: String?,
        batchGUIDs: Set<String>, baseline: Bool, at: Date, keepText: Bool,
        outcome: inout ApplyOutcome
    ) throws {
        guard
            let row = try findItem(
                db, source: source, guid: item.guid, normalizedURL: normalizedURL,
                batchGUIDs: batchGUIDs)
        else {
            try db.executeCached(
                sql: """
                    INSERT INTO item(sourceId, guid, url, normalizedUrl, canonicalUrl, title, text, summary, author,
                      published, updated, textVersion, firstSeenAt, lastSeenAt, firstRunId, needsMatch)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    source, item.guid, item.url, normalizedURL, item.canonicalURL, item.title, item.text,
                    item.summary, item.author, item.published, item.updated, item.textVersion, at, at, run,
                ])
            let itemID = db.lastInsertedRowID
            if keepText, let url = item.url {
                // An `articles: true` source: the page is fetched by the article stage (in this run, or the next
                // one if this run dies first).
                try db.executeCached(
                    sql: "INSERT INTO article(itemId, url, state) VALUES (?, ?, 'pending')", arguments: [itemID, url])
            }
            let revision = try insertRevision(
                db, item: itemID, run: run, title: item.title, text: item.text,
                reason: "first", at: at)
            let delta = try insertDelta(
                db, run: run, item: itemID, source: source, kind: .new, baseline: baseline,
                at: at, revision: revision, previous: nil)
            outcome.deltas.append(RecordedDelta(id: delta, itemID: itemID, kind: .new, baseline: baseline))
            return
        }
        let itemID: Int64 = row["id"]
        let storedGUID: String? = row["guid"]
        let storedURL: String? = row["normalizedUrl"]
        let moved =
            (item.guid != nil && storedGUID != item.guid) || (normalizedURL != nil && storedURL != normalizedURL)
        if moved { outcome.moves += 1 }
        let storedTitle: String? = row["title"]
        let storedText: String? = row["text"]
        let newText = keepText ? storedText : (item.text ?? storedText)
        let titleChanged = normalizeWhitespace(storedTitle) != normalizeWhitespace(item.title)
        let textChanged = normalizeWhitespace(storedText) != normalizeWhitespace(newText)
        let storedVersion: Int = row["textVersion"]
        try db.executeCached(
            sql: """
                UPDATE item SET guid = COALESCE(?, guid), url = COALESCE(?, url), normalizedUrl = COALESCE(?, normalizedUrl),
                  canonicalUrl = COALESCE(?, canonicalUrl), title = ?, text = ?, summary = COALESCE(?, summary),
                  author = COALESCE(?, author), published = COALESCE(?, published), updated = COALESCE(?, updated),
                  textVersion = ?, lastSeenAt = ? WHERE id = ?
                """,
            arguments: [
                item.guid, item.url, normalizedURL, item.canonicalURL, item.title, newText, item.summary,
                item.author, item.published, item.updated, keepText ? storedVersion : item.textVersion,
                at, itemID,
            ])
        guard titleChanged || textChanged else { return }
        try db.executeCached(sql: "UPDATE item SET needsMatch = 1 WHERE id = ?", arguments: [itemID])
        let silent = !titleChanged && !keepText && storedVersion != item.textVersion
        let previous = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT MAX(id) FROM itemRevision WHERE itemId = ?"), arguments: [itemID])
        let revision = try insertRevision(
            db, item: itemID, run: run, title: item.title, text: newText,
            reason: silent ? "silent" : "changed", at: at)
        guard !silent else { return }
        let delta = try insertDelta(
            db, run: run, item: itemID, source: source, kind: .changed, baseline: false,
            at: at, revision: revision, previous: previous)
        outcome.deltas.append(RecordedDelta(id: delta, itemID: itemID, kind: .changed, baseline: false))
    }

    func insertRevision(
        _ db: Database, item: Int64, run: Int64?, title: String?, text: String?, reason: String,
        at: Date
    ) throws -> Int64 {
        try db.executeCached(
            sql: "INSERT INTO itemRevision(itemId, runId, title, text, reason, recordedAt) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [item, run, title, text, reason, at])
        return db.lastInsertedRowID
    }

    /// Records one delta. `detail` is JSON a digest needs beyond the item (a Sénat answer, say).
    func insertDelta(
        _ db: Database, run: Int64, item: Int64, source: String, kind: DeltaKind, baseline: Bool,
        at: Date, revision: Int64?, previous: Int64?, detail: String? = nil
    ) throws -> Int64 {
        try db.executeCached(
            sql: """
                INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, revisionId, previousRevisionId, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run, item, source, kind, baseline, at, revision, previous, detail])
        return db.lastInsertedRowID
    }
}
