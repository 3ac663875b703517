/// What a recorded delta says happened to an item: the `kind` column of the `delta` table and the `kind` of
/// the export and the digests. The raw values are the stored strings.
public enum DeltaKind: String, Sendable, Codable, CaseIterable {
    /// An item seen for the first time.
    case new
    /// An item whose title or text changed (silent changes included).
    case changed
    /// An article page that now answers 404 or 410 (a takedown), recorded once.
    case removed
    /// A Sénat question published (the Sénat's `new`).
    case published
    /// A Sénat question forwarded to another ministry.
    case forwarded
    /// A Sénat question answered.
    case answered
    /// An erratum to a Sénat answer.
    case answerCorrected = "answer-corrected"
    /// A Sénat question lapsed at the end of a legislature.
    case lapsed
    /// A Sénat question withdrawn by its author.
    case withdrawn
    /// A Sénat written question turned into an oral one.
    case converted
    /// A Sénat question reminded by a later one; an Assemblée question flagged by its author's group
    /// (`signalement`).
    case reminded
    /// An Assemblée question re-tabled (`renouvellement`) after two months without an answer.
    case renewed
    /// An Assemblée question closed for a reason veille does not know (its label is kept).
    case closed
}

extension DeltaKind: CustomStringConvertible {
    public var description: String { rawValue }
}
