import Foundation
import VeilleCore

extension Store {
    /// The stored questions of a `senate-questions` source, by reference.
    public func senateQuestions(source id: String) throws -> [String: SenateQuestionRecord] {
        try snapshot { s in
            let records = try s.rows(
                "SELECT \(SenateQuestionRecord.columns) FROM senateQuestion WHERE sourceId = ?", [id]
            ).map(SenateQuestionRecord.init(row:))
            return Dictionary(records.map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Stores one crawl of a `senate-questions` source in ONE transaction: the CSV fetch and its validators,
    /// the page fetches, each question's item (with a revision when its title or text changed, and
    /// `needsMatch` set), its `senateQuestion` row, and its lifecycle deltas. A crash therefore never keeps
    /// a validator without the questions it produced, nor loses a delta.
    ///
    /// A Sénat item's text changes produce no `changed` delta: the lifecycle deltas replace `new` and
    /// `changed` (an answer changes the text and gives only `answered`).
    ///
    /// - Parameters:
    ///   - csv: the CSV fetch (its validators become the source's).
    ///   - pages: the page fetches of this crawl, logged in `fetch`.
    ///   - updates: the questions this crawl touched.
    ///   - notModified: the CSV answered 304 (the source's status is then `not-modified`).
    ///   - problem: pages that could not be used (a page off the template, an HTTP error): their questions
    ///     are not in `updates` and keep their stored state; the source is then recorded as failed with this
    ///     error, and the CSV's validators are dropped (the next crawl reads the whole CSV again and retries
    ///     them) and a first crawl stays unfinished (new questions on the next crawl are still a baseline).
    /// - Returns: the questions stored and the deltas recorded.
    public func applySenateCrawl(
        source id: String, run: Int64, csv: FetchLog, pages: [FetchLog],
        updates: [SenateUpdateRecord], notModified: Bool, problem: String? = nil,
        at: Date, nextDue: Date
    ) throws -> SenateApplyOutcome {
        try transaction(of: .source(id)) { s in
            var outcome = SenateApplyOutcome(questions: 0, deltas: [])
            var revisions: [String: (item: Int64, revision: Int64, previous: Int64?)] = [:]
            for update in updates {
                revisions[update.record.reference] = try storeQuestion(s, source: id, run: run, update: update, at: at)
                outcome.questions += 1
            }
            for update in updates {
                guard let own = revisions[update.record.reference] else { continue }
                for d in update.deltas {
                    var target = own
                    if let ref = d.target, ref != update.record.reference {
                        if let other = revisions[ref] {
                            target = (other.item, other.revision, nil)
                        } else if let item = try s.value(
                            """
                            SELECT itemId FROM senateQuestion WHERE sourceId = ? AND reference = ?
                            """, [id, ref], as: Int64.self)
                        {
                            let latest = try s.value(
                                "SELECT MAX(id) FROM itemRevision WHERE itemId = ?", [item], as: Int64.self)
                            target = (item, latest ?? own.revision, nil)
                        }
                    }
                    let delta = try insertDelta(
                        s, run: run, item: target.item, source: id, kind: d.kind,
                        baseline: d.baseline, at: at, revision: target.revision,
                        previous: target.previous, detail: d.detail)
                    outcome.deltas.append(
                        RecordedDelta(id: delta, itemID: target.item, kind: d.kind, baseline: d.baseline))
                }
            }
            try insertFetch(s, source: id, run: run, fetch: csv, at: at)
            for page in pages { try insertFetch(s, source: id, run: run, fetch: page, at: at) }
            if let problem {
                try s.execute(
                    """
                    UPDATE source SET etag = NULL, lastModified = NULL, lastAttemptAt = ?, status = ?, lastError = ?,
                      consecutiveFailures = consecutiveFailures + 1, nextDueAt = ? WHERE id = ?
                    """, [at, SourceStatus.failed, problem, nextDue, id])
                return outcome
            }
            try s.execute(
                """
                UPDATE source SET etag = ?, lastModified = ?, lastAttemptAt = ?, lastSuccessAt = ?, status = ?,
                  lastError = NULL, consecutiveFailures = 0, nextDueAt = ?, firstSuccessAt = COALESCE(firstSuccessAt, ?)
                WHERE id = ?
                """,
                [
                    csv.etag, csv.lastModified, at, at, notModified ? SourceStatus.notModified : .ok, nextDue, at, id,
                ])
            return outcome
        }
    }

    /// Inserts or updates one question's item and row; returns its item, its current revision and, when this
    /// crawl changed the title or text, the revision before.
    private func storeQuestion(
        _ s: any SQLSession, source: String, run: Int64, update: SenateUpdateRecord,
        at: Date
    ) throws -> (item: Int64, revision: Int64, previous: Int64?) {
        let result = try storeQuestionItem(s, source: source, run: run, item: update.item, at: at)
        let r = update.record
        try s.execute(
            """
            INSERT INTO senateQuestion(sourceId, reference, itemId, number, state, snapshot, csvRow, page, pageUrl, pageEtag,
              pageLastModified, lastPageFetchAt, pageTries, pageRetry, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(sourceId, reference) DO UPDATE SET itemId = excluded.itemId, number = excluded.number,
              state = excluded.state, snapshot = excluded.snapshot, csvRow = excluded.csvRow, page = excluded.page,
              pageUrl = excluded.pageUrl, pageEtag = excluded.pageEtag, pageLastModified = excluded.pageLastModified,
              lastPageFetchAt = excluded.lastPageFetchAt, pageTries = excluded.pageTries, pageRetry = excluded.pageRetry,
              updatedAt = excluded.updatedAt
            """,
            [
                source, r.reference, result.item, r.number, r.state, r.snapshot, r.csvRow, r.page, r.pageUrl,
                r.pageEtag, r.pageLastModified, r.lastPageFetchAt, r.pageTries, r.pageRetry, at,
            ])
        return result
    }

    /// Inserts or updates a question's item (either chamber): a new item gets its first revision; a changed
    /// title or text gets a revision and `needsMatch`. Returns the item, its current revision and, when this
    /// crawl changed the title or text, the revision before.
    func storeQuestionItem(_ s: any SQLSession, source: String, run: Int64, item: IncomingItem, at: Date) throws -> (
        item: Int64, revision: Int64, previous: Int64?
    ) {
        let norm = item.url.map(URLNormalizer.normalize)
        var result: (item: Int64, revision: Int64, previous: Int64?)
        if let stored = try findItem(s, source: source, guid: item.guid, normalizedURL: norm, batchGUIDs: []),
            let itemID = stored.id
        {
            let storedTitle = stored.title
            let storedText = stored.text
            let text = item.text ?? storedText
            try s.execute(
                """
                UPDATE item SET url = COALESCE(?, url), normalizedUrl = COALESCE(?, normalizedUrl), title = ?, text = ?,
                  author = COALESCE(?, author), published = COALESCE(?, published), updated = COALESCE(?, updated),
                  textVersion = ?, lastSeenAt = ? WHERE id = ?
                """,
                [
                    item.url, norm, item.title ?? storedTitle, text, item.author, item.published, item.updated,
                    item.textVersion, at, itemID,
                ])
            let latest = try s.value("SELECT MAX(id) FROM itemRevision WHERE itemId = ?", [itemID], as: Int64.self)
            let changed =
                normalizeWhitespace(storedTitle) != normalizeWhitespace(item.title ?? storedTitle)
                || normalizeWhitespace(storedText) != normalizeWhitespace(text)
            if changed {
                try s.execute("UPDATE item SET needsMatch = TRUE WHERE id = ?", [itemID])
                let revision = try insertRevision(
                    s, item: itemID, run: run, title: item.title ?? storedTitle, text: text,
                    reason: "changed", at: at)
                result = (itemID, revision, latest)
            } else if let latest {
                result = (itemID, latest, nil)
            } else {
                result = (
                    itemID,
                    try insertRevision(
                        s, item: itemID, run: run, title: storedTitle, text: storedText,
                        reason: "first", at: at), nil
                )
            }
        } else {
            let itemID = try s.insert(
                """
                INSERT INTO item(sourceId, guid, url, normalizedUrl, title, text, author, published, updated, textVersion,
                  firstSeenAt, lastSeenAt, firstRunId, needsMatch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)
                """,
                [
                    source, item.guid, item.url, norm, item.title, item.text, item.author, item.published,
                    item.updated, item.textVersion, at, at, run,
                ])
            result = (
                itemID,
                try insertRevision(
                    s, item: itemID, run: run, title: item.title, text: item.text,
                    reason: "first", at: at), nil
            )
        }
        return result
    }
}
