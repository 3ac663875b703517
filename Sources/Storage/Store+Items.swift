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
    ///   - keepTextOnUpdate: true for sources whose text comes from article pages: the feed's text then
    ///     never replaces the article (only titles count here); a change of the entry (its text, summary,
    ///     `updated` date or title) flags the item's page to be fetched again, and the article stage turns a
    ///     changed page into a `changed` delta. An item whose page was given up on keeps the feed's text.
    /// - Returns: what changed.
    public func applyFetch(
        source id: String, run: Int64, fetch: FetchLog, items: [IncomingItem],
        at: Date, nextDue: Date, keepTextOnUpdate: Bool = false
    ) throws -> ApplyOutcome {
        try transaction(of: .source(id)) { s in
            let baseline = try s.value("SELECT firstSuccessAt FROM source WHERE id = ?", [id], as: Date.self) == nil
            var outcome = ApplyOutcome(baseline: baseline, items: 0, deltas: [], moves: 0)
            let batchGUIDs = Set(items.compactMap(\.guid))
            var seenKeys = Set<String>()
            for item in items {
                let norm = item.url.map(URLNormalizer.normalize)
                let key = item.guid.map { "g:" + $0 } ?? norm.map { "u:" + $0 }
                guard let key, seenKeys.insert(key).inserted else { continue }
                outcome.items += 1
                try applyOne(
                    s, source: id, run: run, item: item, normalizedURL: norm, batchGUIDs: batchGUIDs,
                    baseline: baseline, at: at, keepText: keepTextOnUpdate, outcome: &outcome)
            }
            try insertFetch(s, source: id, run: run, fetch: fetch, at: at)
            try s.execute(
                """
                    UPDATE source SET etag = ?, lastModified = ?, lastAttemptAt = ?, lastSuccessAt = ?, status = ?,
                      lastError = NULL, consecutiveFailures = 0, nextDueAt = ?, firstSuccessAt = COALESCE(firstSuccessAt, ?)
                    WHERE id = ?
                """, [fetch.etag, fetch.lastModified, at, at, SourceStatus.ok, nextDue, at, id])
            return outcome
        }
    }

    /// Finds the stored item an incoming one is, by GUID then by normalized URL.
    func findItem(
        _ s: any SQLSession, source: String, guid: String?, normalizedURL: String?,
        batchGUIDs: Set<String>
    ) throws -> ItemRecord? {
        if let guid,
            let stored = try s.row(
                "SELECT \(ItemRecord.columns) FROM item WHERE sourceId = ? AND guid = ?", [source, guid]
            ).map(ItemRecord.init(row:))
        {
            return stored
        }
        guard let normalizedURL else { return nil }
        // Same URL: the same item whose GUID moved, unless that stored GUID is still in this batch
        // (a feed that points every entry at one page has distinct items sharing a URL).
        for row in try s.rows(
            "SELECT \(ItemRecord.columns) FROM item WHERE sourceId = ? AND normalizedUrl = ? ORDER BY id",
            [source, normalizedURL])
        {
            let stored = try ItemRecord(row: row)
            if let storedGUID = stored.guid, batchGUIDs.contains(storedGUID), storedGUID != guid { continue }
            return stored
        }
        return nil
    }

    private func applyOne(
        _ s: any SQLSession, source: String, run: Int64, item: IncomingItem, normalizedURL: String?,
        batchGUIDs: Set<String>, baseline: Bool, at: Date, keepText: Bool,
        outcome: inout ApplyOutcome
    ) throws {
        guard
            let stored = try findItem(
                s, source: source, guid: item.guid, normalizedURL: normalizedURL,
                batchGUIDs: batchGUIDs)
        else {
            var record = ItemRecord(source: source, incoming: item, normalizedURL: normalizedURL, run: run, at: at)
            record.feedTextHash = keepText ? item.text.map(FeedTextFingerprint.of) : nil
            let itemID = try record.insert(s)
            if keepText, let url = item.url {
                // An `articles: true` source: the page is fetched by the article stage (in this run, or the next
                // one if this run dies first).
                try s.execute("INSERT INTO article(itemId, url, state) VALUES (?, ?, 'pending')", [itemID, url])
            }
            let revision = try insertRevision(
                s, item: itemID, run: run, title: item.title, text: item.text,
                reason: "first", at: at)
            let delta = try insertDelta(
                s, run: run, item: itemID, source: source, kind: .new, baseline: baseline,
                at: at, revision: revision, previous: nil)
            outcome.deltas.append(RecordedDelta(id: delta, itemID: itemID, kind: .new, baseline: baseline))
            return
        }
        guard let itemID = stored.id else { throw StorageError.database("an item read without its id") }
        let moved =
            (item.guid != nil && stored.guid != item.guid)
            || (normalizedURL != nil && stored.normalizedUrl != normalizedURL)
        if moved { outcome.moves += 1 }
        let storedTitle = stored.title
        let storedText = stored.text
        // The article is the text once a page is (or will be) extracted; an item whose page never came
        // (three failed tries, or no link) keeps the feed's text, whose edits are then its own.
        let article = keepText ? try articleState(s, item: itemID) : nil
        let keepsArticle = article != nil && article != "gave-up"
        let newText = keepsArticle ? storedText : (item.text ?? storedText)
        let titleChanged = normalizeWhitespace(storedTitle) != normalizeWhitespace(item.title)
        let textChanged = normalizeWhitespace(storedText) != normalizeWhitespace(newText)
        let summaryChanged =
            item.summary != nil && normalizeWhitespace(stored.summary) != normalizeWhitespace(item.summary)
        let storedVersion = stored.textVersion
        let entry = keepText ? FeedEntryChange(stored: stored, incoming: item) : nil
        try s.execute(
            """
            UPDATE item SET guid = COALESCE(?, guid), url = COALESCE(?, url), normalizedUrl = COALESCE(?, normalizedUrl),
              canonicalUrl = COALESCE(?, canonicalUrl), title = ?, text = ?, summary = COALESCE(?, summary),
              author = COALESCE(?, author), published = COALESCE(?, published), updated = COALESCE(?, updated),
              textVersion = ?, lastSeenAt = ?, feedTextHash = COALESCE(?, feedTextHash) WHERE id = ?
            """,
            [
                item.guid, item.url, normalizedURL, item.canonicalURL, item.title, newText, item.summary,
                item.author, item.published, item.updated, keepsArticle ? storedVersion : item.textVersion,
                at, entry?.fingerprint, itemID,
            ])
        if summaryChanged, !titleChanged, !textChanged { // matched again (the summary is matched), no delta
            try s.execute("UPDATE item SET needsMatch = TRUE WHERE id = ?", [itemID])
        }
        if let entry, entry.changed || titleChanged {
            // The feed says the article may have changed: its page is fetched again in this run's article
            // stage (conditional GET), and a changed text becomes a `changed` delta there.
            try s.execute(
                "UPDATE article SET signaledAt = ?, signalTries = 0 WHERE itemId = ? AND state = 'done'", [at, itemID])
            // The new summary is stored and matched, but it is not a delta on its own.
            if entry.summaryChanged {
                try s.execute("UPDATE item SET needsMatch = TRUE WHERE id = ?", [itemID])
            }
        }
        guard titleChanged || textChanged else { return }
        try s.execute("UPDATE item SET needsMatch = TRUE WHERE id = ?", [itemID])
        let silent = !titleChanged && !keepsArticle && storedVersion != item.textVersion
        let previous = try s.value("SELECT MAX(id) FROM itemRevision WHERE itemId = ?", [itemID], as: Int64.self)
        let revision = try insertRevision(
            s, item: itemID, run: run, title: item.title, text: newText,
            reason: silent ? "silent" : "changed", at: at)
        guard !silent else { return }
        let delta = try insertDelta(
            s, run: run, item: itemID, source: source, kind: .changed, baseline: false,
            at: at, revision: revision, previous: previous)
        outcome.deltas.append(RecordedDelta(id: delta, itemID: itemID, kind: .changed, baseline: false))
    }

    func insertRevision(
        _ s: any SQLSession, item: Int64, run: Int64?, title: String?, text: String?, reason: String,
        at: Date
    ) throws -> Int64 {
        try s.insert(
            "INSERT INTO itemRevision(itemId, runId, title, text, reason, recordedAt) VALUES (?, ?, ?, ?, ?, ?)",
            [item, run, title, text, reason, at])
    }

    /// Records one delta. `detail` is JSON a digest needs beyond the item (a Sénat answer, say).
    func insertDelta(
        _ s: any SQLSession, run: Int64, item: Int64, source: String, kind: DeltaKind, baseline: Bool,
        at: Date, revision: Int64?, previous: Int64?, detail: String? = nil
    ) throws -> Int64 {
        try s.insert(
            """
            INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, revisionId, previousRevisionId, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [run, item, source, kind, baseline, at, revision, previous, detail])
    }
}

/// The GRDB forms of the shared item helpers, for the operations still written against GRDB (SQLite only).
extension Store {
    func findItem(
        _ db: Database, source: String, guid: String?, normalizedURL: String?, batchGUIDs: Set<String>
    ) throws -> ItemRecord? {
        try findItem(
            GRDBSession(db: db), source: source, guid: guid, normalizedURL: normalizedURL, batchGUIDs: batchGUIDs)
    }

    func insertRevision(
        _ db: Database, item: Int64, run: Int64?, title: String?, text: String?, reason: String, at: Date
    ) throws -> Int64 {
        try insertRevision(GRDBSession(db: db), item: item, run: run, title: title, text: text, reason: reason, at: at)
    }

    func insertDelta(
        _ db: Database, run: Int64, item: Int64, source: String, kind: DeltaKind, baseline: Bool,
        at: Date, revision: Int64?, previous: Int64?, detail: String? = nil
    ) throws -> Int64 {
        try insertDelta(
            GRDBSession(db: db), run: run, item: item, source: source, kind: kind, baseline: baseline, at: at,
            revision: revision, previous: previous, detail: detail)
    }
}
