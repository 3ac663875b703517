import Foundation
import VeilleCore

/// The JSON of `veille senate parse` (the contract in the README, "Sénat written questions"), keys in the contract's order, nulls written.
public enum SenateJSON {
    /// One question as a single-line JSON object.
    public static func object(_ q: SenateQuestion) -> String {
        var w = Writer()
        w.open()
        fields(q, into: &w)
        w.close()
        return w.out
    }

    /// One `--batch` line for a file: the question's object with `"file"` first, or
    /// `{"file": …, "error": …}` when the file cannot be read or is not a question page.
    ///
    /// - Parameters:
    ///   - path: the file to read and parse; its name gives the reference when the page has no canonical link.
    ///   - encoding: a charset forced by `--encoding`, used as the HTTP charset would be.
    public static func line(forPath path: String, encoding: String?) -> String {
        var w = Writer()
        w.open()
        w.key("file")
        w.string(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            w.key("error")
            w.string(ParliamentError.unreadableFile(path: path, reason: "cannot read").description)
            w.close()
            return w.out
        }
        do {
            let q = try SenatePageParser.parse(Array(data), httpCharset: encoding, url: path)
            fields(q, into: &w)
        } catch {
            w.key("error")
            w.string("\(error)")
        }
        w.close()
        return w.out
    }

    static func fields(_ q: SenateQuestion, into w: inout Writer) {
        w.key("reference")
        w.string(q.reference)
        w.key("nature")
        w.string(q.nature)
        w.key("number")
        w.string(q.number)
        w.key("legislature")
        w.int(q.legislature)
        w.key("author")
        if let a = q.author {
            w.open()
            w.key("civility")
            w.string(a.civility)
            w.key("last_name")
            w.string(a.lastName)
            w.key("first_name")
            w.string(a.firstName)
            w.close()
        } else {
            w.null()
        }
        w.key("circonscription")
        w.string(q.circonscription)
        w.key("group")
        w.string(q.group)
        w.key("published")
        w.string(q.published)
        w.key("jo_page")
        w.int(q.joPage)
        w.key("ministry")
        w.string(q.ministry)
        w.key("transmitted_to")
        w.string(q.transmittedTo)
        w.key("state")
        w.string(q.state.rawValue)
        w.key("answer")
        if let a = q.answer {
            w.open()
            w.key("ministry")
            w.string(a.ministry)
            w.key("published")
            w.string(a.published)
            w.key("jo_page")
            w.int(a.joPage)
            w.key("text")
            w.string(a.text)
            w.close()
        } else {
            w.null()
        }
        w.key("title")
        w.string(q.title)
        w.key("question_text")
        w.string(q.questionText)
        w.key("reminder_of")
        w.string(q.reminderOf)
        w.key("erratum")
        if let e = q.erratum {
            w.open()
            w.key("published")
            w.string(e.published)
            w.key("jo_page")
            w.int(e.joPage)
            w.close()
        } else {
            w.null()
        }
    }

    /// A minimal streaming JSON writer: objects, strings, ints and null.
    struct Writer {
        var out = ""
        private var first = [Bool]()

        mutating func open() {
            out += "{"
            first.append(true)
        }
        mutating func close() {
            out += "}"
            first.removeLast()
        }
        mutating func key(_ k: String) {
            if first.last == false { out += ", " }
            if !first.isEmpty { first[first.count - 1] = false }
            string(k)
            out += ": "
        }
        mutating func null() { out += "null" }
        mutating func int(_ v: Int?) { out += v.map(String.init) ?? "null" }
        mutating func string(_ v: String?) {
            guard let v else { return null() }
            out += JSONValue.quoted(v)
        }
    }
}
