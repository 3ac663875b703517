/// Where a written question stands, whatever the chamber (the export's `state`).
public enum QuestionState: String, Sendable, Codable, CaseIterable {
    /// Awaiting an answer, forwarded or not.
    case pending
    /// An answer is published. Never goes back to pending.
    case answered
    case withdrawn
    case lapsed
    /// Sénat: turned into an oral question.
    case converted
    /// Assemblée: closed for a reason other than the known ones (kept with its label).
    case closed
    /// Sénat: the "not yet online" page placeholder.
    case unpublished

    /// The Sénat's state in the shared vocabulary (same raw values).
    public init(_ senate: SenateState) { self = QuestionState(rawValue: senate.rawValue) ?? .pending }
}
