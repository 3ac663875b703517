/// Where a question stands in its life, as its page says (the `state` of `veille senate parse`).
public enum SenateState: String, Sendable, Codable, CaseIterable {
    /// Awaiting an answer, forwarded or not.
    case pending
    /// Answered in the JO, or in session.
    case answered
    /// "La question est caduque".
    case lapsed
    /// "La question a été retirée".
    case withdrawn
    /// "Transformée en QOSD …".
    case converted
    /// The "not yet online" placeholder: retried later, never read as an answer.
    case unpublished
}
