import Foundation
import Parliament
import Storage
import VeilleCore

/// Turns the readings of changed records into stored updates: the lifecycle events
/// (``QuestionLifecycle``) as typed deltas with their `assemblee` export object, the reading to store, and
/// the item as it now reads (GUID = uid, URL = the question's page, text = question then answers).
struct AssembleeUpdateBuilder {
    let pages: String
    let baseline: Bool

    /// One record read from the archive.
    struct Input {
        var question: WrittenQuestion
        var stamp: AssembleeEntryStamp
    }

    /// The update of one record, given its stored reading (JSON, nil for a question never seen).
    func update(_ input: Input, stored: String?) -> AssembleeUpdateRecord {
        let old = SenateCoding.decode(WrittenQuestion.self, stored)
        let new = QuestionLifecycle.carry(old: old, new: input.question)
        var events = QuestionLifecycle.events(old: old, new: new)
        let isBaseline = baseline && old == nil
        if isBaseline { events = events.filter { $0.kind == .published } }
        let deltas = events.map { (kind: $0.kind.deltaKind, detail: Self.detail(new, event: $0)) }
        let url = Self.pageURL(pages: pages, question: new)
        let text = new.itemText
        let item = IncomingItem(
            guid: new.uid, url: url, title: new.title ?? new.questionText.map(Self.firstSentence),
            text: text.isEmpty ? nil : text, author: new.author, published: SenateCoding.date(new.published),
            textVersion: 1)
        return AssembleeUpdateRecord(
            uid: new.uid, number: new.number, legislature: new.legislature, state: new.state.rawValue,
            stamp: input.stamp, snapshot: SenateCoding.encode(new) ?? "{}", item: item, deltas: deltas,
            baseline: isBaseline, pageDue: !isBaseline && !deltas.isEmpty)
    }

    /// `…/q17/` + `17-1234QE.htm`.
    static func pageURL(pages: String, question q: WrittenQuestion) -> String? {
        guard let parts = AssembleeUID(q.uid) else { return nil }
        return pages + "\(parts.legislature)-\(parts.number)\(parts.nature).htm"
    }

    /// The export object: `{"uid", "number", "legislature", "state", "answer_date"}` (the contract), then the
    /// event's own facts (its date, ministry, JO page, closing label) for the digest line.
    static func detail(_ q: WrittenQuestion, event e: QuestionEvent) -> String {
        let answerDate = q.state == .answered ? (q.answer?.published ?? q.closing?.date) : nil
        var pairs: [(String, JSONValue)] = [
            ("uid", .string(q.uid)), ("number", .string(q.number)),
            ("legislature", q.legislature.map { .int($0) } ?? .null),
            ("state", .string(q.state.rawValue)), ("answer_date", .string(answerDate)), ("date", .string(e.date)),
        ]
        if let m = e.ministry { pairs.append(("ministry", .string(m))) }
        if let p = e.joPage { pairs.append(("jo_page", .int(p))) }
        if let l = e.label { pairs.append(("label", .string(l))) }
        return JSONValue.object(pairs).serialized()
    }

    /// The first sentence of a question (up to 200 characters), as a title when the record has no analysis.
    static func firstSentence(_ text: String) -> String {
        var q = SenateQuestion(state: .pending)
        q.questionText = text
        return q.itemTitle ?? String(text.prefix(200))
    }
}
