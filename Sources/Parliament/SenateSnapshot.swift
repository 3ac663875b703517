/// What veille knows of one question at one moment: its CSV row and/or its parsed page, merged.
///
/// The lead stores it as JSON beside the item (it is `Codable`) and hands the stored one back as `old` to
/// ``SenateLifecycle/events(old:new:)``. When both sources are present, the CSV row wins for the status
/// fields (it is refreshed daily and worded the same every day) and the page fills what the row lacks
/// (texts, JO pages, erratum, the answer given in session).
public struct SenateSnapshot: Sendable, Equatable, Codable {
    public var reference: String
    public var number: String?
    public var nature: String?
    /// The best-known state: an answer from either source, else an end state from either, else pending
    /// (`unpublished` only when the page placeholder is all there is).
    public var state: SenateState
    /// The question's JO date.
    public var published: String?
    /// The ministry the question was transmitted to, if any (the CSV's wording first, else the page's).
    public var transmittedTo: String?
    /// The transmission as the CSV words it (`Ministère de transmission`).
    public var csvTransmittedTo: String?
    /// The transmission as the page words it ("Transmise au …").
    public var pageTransmittedTo: String?
    public var transmissionDate: String?
    public var answerMinistry: String?
    public var answerDate: String?
    public var answerJOPage: Int?
    /// The answer's text, whitespace-normalized (nil until the page gives it).
    public var answerText: String?
    public var erratum: SenateQuestion.Erratum?
    /// The reference of the question this one reminds (CSV).
    public var remindedReference: String?
    /// The number of the question this one reminds, as printed (page).
    public var remindedNumber: String?
    /// True when the snapshot includes a CSV row (the question is inside the CSV's window).
    public var fromCSV: Bool
    /// True when the snapshot includes a parsed page.
    public var fromPage: Bool

    /// Merges a row and a page of the same question.
    ///
    /// - Returns: nil when both are nil.
    public init?(row: SenateCSVRow?, page: SenateQuestion?) {
        guard let reference = row?.reference ?? page?.reference else { return nil }
        self.reference = reference
        fromCSV = row != nil
        fromPage = page != nil
        number = row?.number ?? page?.number
        nature = row?.nature ?? page?.nature
        published = row?.published ?? page?.published
        csvTransmittedTo = row?.transmissionMinistry
        pageTransmittedTo = page?.transmittedTo
        transmittedTo = csvTransmittedTo ?? pageTransmittedTo
        transmissionDate = row?.transmissionDate
        answerMinistry = row?.answerMinistry ?? page?.answer?.ministry
        answerDate = row?.answerDate ?? page?.answer?.published
        answerJOPage = page?.answer?.joPage
        answerText = page?.answer?.text
        erratum = page?.erratum
        remindedReference = row?.remindedReference
        remindedNumber = page?.reminderOf
        state = Self.merge(row?.state, page?.state)
    }

    static func merge(_ row: SenateState?, _ page: SenateState?) -> SenateState {
        if row == .answered || page == .answered { return .answered }
        for end in [SenateState.lapsed, .withdrawn, .converted] where row == end || page == end { return end }
        if row == nil, page == .unpublished { return .unpublished }
        return .pending
    }

    /// True when a reminder question points to another one.
    var reminds: Bool { remindedReference != nil || remindedNumber != nil }
}
