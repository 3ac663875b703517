/// A written question to the government and where it stands, whatever the chamber: what a chamber's reader
/// produces (``AssembleeRecordReader`` for the Assemblée's open-data archive, ``SenateQuestion/written`` for
/// a Sénat page) and what ``QuestionLifecycle`` compares from one night to the next.
///
/// Every field the source does not give is nil (JSON null). Dates are `YYYY-MM-DD`; texts are plain,
/// whitespace-normalized, paragraphs separated by a blank line. It is also the JSON of
/// `veille assemblee parse` (snake_case keys, every key present).
public struct WrittenQuestion: Sendable, Equatable, Codable {
    /// Which chamber asked it.
    public enum Chamber: String, Sendable, Codable {
        case senate, assemblee
    }

    /// A minister's answer as published in the JO.
    public struct Answer: Sendable, Equatable, Codable {
        public var ministry: String?
        /// The JO date of the answer.
        public var published: String?
        public var joPage: Int?
        public var text: String?

        /// An answer; nil fields are unknown.
        public init(ministry: String?, published: String?, joPage: Int?, text: String?) {
            self.ministry = ministry
            self.published = published
            self.joPage = joPage
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case ministry, published
            case joPage = "jo_page"
            case text
        }

        /// Encodes every key, nil ones as null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ministry, forKey: .ministry)
            try c.encode(published, forKey: .published)
            try c.encode(joPage, forKey: .joPage)
            try c.encode(text, forKey: .text)
        }
    }

    /// How the question was closed, as the source words it (`REP_PUB`, "Réponse publiée").
    public struct Closing: Sendable, Equatable, Codable {
        public var code: String?
        public var label: String?
        public var date: String?

        /// A closing; nil fields are unknown.
        public init(code: String?, label: String?, date: String?) {
            self.code = code
            self.label = label
            self.date = date
        }

        /// Encodes every key, nil ones as null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(label, forKey: .label)
            try c.encode(date, forKey: .date)
        }
    }

    public var chamber: Chamber
    /// The stable key: `QANR5L17QE1234` (Assemblée), `qSEQ231109012` (Sénat).
    public var uid: String
    /// As printed: `1234`, `09012`.
    public var number: String?
    public var legislature: Int?
    /// `QE`, `QG`, `QOSD`.
    public var nature: String?
    /// The author's reference in the chamber's data (`PA…`), when the source names authors by reference.
    public var authorRef: String?
    /// The author's name, when known ("M. Pierre Ouzoulias").
    public var author: String?
    /// The author's group, short form (`LFI-NFP`, `CRCE-K`).
    public var group: String?
    /// The ministry questioned first.
    public var ministryAsked: String?
    /// The ministries the question was attributed to, in order (the last one is in charge).
    public var attributions: [String]
    /// The heading it is filed under (`rubrique`).
    public var rubric: String?
    /// The item's title: the analysis, else the heading.
    public var title: String?
    /// The question's JO date.
    public var published: String?
    public var joPage: Int?
    public var questionText: String?
    /// Answers in publication order (a corrected answer follows the one it replaces).
    public var answers: [Answer]
    public var closing: Closing?
    public var state: QuestionState
    /// Dates of the group's flags (`signalement`): each one is a `reminded` event.
    public var reminders: [String]
    /// Dates of re-tablings (`renouvellement`): each one is a `renewed` event.
    public var renewals: [String]

    /// A question with every optional field empty.
    public init(chamber: Chamber, uid: String, state: QuestionState = .pending) {
        self.chamber = chamber
        self.uid = uid
        self.state = state
        attributions = []
        answers = []
        reminders = []
        renewals = []
    }

    /// The ministry in charge: the last attribution, else the one questioned.
    public var ministry: String? { attributions.last ?? ministryAsked }
    /// The latest answer.
    public var answer: Answer? { answers.last }

    /// The item's text: the question, then the answers, separated by a blank line.
    public var itemText: String {
        ([questionText] + answers.map(\.text)).compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    enum CodingKeys: String, CodingKey {
        case chamber, uid, number, legislature, nature
        case authorRef = "author_ref"
        case author, group
        case ministryAsked = "ministry_asked"
        case attributions, rubric, title, published
        case joPage = "jo_page"
        case questionText = "question_text"
        case answers, closing, state, reminders, renewals
    }

    /// Encodes every key, nil ones as null, as the `assemblee parse` contract wants.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(chamber, forKey: .chamber)
        try c.encode(uid, forKey: .uid)
        try c.encode(number, forKey: .number)
        try c.encode(legislature, forKey: .legislature)
        try c.encode(nature, forKey: .nature)
        try c.encode(authorRef, forKey: .authorRef)
        try c.encode(author, forKey: .author)
        try c.encode(group, forKey: .group)
        try c.encode(ministryAsked, forKey: .ministryAsked)
        try c.encode(attributions, forKey: .attributions)
        try c.encode(rubric, forKey: .rubric)
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
        try c.encode(joPage, forKey: .joPage)
        try c.encode(questionText, forKey: .questionText)
        try c.encode(answers, forKey: .answers)
        try c.encode(closing, forKey: .closing)
        try c.encode(state, forKey: .state)
        try c.encode(reminders, forKey: .reminders)
        try c.encode(renewals, forKey: .renewals)
    }
}
