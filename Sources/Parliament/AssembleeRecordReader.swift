import Foundation
import Markup

/// Reads one record of the Assemblée nationale's written-question archive (`json/QANR5L17QE1234.json`) into a
/// ``WrittenQuestion``. The record structure is described in the README ("Assemblée nationale written
/// questions"): every repeated element may be one object or an array, dates come as `YYYY-MM-DD` or
/// `DD/MM/YYYY`, texts are HTML whose first paragraph starts with `1234. — 10 mars 2026. — `.
///
/// Tolerant of unknown keys, strict about the uid: it must have the form `QANR5L{legislature}{type}{number}`
/// and, when a file name is given, be that file's name.
public enum AssembleeRecordReader {
    /// Reads one record.
    ///
    /// - Parameters:
    ///   - bytes: the JSON file.
    ///   - fileName: the entry's base name (`QANR5L17QE1234.json`), checked against the uid; nil to skip it.
    /// - Throws: ``ParliamentError/assembleeRecord(name:reason:)``.
    public static func read(_ bytes: [UInt8], fileName: String? = nil) throws -> WrittenQuestion {
        let name = fileName ?? "record"
        func fail(_ reason: String) -> ParliamentError { .assembleeRecord(name: name, reason: reason) }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw fail("not JSON")
        }
        guard let q = (root as? [String: Any])?["question"] as? [String: Any] else {
            throw fail("not a question record (no \"question\" object)")
        }
        guard let uid = string(q["uid"]) else { throw fail("no uid") }
        guard let parts = AssembleeUID(uid) else { throw fail("malformed uid \"\(uid)\"") }
        if let fileName {
            let stem = fileName.hasSuffix(".json") ? String(fileName.dropLast(5)) : fileName
            guard stem == uid else { throw fail("uid \(uid) does not match the file name") }
        }
        var out = WrittenQuestion(chamber: .assemblee, uid: uid)
        let id = q["identifiant"] as? [String: Any]
        out.number = string(id?["numero"]) ?? parts.number
        out.legislature = string(id?["legislature"]).flatMap { Int($0) } ?? parts.legislature
        out.nature = string(q["type"]) ?? parts.nature
        let author = q["auteur"] as? [String: Any]
        out.authorRef = string((author?["identite"] as? [String: Any])?["acteurRef"])
        out.group = string((author?["groupe"] as? [String: Any])?["abrege"])
        out.ministryAsked = ministryName(q["minInt"])
        out.attributions = many((q["minAttribs"] as? [String: Any])?["minAttrib"]).compactMap {
            ministryName($0["denomination"])
        }
        let index = q["indexationAN"] as? [String: Any]
        out.rubric = string(index?["rubrique"])
        let analyses = manyStrings((index?["analyses"] as? [String: Any])?["analyse"])
        out.title = analyses.first ?? string(index?["teteAnalyse"]) ?? out.rubric
        let texts = many((q["textesQuestion"] as? [String: Any])?["texteQuestion"])
        if let first = texts.first {
            let jo = first["infoJO"] as? [String: Any]
            out.published = date(jo?["dateJO"])
            out.joPage = string(jo?["pageJO"]).flatMap { Int($0) }
            out.questionText = text(first["texte"])
        }
        let answers = many((q["textesReponse"] as? [String: Any])?["texteReponse"])
        out.answers = answers.map { a in
            let jo = a["infoJO"] as? [String: Any]
            return .init(
                ministry: out.ministry, published: date(jo?["dateJO"]),
                joPage: string(jo?["pageJO"]).flatMap { Int($0) }, text: text(a["texte"]))
        }
        if let c = q["cloture"] as? [String: Any] {
            let jo = c["infoJO"] as? [String: Any]
            out.closing = .init(
                code: string(c["codeCloture"]), label: string(c["libelleCloture"]),
                date: date(c["dateCloture"]) ?? date(jo?["dateJO"]))
        }
        out.reminders = many(q["signalement"]).compactMap { s in
            date(s["dateDepotSignal"]) ?? date((s["infoJO"] as? [String: Any])?["dateJO"])
        }
        out.renewals = renewals(q["renouvellements"])
        out.state = state(answers: !answers.isEmpty, closing: out.closing)
        return out
    }

    /// The state the record implies (it has no state field): answered when an answer text is present or the
    /// closing code is `REP_PUB`; otherwise, with a closing, withdrawn or lapsed by its label ("retirée",
    /// "caduque", accents and case ignored) and `closed` for any other; otherwise pending.
    static func state(answers: Bool, closing: WrittenQuestion.Closing?) -> QuestionState {
        if answers || closing?.code == "REP_PUB" { return .answered }
        guard let closing else { return .pending }
        let label = SenateText.fold(closing.label ?? "")
        if label.contains("retir") { return .withdrawn }
        if label.contains("caduq") || label.contains("caduc") { return .lapsed }
        return .closed
    }

    /// `minInt` or a `denomination`: the long name, else the short one.
    static func ministryName(_ any: Any?) -> String? {
        guard let m = any as? [String: Any] else { return nil }
        return string(m["developpe"]) ?? string(m["abrege"])
    }

    /// The dates of the re-tablings, whatever their wrapping (`{"renouvellement": …}`, a list, one object).
    static func renewals(_ any: Any?) -> [String] {
        var items = many(any)
        if items.count == 1, let inner = items[0]["renouvellement"] { items = many(inner) }
        return items.compactMap { r in
            for key in ["dateRenouvellement", "dateDepot", "date"] { if let d = date(r[key]) { return d } }
            return date((r["infoJO"] as? [String: Any])?["dateJO"])
        }
    }

    /// One object or an array of objects, as a list (null and anything else: empty).
    static func many(_ any: Any?) -> [[String: Any]] {
        if let one = any as? [String: Any] { return [one] }
        return (any as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    /// One string or an array of strings, as a list.
    static func manyStrings(_ any: Any?) -> [String] {
        if let one = string(any) { return [one] }
        return (any as? [Any])?.compactMap { string($0) } ?? []
    }

    /// A non-empty trimmed string (numbers as written); nil for null, empty or anything else.
    static func string(_ any: Any?) -> String? {
        let s: String
        if let text = any as? String {
            s = text
        } else if let n = any as? NSNumber, !(any is Bool) {
            s = n.stringValue
        } else {
            return nil
        }
        let t = SenateText.collapse(s)
        return t.isEmpty ? nil : t
    }

    /// `2026-03-10` (a time or zone after it ignored) or `10/03/2026` → `2026-03-10`; nil otherwise.
    static func date(_ any: Any?) -> String? {
        guard let s = string(any) else { return nil }
        let u = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && u[r].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if digits(0..<4), u.count >= 10, u[4] == 0x2D, u[7] == 0x2D, digits(5..<7), digits(8..<10) {
            return String(decoding: u[0..<10], as: UTF8.self)
        }
        if u.count >= 10, digits(0..<2), u[2] == 0x2F, digits(3..<5), u[5] == 0x2F, digits(6..<10) {
            let d = String(decoding: u[0..<2], as: UTF8.self)
            let m = String(decoding: u[3..<5], as: UTF8.self)
            let y = String(decoding: u[6..<10], as: UTF8.self)
            return "\(y)-\(m)-\(d)"
        }
        return nil
    }

    /// HTML to text (block elements and `<br>` end paragraphs, entities decoded, white space collapsed),
    /// without the `1234. — 10 mars 2026. — ` prefix.
    static func text(_ any: Any?) -> String? {
        guard let html = any as? String, !html.isEmpty else { return nil }
        guard let document = MarkupDocument.html(Array(html.utf8)) else { return nil }
        let lines = SenatePageText(document: document).lines.map(\.text).filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        var paragraphs = lines
        paragraphs[0] = stripPrefix(paragraphs[0])
        let out = paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return out.isEmpty ? nil : out
    }

    /// `1234. — 10 mars 2026. — M. X…` → `M. X…`: digits, a dot, a dash, up to 40 characters, a dot and a
    /// dash (em or en dash, or a hyphen), then the text. Anything else is kept as it is.
    static func stripPrefix(_ s: String) -> String {
        let dashes: Set<Character> = ["—", "–", "-"]
        var i = s.startIndex
        while i < s.endIndex, s[i].isASCII, s[i].isNumber { i = s.index(after: i) }
        guard i > s.startIndex, i < s.endIndex, s[i] == "." else { return s }
        i = s.index(after: i)
        while i < s.endIndex, s[i] == " " { i = s.index(after: i) }
        guard i < s.endIndex, dashes.contains(s[i]) else { return s }
        i = s.index(after: i)
        var seen = 0
        while i < s.endIndex, seen < 40, !dashes.contains(s[i]) {
            i = s.index(after: i)
            seen += 1
        }
        guard i < s.endIndex, dashes.contains(s[i]) else { return s }
        return String(s[s.index(after: i)...].drop(while: { $0 == " " }))
    }
}

/// The parts of an Assemblée uid: `QANR5L17QE1234` → legislature 17, nature `QE`, number `1234`.
public struct AssembleeUID: Sendable, Equatable {
    public var legislature: Int
    public var nature: String
    public var number: String

    /// Parses `QANR5L{legislature}{QE|QG|QOSD}{number}`; nil for anything else.
    public init?(_ uid: String) {
        guard uid.hasPrefix("QANR5L") else { return nil }
        let rest = uid.dropFirst(6)
        let leg = rest.prefix(while: { $0.isASCII && $0.isNumber })
        let afterLeg = rest.dropFirst(leg.count)
        guard let legislature = Int(leg), legislature > 0 else { return nil }
        guard let nature = ["QOSD", "QE", "QG"].first(where: { afterLeg.hasPrefix($0) }) else { return nil }
        let number = afterLeg.dropFirst(nature.count)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.legislature = legislature
        self.nature = nature
        self.number = String(number)
    }
}
