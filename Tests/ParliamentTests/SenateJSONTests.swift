import Foundation
import Testing

@testable import Parliament

/// `veille senate parse` output: one object, and `--batch` lines with "file".
struct SenateJSONTests {
    @Test("a batch line is the object with \"file\" first")
    func batchLine() throws {
        let path = FixtureLoader.url("pages/qSEQ231109012.modern.utf-8.html").path
        let line = SenateJSON.line(forPath: path, encoding: nil)
        let object = try FixtureLoader.text("pages/qSEQ231109012.expected.json").trimmingCharacters(in: .newlines)
        #expect(line == "{\"file\": " + SenateJSONTests.quoted(path) + ", " + object.dropFirst())
    }

    @Test("a forced encoding is used like the HTTP charset", arguments: ["iso-8859-1", "windows-1252", "utf-8"])
    func forcedEncoding(name: String) throws {
        let path = FixtureLoader.url("pages/qSEQ231109012.old.iso-8859-1.html").path
        let line = SenateJSON.line(forPath: path, encoding: name)
        #expect(line.contains("\"circonscription\": \"Hauts-de-Seine\""))
        #expect(line.contains("Ministère de l'Europe")) // declared UTF-8 on Latin-1 bytes falls back (charset rule)
    }

    @Test(
        "errors become {file, error} lines",
        arguments: ["pages/basile-rechercheQuestion-2016.iso-8859-1.html", "pages/absent.html"])
    func errorLines(file: String) throws {
        let line = SenateJSON.line(forPath: FixtureLoader.url(file).path, encoding: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["error"] is String)
        #expect(object.count == 2)
    }

    @Test("strings are escaped")
    func escaping() throws {
        var q = SenateQuestion(state: .pending)
        q.title = "a \"b\" \\ c\nd\u{1}"
        let json = SenateJSON.object(q)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["title"] as? String == q.title)
        #expect(object.count == 17)
    }

    @Test(
        "split author blocks are joined",
        arguments: [
            "<div>Question de M. OUZOULIAS Pierre</div><div>(Hauts-de-Seine - CRCE-K)</div><div>publiée le 23/11/2023</div>",
            "<p>Question de M. OUZOULIAS Pierre (Hauts-de-Seine - CRCE-K)<br>publiée le 23/11/2023</p>",
        ])
    func splitAuthor(head: String) throws {
        let html =
            head
            + "<p>Texte.</p><p>- page 6510</p><p>Réponse du Premier ministre</p><p>publiée le 22/02/2024</p><p>R.</p>"
        let q = try SenatePageParser.parse(Array(html.utf8), httpCharset: nil, url: nil)
        #expect(q.group == "CRCE-K")
        #expect(q.published == "2023-11-23")
        #expect(q.answer?.published == "2024-02-22")
        #expect(q.answer?.ministry == "Premier ministre")
    }

    static func quoted(_ s: String) -> String {
        var w = SenateJSON.Writer()
        w.string(s)
        return w.out
    }
}
