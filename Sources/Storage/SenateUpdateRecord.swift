import Foundation
import VeilleCore

/// What one crawl learnt of one Sénat question: its item as it now reads, its new stored state, and its
/// lifecycle deltas. ``Store/applySenateCrawl(source:run:csv:pages:updates:notModified:problem:at:nextDue:)`` stores
/// a batch of them in one transaction.
public struct SenateUpdateRecord: Sendable, Equatable {
    /// One lifecycle delta to record.
    public struct Delta: Sendable, Equatable {
        /// `published`, `forwarded`, `answered`, `answer-corrected`, `lapsed`, `withdrawn`, `converted`, `reminded`.
        public var kind: DeltaKind
        /// The `senate` object of the export, as JSON.
        public var detail: String
        /// The question the delta belongs to when it is not this one (`reminded`: the reminded question); the
        /// delta stays on this question when that one is not stored.
        public var target: String?
        /// A first crawl's delta.
        public var baseline: Bool

        /// A delta; `target` nil means this question.
        public init(kind: DeltaKind, detail: String, target: String? = nil, baseline: Bool) {
            self.kind = kind
            self.detail = detail
            self.target = target
            self.baseline = baseline
        }
    }

    /// The stored state after this crawl (its `itemId` is ignored: the store finds or creates the item).
    public var record: SenateQuestionRecord
    /// The item: GUID = the reference, URL = the page, title and text from the page (or the row).
    public var item: IncomingItem
    public var deltas: [Delta]

    /// An update of one question.
    public init(record: SenateQuestionRecord, item: IncomingItem, deltas: [Delta]) {
        self.record = record
        self.item = item
        self.deltas = deltas
    }
}

/// What storing one Sénat crawl recorded.
public struct SenateApplyOutcome: Sendable, Equatable {
    /// Questions stored or updated.
    public var questions: Int
    /// Deltas recorded, by kind.
    public var deltas: [RecordedDelta]

    /// `published` deltas (the Sénat's `new`).
    public var publishedCount: Int { deltas.filter { $0.kind == .published }.count }
    /// Every other lifecycle delta (the Sénat's `changed`).
    public var lifecycleCount: Int { deltas.count - publishedCount }
}
