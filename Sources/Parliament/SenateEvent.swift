import VeilleCore

/// One typed lifecycle delta of a Sénat question, with its date.
///
/// For Sénat items these kinds replace the foundation's `new` and `changed`. `reference` is the question
/// whose snapshot changed; a `reminded` event concerns the *reminded* question, named by
/// `remindedReference` (CSV) or `remindedNumber` (page, within the same legislature): the lead attaches it
/// to that item when it is stored.
public struct SenateEvent: Sendable, Equatable, Codable {
    /// The delta kinds, shared with the Assemblée (``QuestionEvent/Kind``); the Sénat never produces
    /// `renewed` or `closed`.
    public typealias Kind = QuestionEvent.Kind

    public var kind: Kind
    /// The question the change was seen on.
    public var reference: String
    /// `YYYY-MM-DD` when the sources give it (JO date, transmission date, erratum date); nil otherwise, and
    /// the lead uses the run's time.
    public var date: String?
    /// `forwarded`: the ministry transmitted to; `answered`/`answer-corrected`: the answering ministry.
    public var ministry: String?
    /// `answered`: the answer's JO page; `answer-corrected`: the erratum's JO page.
    public var joPage: Int?
    /// `reminded`: the reminded question's reference, when the CSV gives it.
    public var remindedReference: String?
    /// `reminded`: the reminded question's number as printed, when the page gives it.
    public var remindedNumber: String?

    /// An event; only the kind and the question are required.
    public init(
        kind: Kind, reference: String, date: String? = nil, ministry: String? = nil, joPage: Int? = nil,
        remindedReference: String? = nil, remindedNumber: String? = nil
    ) {
        self.kind = kind
        self.reference = reference
        self.date = date
        self.ministry = ministry
        self.joPage = joPage
        self.remindedReference = remindedReference
        self.remindedNumber = remindedNumber
    }
}
