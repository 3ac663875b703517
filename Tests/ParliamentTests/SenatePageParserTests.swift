import Foundation
import Testing

@testable import Parliament

/// The page parser against the hand-built fixtures (see Fixtures/README.md).
struct SenatePageParserTests {
    static let seedVariants = [
        "qSEQ231109012.modern.utf-8.html", "qSEQ231109012.modern.iso-8859-1.html",
        "qSEQ231109012.old.iso-8859-1.html", "qSEQ231109012.old.utf-8.html",
    ]
    static let meae = "Ministère de l'Europe et des affaires étrangères"

    @Test("seed 001 parses to the contract's JSON, in both markups and both encodings", arguments: seedVariants)
    func seedJSON(file: String) throws {
        let path = "pages/" + file
        let q = try SenatePageParser.parse(
            try FixtureLoader.bytes(path), httpCharset: nil, url: FixtureLoader.url(path).path)
        let expected = try FixtureLoader.text("pages/qSEQ231109012.expected.json").trimmingCharacters(in: .newlines)
        #expect(SenateJSON.object(q) == expected)
        #expect(q.number == "09012")
        #expect(q.legislature == 16)
        #expect(q.published == "2023-11-23")
        #expect(q.joPage == 6510)
        #expect(q.answer?.published == "2024-02-22")
        #expect(q.answer?.joPage == 675)
        #expect(q.author == SenateQuestion.Author(civility: "M.", lastName: "OUZOULIAS", firstName: "Pierre"))
        #expect(q.group == "CRCE-K")
        #expect(q.circonscription == "Hauts-de-Seine")
        #expect(q.questionText?.contains("- page") == false)
        #expect(q.questionText?.components(separatedBy: "\n\n").count == 4)
    }

    @Test("the JSON round-trips through Codable with every key present")
    func codable() throws {
        let q = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/state-pending.html"), httpCharset: nil, url: nil)
        let data = try JSONEncoder().encode(q)
        let back = try JSONDecoder().decode(SenateQuestion.self, from: data)
        #expect(back == q)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        #expect(keys.contains("answer") && keys.contains("erratum") && keys.contains("reminder_of"))
    }

    struct StateCase: Sendable, CustomStringConvertible {
        var file: String
        var state: SenateState
        var ministry: String?
        var transmittedTo: String?
        var answerPublished: String?
        var questionText: Bool
        var answerText: Bool
        var description: String { file }
    }

    static let states: [StateCase] = [
        StateCase(
            file: "state-pending.html", state: .pending, ministry: "Premier ministre", questionText: true,
            answerText: false),
        StateCase(
            file: "state-forwarded.html", state: .pending, ministry: meae, transmittedTo: meae, questionText: true,
            answerText: false),
        StateCase(
            file: "qSEQ231109012.modern.utf-8.html", state: .answered, ministry: meae, transmittedTo: meae,
            answerPublished: "2024-02-22", questionText: true, answerText: true),
        StateCase(
            file: "state-session.html", state: .answered, ministry: meae, answerPublished: "2024-02-22",
            questionText: true, answerText: true),
        StateCase(
            file: "state-session-only.html", state: .answered, answerPublished: "2024-02-20", questionText: true,
            answerText: true),
        StateCase(
            file: "qSEQ800302705.modern.utf-8.html", state: .answered, ministry: "Culture",
            answerPublished: "1980-06-14", questionText: false, answerText: false),
        StateCase(file: "state-reminder.html", state: .pending, ministry: meae, questionText: true, answerText: false),
        StateCase(file: "state-lapsed.html", state: .lapsed, questionText: true, answerText: false),
        StateCase(file: "state-withdrawn.html", state: .withdrawn, questionText: true, answerText: false),
        StateCase(file: "state-converted.html", state: .converted, questionText: true, answerText: false),
        StateCase(
            file: "state-erratum.html", state: .answered, ministry: meae, transmittedTo: meae,
            answerPublished: "2024-02-22", questionText: true, answerText: true),
        StateCase(file: "state-not-online.html", state: .unpublished, questionText: false, answerText: false),
        StateCase(file: "state-answer-not-online.html", state: .unpublished, questionText: true, answerText: false),
        StateCase(
            file: "qSEQ800433743.old.iso-8859-1.html", state: .answered, ministry: "Environnement",
            answerPublished: "1980-07-16", questionText: false, answerText: false),
    ]

    @Test("one page per state of SENAT.md's table", arguments: states)
    func state(_ c: StateCase) throws {
        let q = try SenatePageParser.parse(try FixtureLoader.bytes("pages/" + c.file), httpCharset: nil, url: nil)
        #expect(q.state == c.state)
        #expect(q.ministry == c.ministry)
        #expect(q.transmittedTo == c.transmittedTo)
        #expect(q.answer?.published == c.answerPublished)
        #expect((q.questionText != nil) == c.questionText)
        #expect((q.answer?.text != nil) == c.answerText)
        if c.state != .answered { #expect(q.answer == nil) }
    }

    @Test("state details: reminder, erratum, title, legislature")
    func details() throws {
        let reminder = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/state-reminder.html"), httpCharset: nil, url: nil)
        #expect(reminder.reminderOf == "09012")
        #expect(reminder.reference == "qSEQ240310500")
        #expect(reminder.questionText?.hasPrefix("Rappelle") == false)
        let erratum = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/state-erratum.html"), httpCharset: nil, url: nil)
        #expect(erratum.erratum == SenateQuestion.Erratum(published: "2024-03-07", joPage: 1001))
        #expect(erratum.answer?.text?.contains("Erratum") == false)
        let pending = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/state-pending.html"), httpCharset: nil, url: nil)
        #expect(pending.title == "Campagne de déstabilisation des Jeux olympiques 2024")
        let old = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/qSEQ800302705.old.iso-8859-1.html"),
            httpCharset: nil, url: "qSEQ800302705.old.iso-8859-1.html")
        #expect(old.legislature == nil)
        #expect(old.group == "U.C.D.P.")
        #expect(old.reference == "qSEQ800302705")
    }

    @Test(
        "the 1980 texts give the same fields in both markups and encodings",
        arguments: ["qSEQ800302705", "qSEQ800433743"])
    func sameFields1980(reference: String) throws {
        let modern = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/\(reference).modern.utf-8.html"),
            httpCharset: nil, url: nil)
        let old = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/\(reference).old.iso-8859-1.html"),
            httpCharset: nil, url: "\(reference).old.iso-8859-1.html")
        #expect(modern == old)
        #expect(modern.questionText == nil)
        #expect(modern.answer?.text == nil)
        #expect(modern.author?.lastName == (reference == "qSEQ800302705" ? "CLUZEL" : "CHAUVIN"))
    }

    @Test("a page that is not a question page names the missing markers")
    func notAQuestionPage() throws {
        let bytes = try FixtureLoader.bytes("pages/basile-rechercheQuestion-2016.iso-8859-1.html")
        #expect(throws: ParliamentError.missingMarkers([SenateMarkers.Name.author, SenateMarkers.Name.published])) {
            try SenatePageParser.parse(bytes, httpCharset: nil, url: nil)
        }
    }

    @Test("body lines that look like markers stay in the text")
    func markerLookalikes() throws {
        let html =
            "<p>Question de M. A B (C - D) publiée le 01/01/2020</p><p>Question de principe (voir plus haut).</p>"
            + "<p>La 16e législature a commencé.</p><p>- page 3</p><p>En attente de réponse du Premier ministre.</p>"
        let q = try SenatePageParser.parse(Array(html.utf8), httpCharset: nil, url: nil)
        #expect(q.questionText == "Question de principe (voir plus haut).\n\nLa 16e législature a commencé.")
        #expect(q.joPage == 3)
        #expect(q.ministry == "Premier ministre")
        #expect(q.reference == nil)
        #expect(q.legislature == nil)
    }

    static let hostileInputs: [String: String] = [
        "empty": "",
        "one bracket": "<",
        "author line only": "<html><body><p>Question de M. X</p></body></html>",
        "20 000 nested divs": String(repeating: "<div>", count: 20_000)
            + "Question de M. A B (C - D) publiée le 01/01/2020<p>- page 1",
        "absurd date and page":
            "<p>Question de M. A (B) publiée le 99/99/9999</p><p>x</p><p>- page 99999999999999999</p>",
        "binary": String(decoding: (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37) }, as: UTF8.self),
    ]

    @Test("hostile or broken input never crashes", arguments: hostileInputs.keys.sorted())
    func hostile(name: String) {
        _ = try? SenatePageParser.parse(Array((Self.hostileInputs[name] ?? "").utf8), httpCharset: nil, url: nil)
    }

    @Test("nested markup (within libxml2's depth limit) still yields the question")
    func deepNesting() throws {
        let html =
            String(repeating: "<div>", count: 200)
            + "<p>Question de M. A B (C - D) publiée le 01/01/2020</p><p>Texte.</p><p>- page 1</p>"
        let q = try SenatePageParser.parse(Array(html.utf8), httpCharset: nil, url: nil)
        #expect(q.published == "2020-01-01")
        #expect(q.questionText == "Texte.")
    }

    @Test(
        "author line variants: particles, apparentés, dotted groups",
        arguments: [
            (
                "Question de Mme de LA GONTRIE Marie-Pierre (Paris - SER) publiée le 02/03/2023",
                SenateQuestion.Author(civility: "Mme", lastName: "de LA GONTRIE", firstName: "Marie-Pierre"), "Paris",
                "SER"
            ),
            (
                "Question de M. CHAUVIN Adolphe (Val-d'Oise - U.C.D.P.) publiée le 12/04/1980",
                SenateQuestion.Author(civility: "M.", lastName: "CHAUVIN", firstName: "Adolphe"), "Val-d'Oise",
                "U.C.D.P."
            ),
        ])
    func authorLines(line: String, author: SenateQuestion.Author, circonscription: String, group: String) {
        let a = SenateAuthorLine(line)
        #expect(a.author == author)
        #expect(a.circonscription == circonscription)
        #expect(a.group == group)
    }
}
