import Foundation
import Parliament
import Storage

/// Turns what a crawl learnt of each touched question into stored updates: the merged snapshot, the
/// lifecycle events (``SenateLifecycle``) as typed deltas, and the item as it now reads.
///
/// 1. `new = SenateSnapshot(row:page:)` with this crawl's page, else the stored one (a page not fetched
///    this time is not knowledge lost);
/// 2. `events(old: stored, new:)`; on the source's first crawl a new question keeps only its `published`
///    delta, flagged baseline;
/// 3. a `reminded` event goes to the reminded question (by reference, else by number), else stays on the
///    reminder;
/// 4. title and text from the page (`itemTitle`, `itemText`), the row's title while there is no page.
struct SenateUpdateBuilder {
    let sourceID: String
    let pages: String
    let baseline: Bool
    let now: Date
    /// Every stored question of the source (to resolve `reminded` targets).
    let stored: [String: SenateQuestionRecord]

    /// One touched question with what its page fetch gave (nil when its page was not fetched).
    struct Input {
        var target: SenatePlan.Target
        var page: SenatePageFetch.Result?
    }

    /// The stored updates of the touched questions, in plan order (a question with neither row nor page is
    /// dropped: there is nothing to say of it).
    func updates(_ inputs: [Input]) -> [SenateUpdateRecord] {
        var snapshots: [String: SenateSnapshot] = [:]
        var prepared: [(Input, SenateSnapshot, SenateQuestion?)] = []
        for input in inputs {
            let storedPage = SenateCoding.decode(SenateQuestion.self, input.target.stored?.page)
            var page = storedPage
            if case .parsed(let q, _, _) = input.page { page = q }
            guard let new = SenateSnapshot(row: input.target.row, page: page) else { continue }
            snapshots[input.target.reference] = new
            prepared.append((input, new, page))
        }
        return prepared.map { input, new, page in update(input, new: new, page: page, batch: snapshots) }
    }

    private func update(
        _ input: Input, new: SenateSnapshot, page: SenateQuestion?,
        batch: [String: SenateSnapshot]
    ) -> SenateUpdateRecord {
        let t = input.target
        let old = SenateCoding.decode(SenateSnapshot.self, t.stored?.snapshot)
        var events = SenateLifecycle.events(old: old, new: new)
        let isBaseline = baseline && old == nil
        if isBaseline { events = events.filter { $0.kind == .published } }
        var deltas: [SenateUpdateRecord.Delta] = []
        for e in events {
            if e.kind == .reminded, let target = remindedTarget(e, batch: batch), target.reference != new.reference {
                let detail = SenateCoding.detail(
                    reference: target.reference, number: target.number, state: target.state,
                    answerDate: target.answerDate, event: e, remindedBy: new.reference)
                deltas.append(
                    .init(kind: e.kind.deltaKind, detail: detail, target: target.reference, baseline: isBaseline))
            } else {
                let detail = SenateCoding.detail(
                    reference: new.reference, number: new.number, state: new.state,
                    answerDate: new.answerDate, event: e)
                deltas.append(.init(kind: e.kind.deltaKind, detail: detail, baseline: isBaseline))
            }
        }
        let url = SenatePageFetch.url(pages: pages, reference: t.reference, row: t.row)
        return SenateUpdateRecord(
            record: record(input, new: new, page: page, url: url),
            item: item(new, page: page, row: t.row, url: url), deltas: deltas)
    }

    /// The reminded question's snapshot: by the CSV's reference, else by the page's number.
    private func remindedTarget(_ e: SenateEvent, batch: [String: SenateSnapshot]) -> SenateSnapshot? {
        if let ref = e.remindedReference {
            return batch[ref] ?? SenateCoding.decode(SenateSnapshot.self, stored[ref]?.snapshot)
        }
        guard let number = e.remindedNumber else { return nil }
        if let hit = batch.values.first(where: { $0.number == number && $0.reference != e.reference }) { return hit }
        let match = stored.values.filter { $0.number == number && $0.reference != e.reference }
            .max(by: { $0.reference < $1.reference })
        return SenateCoding.decode(SenateSnapshot.self, match?.snapshot)
    }

    private func record(_ input: Input, new: SenateSnapshot, page: SenateQuestion?, url: String?)
        -> SenateQuestionRecord
    {
        let old = input.target.stored
        var r = SenateQuestionRecord(
            sourceId: sourceID, reference: new.reference, itemId: old?.itemId ?? 0, number: new.number,
            state: new.state.rawValue, snapshot: SenateCoding.encode(new) ?? "{}",
            csvRow: SenateCoding.rowText(input.target.row), page: page.flatMap(SenateCoding.encode),
            pageUrl: old?.pageUrl,
            pageEtag: old?.pageEtag, pageLastModified: old?.pageLastModified, lastPageFetchAt: old?.lastPageFetchAt,
            pageTries: old?.pageTries ?? 0, pageRetry: old?.pageRetry ?? false, updatedAt: now)
        guard let result = input.page else { return r }
        r.lastPageFetchAt = now
        switch result {
        case .parsed(_, let etag, let lastModified):
            r.pageUrl = url
            r.pageEtag = etag
            r.pageLastModified = lastModified
            r.pageTries = 0
            r.pageRetry = false
        case .notModified:
            r.pageTries = 0
            r.pageRetry = false
        case .notYet:
            r.pageTries += 1
            r.pageRetry = r.pageTries < SenatePlan.maxRetries
        }
        return r
    }

    private func item(_ new: SenateSnapshot, page: SenateQuestion?, row: SenateCSVRow?, url: String?) -> IncomingItem {
        var author = page
        if author?.author == nil, let row {
            var q = SenateQuestion(state: .pending)
            q.author = .init(civility: row.civility, lastName: row.lastName, firstName: row.firstName)
            author = q
        }
        let text = page?.itemText
        return IncomingItem(
            guid: new.reference, url: url, title: page?.itemTitle ?? row?.title,
            text: (text?.isEmpty ?? true) ? nil : text, author: author?.authorName,
            published: SenateCoding.date(new.published), textVersion: 1)
    }
}
