import VeilleCore

/// One typed lifecycle delta of a written question, whatever the chamber, with its date.
///
/// For question items these kinds replace the foundation's `new` and `changed`; the raw values are the names
/// `veille export deltas` prints. The Sénat's ``SenateEvent`` uses the same kinds.
public struct QuestionEvent: Sendable, Equatable, Codable {
    /// The delta kinds of both chambers.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// First seen (on a source's first crawl: a baseline, counted not listed).
        case published
        /// A new ministry attribution (a transfer).
        case forwarded
        /// An answer published (one per answer).
        case answered
        /// The published answer replaced by a corrected one (an erratum).
        case answerCorrected = "answer-corrected"
        case lapsed, withdrawn
        /// Sénat: turned into an oral question.
        case converted
        /// Sénat: a reminder question points to it. Assemblée: a `signalement` by the author's group.
        case reminded
        /// Assemblée: re-tabled (`renouvellement`) after two months without an answer.
        case renewed
        /// Assemblée: a closing other than an answer, a withdrawal or a lapse, kept with its label.
        case closed
    }

    public var kind: Kind
    /// The question's stable key (`QANR5L17QE1234`, `qSEQ231109012`).
    public var uid: String
    /// `YYYY-MM-DD` when the source gives it; nil otherwise (the caller uses the run's time).
    public var date: String?
    /// `forwarded`: the new ministry; `answered`/`answer-corrected`: the answering ministry.
    public var ministry: String?
    /// `answered`/`answer-corrected`: the JO page of the answer.
    public var joPage: Int?
    /// `closed` (and withdrawn/lapsed): the closing's label as the source words it.
    public var label: String?

    /// An event; only the kind and the question are required.
    public init(
        kind: Kind, uid: String, date: String? = nil, ministry: String? = nil, joPage: Int? = nil,
        label: String? = nil
    ) {
        self.kind = kind
        self.uid = uid
        self.date = date
        self.ministry = ministry
        self.joPage = joPage
        self.label = label
    }
}

extension QuestionEvent.Kind {
    /// The stored delta kind of the same name.
    public var deltaKind: DeltaKind {
        switch self {
        case .published: return .published
        case .forwarded: return .forwarded
        case .answered: return .answered
        case .answerCorrected: return .answerCorrected
        case .lapsed: return .lapsed
        case .withdrawn: return .withdrawn
        case .converted: return .converted
        case .reminded: return .reminded
        case .renewed: return .renewed
        case .closed: return .closed
        }
    }
}
