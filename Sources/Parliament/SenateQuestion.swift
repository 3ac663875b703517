/// One Sénat question as its page tells it: exactly the JSON contract of `veille senate parse` (README, "Sénat written questions").
///
/// Every field the page does not give is nil (JSON null), never guessed. Dates are `YYYY-MM-DD`; texts are
/// whitespace-normalized, paragraphs separated by a blank line, without the "- page N" lines.
public struct SenateQuestion: Sendable, Equatable, Codable {
    /// The senator who asked.
    public struct Author: Sendable, Equatable, Codable {
        /// `M.` or `Mme`.
        public var civility: String?
        /// As printed (upper case), particles kept: `OUZOULIAS`, `de LA GONTRIE`.
        public var lastName: String?
        public var firstName: String?

        /// An author as printed.
        public init(civility: String?, lastName: String?, firstName: String?) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
        }

        enum CodingKeys: String, CodingKey {
            case civility
            case lastName = "last_name"
            case firstName = "first_name"
        }

        /// Encodes every key, nil ones as null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(civility, forKey: .civility)
            try c.encode(lastName, forKey: .lastName)
            try c.encode(firstName, forKey: .firstName)
        }
    }

    /// The minister's answer: the chamber-neutral ``WrittenQuestion/Answer`` (ministry as the page names
    /// it; JO date, else the session date; text nil when the page says it is not available in digital form).
    public typealias Answer = WrittenQuestion.Answer

    /// "Erratum : JO du dd/mm/yyyy, p. N".
    public struct Erratum: Sendable, Equatable, Codable {
        public var published: String?
        public var joPage: Int?

        /// An erratum; nil fields are unknown.
        public init(published: String?, joPage: Int?) {
            self.published = published
            self.joPage = joPage
        }

        enum CodingKeys: String, CodingKey {
            case published
            case joPage = "jo_page"
        }

        /// Encodes every key, nil ones as null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(published, forKey: .published)
            try c.encode(joPage, forKey: .joPage)
        }
    }

    /// `qSEQ231109012`: from the canonical link, else the file name or URL.
    public var reference: String?
    /// `QE`, `QOSD` or `QG`.
    public var nature: String?
    /// As printed, leading zeros kept: `09012`.
    public var number: String?
    /// Nil when no heading names it.
    public var legislature: Int?
    public var author: Author?
    public var circonscription: String?
    public var group: String?
    /// The question's JO date.
    public var published: String?
    /// The question's JO page.
    public var joPage: Int?
    /// The ministry in charge of the answer; nil for a lapsed, withdrawn or converted question.
    public var ministry: String?
    public var transmittedTo: String?
    public var state: SenateState
    public var answer: Answer?
    /// The page's own title (its main heading), when it has one.
    public var title: String?
    public var questionText: String?
    /// The number, as printed, of the question a reminder points to.
    public var reminderOf: String?
    public var erratum: Erratum?

    /// A question with every optional field nil.
    public init(state: SenateState) { self.state = state }

    enum CodingKeys: String, CodingKey {
        case reference, nature, number, legislature, author, circonscription, group, published
        case joPage = "jo_page"
        case ministry
        case transmittedTo = "transmitted_to"
        case state, answer, title
        case questionText = "question_text"
        case reminderOf = "reminder_of"
        case erratum
    }

    /// Encodes every key, nil ones as null, as the contract wants.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reference, forKey: .reference)
        try c.encode(nature, forKey: .nature)
        try c.encode(number, forKey: .number)
        try c.encode(legislature, forKey: .legislature)
        try c.encode(author, forKey: .author)
        try c.encode(circonscription, forKey: .circonscription)
        try c.encode(group, forKey: .group)
        try c.encode(published, forKey: .published)
        try c.encode(joPage, forKey: .joPage)
        try c.encode(ministry, forKey: .ministry)
        try c.encode(transmittedTo, forKey: .transmittedTo)
        try c.encode(state, forKey: .state)
        try c.encode(answer, forKey: .answer)
        try c.encode(title, forKey: .title)
        try c.encode(questionText, forKey: .questionText)
        try c.encode(reminderOf, forKey: .reminderOf)
        try c.encode(erratum, forKey: .erratum)
    }
}
