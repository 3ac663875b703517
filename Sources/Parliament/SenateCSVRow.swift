/// One row of the Sénat's questions CSV (`questions-depuis-un-an.csv`), keyed on its reference.
///
/// Dates are `YYYY-MM-DD` whatever the file used; empty cells are nil; `line` is where the row starts in
/// the file (1-based, the header is line 1).
public struct SenateCSVRow: Sendable, Equatable, Codable {
    /// `qSEQ231109012`: the stable key.
    public var reference: String
    /// `QE`, `QOSD` or `QG` (normalized: the search engine's `QAG` is `QG`).
    public var nature: String?
    /// As printed, leading zeros kept.
    public var number: String?
    public var title: String?
    /// `M.` or `Mme`.
    public var civility: String?
    public var lastName: String?
    public var firstName: String?
    public var circonscription: String?
    public var group: String?
    /// `Date de publication JO`.
    public var published: String?
    public var depositMinistry: String?
    public var transmissionDate: String?
    public var transmissionMinistry: String?
    public var answerMinistry: String?
    /// `Date de réponse JO`: set once the question is answered.
    public var answerDate: String?
    /// `Référence de la question rappelée`: set on a reminder question.
    public var remindedReference: String?
    /// `Sort`: the question's fate as the CSV words it.
    public var sort: String?
    public var themes: String?
    /// `URL Question`, as given (see ``SenateURL/usable(csvURL:base:)``).
    public var url: String?
    public var line: Int

    /// A row with only its reference and line.
    public init(reference: String, line: Int) {
        self.reference = reference
        self.line = line
    }

    /// The state the row implies: an answer date means answered, else the `Sort` wording, else pending.
    public var state: SenateState {
        if answerDate != nil { return .answered }
        let folded = SenateText.fold(sort ?? "")
        for (word, state) in Self.sortWords where SenateText.has(word, in: folded) { return state }
        return .pending
    }

    /// Words of the `Sort` column (folded: no accents, no spaces), first match wins.
    static let sortWords: [(String, SenateState)] = [
        ("attente", .pending), // "En attente de réponse" also contains "réponse": checked first
        ("cadu", .lapsed), // "Caduque"
        ("retir", .withdrawn), // "Retirée"
        ("transform", .converted), // "Transformée en QOSD"
        ("repon", .answered), // "Répondu", "Réponse publiée"
    ]
}
