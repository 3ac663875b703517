import Foundation

/// One line of a question page, classified by the marker it starts with (SENAT.md's table).
enum SenateLine: Equatable {
    case heading(nature: String?, number: String?, legislature: Int?)
    case legislature(Int)
    case author
    case joPage(Int)
    case pending(ministry: String?)
    case transmitted(ministry: String?)
    case answer(ministry: String?, published: String?, joPage: Int?)
    case session(date: String?)
    case reminder(number: String?)
    case lapsed, withdrawn, converted
    case erratum(published: String?, joPage: Int?)
    case notYetOnline
    case noDigitalText
    case end
    case text

    /// Classifies a whitespace-collapsed line.
    static func classify(_ line: String) -> SenateLine {
        guard SenateText.mayBeMarker(line) else { return .text }
        let k = SenateText.key(line)
        guard k.count <= SenateMarkers.maxMarkerLength else { return .text }
        typealias M = SenateMarkers
        if k.hasPrefix(M.end) { return .end }
        if let n = joPageLine(k) { return .joPage(n) }
        if k.hasPrefix(M.author), k.utf8.contains(0x28) || SenateText.has(M.published, in: k) { return .author }
        if k.hasPrefix(M.pending) {
            return .pending(ministry: ministry(String(line.dropFirst(M.pending.count)), M.ministryArticles))
        }
        if k.hasPrefix(M.transmitted) {
            return .transmitted(ministry: ministry(String(line.dropFirst(M.transmitted.count)), M.transmissionArticles))
        }
        if k.hasPrefix(M.session) { return .session(date: SenateDate.firstFrench(in: k)) }
        if k.hasPrefix(M.answer), let a = answer(line, k) { return a }
        if k.hasPrefix(M.reminder) { return .reminder(number: number(after: k)) }
        if k.hasPrefix(M.converted) { return .converted }
        if k.hasPrefix(M.erratum) { return erratum(k) }
        if M.notYetOnline.contains(where: { SenateText.has($0, in: k) }) { return .notYetOnline }
        if SenateText.has(M.noDigitalText, in: k) { return .noDigitalText }
        if M.lapsed.contains(where: { SenateText.has($0, in: k) }) { return .lapsed }
        if M.withdrawn.contains(where: { SenateText.has($0, in: k) }), SenateText.has("question", in: k) {
            return .withdrawn
        }
        if k.hasPrefix(M.heading), let number = number(after: k) {
            return .heading(nature: nature(k), number: number, legislature: legislature(k))
        }
        if let l = legislature(k), k.count < 40 { return .legislature(l) }
        return .text
    }

    /// "- page 6510" (dashes optional) as a line of its own.
    static func joPageLine(_ k: String) -> Int? {
        let rest = k.drop(while: { $0 == "-" || $0 == " " })
        guard rest.hasPrefix("page ") else { return nil }
        let tail = rest.dropFirst(5).trimmingCharacters(in: .whitespaces)
        let digits = tail.hasSuffix(".") ? String(tail.dropLast()) : tail
        guard !digits.isEmpty, digits.count < 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// "- page N" inside a line (old pages: "publiée dans le JO Sénat du dd/mm/yyyy - page N").
    static func inlinePage(_ k: String) -> Int? {
        guard
            let r = SenateText.find("- page ", in: k, backwards: true)
                ?? SenateText.find(" page ", in: k, backwards: true)
        else { return nil }
        return SenateText.firstInt(k[r.upperBound...].prefix(10))
    }

    /// "Réponse du Ministère X publiée le …" / "Réponse du ministère : Culture publiée le …".
    static func answer(_ line: String, _ k: String) -> SenateLine? {
        let pub = SenateText.find(" " + SenateMarkers.published, in: k)
        let articles = SenateMarkers.ministryArticles
        guard pub != nil || articles.contains(where: { k.dropFirst(SenateMarkers.answer.count).hasPrefix($0) }),
            k.count < 200 || pub != nil
        else { return nil }
        let nameEnd = pub.map { k.distance(from: k.startIndex, to: $0.lowerBound) } ?? k.count
        var name = String(line.prefix(nameEnd).dropFirst(SenateMarkers.answer.count))
        let nameKey = SenateText.key(name)
        if let colon = SenateText.find(SenateMarkers.oldMinistry, in: nameKey) {
            let offset = nameKey.distance(from: nameKey.startIndex, to: colon.upperBound)
            name = String(name.dropFirst(offset))
        } else {
            name = SenateText.dropArticle(name, articles)
        }
        let tail = pub.map { k[$0.upperBound...] } ?? ""
        return .answer(
            ministry: SenateText.trimmedPhrase(name), published: SenateDate.firstFrench(in: tail),
            joPage: tail.isEmpty ? nil : inlinePage(String(tail)))
    }

    static func erratum(_ k: String) -> SenateLine {
        var page: Int?
        if let r = SenateText.find("p.", in: k, backwards: true) ?? SenateText.find("page", in: k, backwards: true) {
            page = SenateText.firstInt(k[r.upperBound...].prefix(12))
        }
        return .erratum(published: SenateDate.firstFrench(in: k), joPage: page)
    }

    static func ministry(_ raw: String, _ articles: [String]) -> String? {
        SenateText.trimmedPhrase(SenateText.dropArticle(raw.trimmingCharacters(in: .whitespaces), articles))
    }

    /// The token after "n°": "09012", "0827S".
    static func number(after k: String) -> String? {
        for sign in SenateMarkers.numberSigns {
            guard let r = SenateText.find(sign, in: k) else { continue }
            let token = k[r.upperBound...].drop(while: { $0 == " " }).prefix(while: { $0 != " " })
            let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:)("))
            if let first = trimmed.first, first.isNumber { return trimmed.uppercased() }
        }
        return nil
    }

    /// "16e législature", "16ème législature".
    static func legislature(_ k: String) -> Int? {
        guard let r = SenateText.find(SenateMarkers.legislature, in: k) else { return nil }
        let before = k[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        let ordinal = before.split(separator: " ").last ?? ""
        let digits = ordinal.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        return Int(digits)
    }

    /// The nature a heading names: "Question écrite" → QE, "Question orale" → QOSD, "d'actualité" → QG.
    static func nature(_ k: String) -> String? {
        let rest = k.dropFirst(SenateMarkers.heading.count)
        if rest.hasPrefix("écrite") { return "QE" }
        if rest.hasPrefix("orale") { return "QOSD" }
        if rest.hasPrefix("d'actualité") || rest.hasPrefix("au gouvernement") { return "QG" }
        return nil
    }
}
