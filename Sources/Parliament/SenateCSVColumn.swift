/// The CSV's columns (SENAT.md), recognised by their folded names: case, accents, spaces and punctuation
/// ignored, so `Numéro`, `numero` and `NUMERO` are one column.
enum SenateCSVColumn: CaseIterable {
    case sort, nature, number, reference, title, lastName, firstName, civility, circonscription, group
    case published, depositMinistry, transmissionDate, transmissionMinistry, answerMinistry, answerDate
    case remindedReference, themes, url

    /// The folded names each column is known by.
    var names: [String] {
        switch self {
        case .sort: return ["sort"]
        case .nature: return ["nature"]
        case .number: return ["numero", "num", "no"]
        case .reference: return ["reference", "ref"]
        case .title: return ["titre"]
        case .lastName: return ["nom"]
        case .firstName: return ["prenom"]
        case .civility: return ["civilite"]
        case .circonscription: return ["circonscription"]
        case .group: return ["groupe"]
        case .published: return ["datedepublicationjo", "datedepublication"]
        case .depositMinistry: return ["ministerededepot"]
        case .transmissionDate: return ["datedetransmission"]
        case .transmissionMinistry: return ["ministeredetransmission"]
        case .answerMinistry: return ["ministeredereponse", "ministerereponse"]
        case .answerDate: return ["datedereponsejo", "datedereponse"]
        case .remindedReference: return ["referencedelaquestionrappelee", "questionrappelee"]
        case .themes: return ["themes", "theme"]
        case .url: return ["urlquestion", "url"]
        }
    }

    /// The name a user sees in an error.
    var label: String {
        switch self {
        case .published: return "Date de publication JO"
        case .transmissionDate: return "Date de transmission"
        case .answerDate: return "Date de réponse JO"
        case .reference: return "Référence"
        default: return "\(self)"
        }
    }

    /// Maps header cells to columns: index per column, first occurrence wins.
    static func map(_ header: [String]) -> [SenateCSVColumn: Int] {
        var lookup: [String: SenateCSVColumn] = [:]
        for c in allCases { for n in c.names { lookup[n] = c } }
        var out: [SenateCSVColumn: Int] = [:]
        for (i, cell) in header.enumerated() {
            if let c = lookup[SenateText.fold(cell)], out[c] == nil { out[c] = i }
        }
        return out
    }
}
