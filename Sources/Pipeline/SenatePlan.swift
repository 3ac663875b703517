import Foundation
import Parliament
import Storage

/// Which questions a crawl touches and whose pages it fetches:
/// 1. a question seen for the first time: stored from its row; its page is fetched, except on the source's
///    first crawl when it was published before the `backfill` period;
/// 2. a question whose CSV row changed: its page is fetched;
/// 3. a page marked for retry (not yet online, 404 on its first day): fetched again on the next run;
/// 4. a pending question whose page was fetched before: fetched again at most once a week.
/// Everything else is left alone: a question leaving the CSV's window produces nothing.
struct SenatePlan: Sendable {
    /// One question this crawl touches.
    struct Target: Sendable {
        var reference: String
        /// The CSV row: this crawl's, else the stored one (a 304, or a question no longer in the CSV).
        var row: SenateCSVRow?
        var stored: SenateQuestionRecord?
        var fetchPage: Bool
    }

    /// Pending pages are re-checked at most this often (an answer can reach the page before the CSV).
    static let recheckPending: TimeInterval = 7 * 86_400
    /// A page not yet online (or answering 404) is retried on each run this many times, then weekly.
    static let maxRetries = 7

    /// The touched questions: the CSV's in file order, then stored ones no longer in it whose page is due.
    var targets: [Target] = []

    /// Plans one crawl.
    ///
    /// - Parameters:
    ///   - rows: the CSV's rows of the followed natures, nil when the CSV answered 304.
    ///   - stored: the stored questions of the source, by reference.
    ///   - baseline: this is the source's first successful crawl.
    ///   - backfill: on the first crawl, pages are fetched only for questions published within it (all when nil).
    init(
        rows: [SenateCSVRow]?, stored: [String: SenateQuestionRecord], baseline: Bool, backfill: TimeInterval?,
        now: Date
    ) {
        var seen = Set<String>()
        for row in rows ?? [] {
            seen.insert(row.reference)
            guard let old = stored[row.reference] else {
                let fetch = !baseline || Self.within(row.published, backfill: backfill, now: now)
                targets.append(Target(reference: row.reference, row: row, stored: nil, fetchPage: fetch))
                continue
            }
            let changed = SenateCoding.rowText(row) != old.csvRow
            if changed || Self.pageDue(old, now: now) {
                targets.append(Target(reference: row.reference, row: row, stored: old, fetchPage: true))
            }
        }
        for (reference, old) in stored.sorted(by: { $0.key < $1.key }) where !seen.contains(reference) {
            guard Self.pageDue(old, now: now) else { continue }
            let row = SenateCoding.decode(SenateCSVRow.self, old.csvRow)
            targets.append(Target(reference: reference, row: row, stored: old, fetchPage: true))
        }
    }

    /// A retry is due, or a pending question's page was last fetched a week ago or more.
    static func pageDue(_ q: SenateQuestionRecord, now: Date) -> Bool {
        if q.pageRetry { return true }
        guard q.state == SenateState.pending.rawValue || q.state == SenateState.unpublished.rawValue,
            let last = q.lastPageFetchAt
        else { return false }
        return now.timeIntervalSince(last) >= recheckPending
    }

    /// Published within `backfill` before `now` (an unknown date counts as within: it cannot be ruled out).
    static func within(_ published: String?, backfill: TimeInterval?, now: Date) -> Bool {
        guard let backfill else { return true }
        guard let date = SenateCoding.date(published) else { return true }
        return date >= now.addingTimeInterval(-backfill - 86_400)
    }
}
