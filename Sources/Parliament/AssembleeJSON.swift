import Foundation
import VeilleCore

/// The JSON of `veille assemblee parse`: a ``WrittenQuestion`` read from one archive record, keys in a fixed
/// order (`chamber`, `uid`, `number`, `legislature`, `nature`, `author_ref`, `author`, `group`,
/// `ministry_asked`, `ministry`, `attributions`, `rubric`, `title`, `published`, `jo_page`, `question_text`,
/// `state`, `answers`, `closing`, `reminders`, `renewals`), nulls written.
public enum AssembleeJSON {
    /// One record as a single-line JSON object.
    public static func object(_ q: WrittenQuestion) -> String { JSONValue.object(pairs(q)).serialized() }

    /// One `--batch` line: the record's object with `"file"` first, or `{"file": …, "error": …}`.
    public static func line(forPath path: String) -> String {
        var pairs: [(String, JSONValue)] = [("file", .string(path))]
        guard let data = FileManager.default.contents(atPath: path) else {
            pairs.append(
                ("error", .string(ParliamentError.unreadableFile(path: path, reason: "cannot read").description)))
            return JSONValue.object(pairs).serialized()
        }
        do {
            let q = try AssembleeRecordReader.read(Array(data), fileName: URL(fileURLWithPath: path).lastPathComponent)
            pairs += Self.pairs(q)
        } catch {
            pairs.append(("error", .string("\(error)")))
        }
        return JSONValue.object(pairs).serialized()
    }

    static func pairs(_ q: WrittenQuestion) -> [(String, JSONValue)] {
        let answers: [JSONValue] = q.answers.map { a in
            .object([
                ("ministry", .string(a.ministry)), ("published", .string(a.published)),
                ("jo_page", a.joPage.map { .int($0) } ?? .null), ("text", .string(a.text)),
            ])
        }
        let closing: JSONValue =
            q.closing.map {
                .object([("code", .string($0.code)), ("label", .string($0.label)), ("date", .string($0.date))])
            }
            ?? .null
        return [
            ("chamber", .string(q.chamber.rawValue)), ("uid", .string(q.uid)), ("number", .string(q.number)),
            ("legislature", q.legislature.map { .int($0) } ?? .null), ("nature", .string(q.nature)),
            ("author_ref", .string(q.authorRef)), ("author", .string(q.author)), ("group", .string(q.group)),
            ("ministry_asked", .string(q.ministryAsked)), ("ministry", .string(q.ministry)),
            ("attributions", .array(q.attributions.map { .string($0) })), ("rubric", .string(q.rubric)),
            ("title", .string(q.title)), ("published", .string(q.published)),
            ("jo_page", q.joPage.map { .int($0) } ?? .null), ("question_text", .string(q.questionText)),
            ("state", .string(q.state.rawValue)), ("answers", .array(answers)), ("closing", closing),
            ("reminders", .array(q.reminders.map { .string($0) })),
            ("renewals", .array(q.renewals.map { .string($0) })),
        ]
    }
}
