import Foundation

/// The author line: "Question de M. OUZOULIAS Pierre (Hauts-de-Seine - CRCE-K) publiée le 23/11/2023",
/// or on old pages "… publiée dans le JO Sénat du 25/03/1980 - page 345".
struct SenateAuthorLine: Equatable {
    var author: SenateQuestion.Author?
    var circonscription: String?
    var group: String?
    var published: String?
    var joPage: Int?

    /// Civilities as printed, normalized to the contract's two values.
    static let civilities: [(String, String)] = [
        ("mme ", "Mme"), ("madame ", "Mme"), ("m. ", "M."), ("monsieur ", "M."), ("m ", "M."),
    ]

    init(_ line: String) {
        let k = SenateText.key(line)
        let pub = SenateText.find(" " + SenateMarkers.published, in: k)
        let headEnd = pub.map { k.distance(from: k.startIndex, to: $0.lowerBound) } ?? k.count
        if let pub {
            let tail = k[pub.upperBound...]
            published = SenateDate.firstFrench(in: tail)
            joPage = SenateLine.inlinePage(String(tail))
        }
        // "M. NOM Prénom (Circonscription - GROUPE)"
        var head = String(line.prefix(headEnd).dropFirst(SenateMarkers.author.count))
            .trimmingCharacters(in: .whitespaces)
        if let open = head.lastIndex(of: "(") {
            let inside = head[head.index(after: open)...].prefix(while: { $0 != ")" })
            let parts = inside.components(separatedBy: " - ")
            if parts.count >= 2 {
                circonscription = Self.nonEmpty(parts.dropLast().joined(separator: " - "))
                group = Self.nonEmpty(parts[parts.count - 1])
            } else {
                circonscription = Self.nonEmpty(String(inside))
            }
            head = String(head[..<open]).trimmingCharacters(in: .whitespaces)
        }
        author = Self.person(head)
    }

    /// Collapsed, nil when empty (a group's final period is kept: "U.C.D.P.").
    static func nonEmpty(_ s: String) -> String? {
        let t = SenateText.collapse(s)
        return t.isEmpty ? nil : t
    }

    /// "M. NOM Prénom": the last name is every token up to the last upper-case one (particles kept).
    static func person(_ raw: String) -> SenateQuestion.Author? {
        var civility: String?
        var rest = Substring(raw)
        let k = SenateText.key(raw)
        for (prefix, value) in civilities where k.hasPrefix(prefix) {
            civility = value
            rest = rest.dropFirst(prefix.count)
            break
        }
        let tokens = rest.split(separator: " ")
        guard civility != nil || !tokens.isEmpty else { return nil }
        let lastUpper = tokens.lastIndex(where: { t in
            t.contains(where: { $0.isLetter }) && t == t.uppercased() && t.count > 1
        })
        guard let lastUpper else {
            return SenateQuestion.Author(
                civility: civility, lastName: tokens.isEmpty ? nil : tokens.joined(separator: " "),
                firstName: nil)
        }
        let first = tokens[(lastUpper + 1)...].joined(separator: " ")
        return SenateQuestion.Author(
            civility: civility, lastName: tokens[...lastUpper].joined(separator: " "),
            firstName: first.isEmpty ? nil : first)
    }
}
