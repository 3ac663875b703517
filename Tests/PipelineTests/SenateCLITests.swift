import Foundation
import Testing

/// `veille senate parse` over the built binary: the JSON contract, `--batch`, and exit 2 for a file
/// that cannot be read or is not a question page.
@Suite struct SenateCLITests {
    static func object(_ line: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)
    }

    @Test func theSeedPageParsesToTheContract() throws {
        let page = PipelineWorld.fixture("senate/qSEQ231109012.modern.utf-8.html").path
        let result = try CLITests.run(["senate", "parse", page])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let expected = try Self.object(try PipelineWorld.fixtureText("senate/qSEQ231109012.expected.json"))
        #expect(try Self.object(result.stdout) == expected)

        let old = PipelineWorld.fixture("senate/qSEQ231109012.old.iso-8859-1.html").path
        let latin = try CLITests.run(["senate", "parse", old, "--encoding", "iso-8859-1"])
        #expect(latin.code == 0)
        let parsed = try Self.object(latin.stdout)
        #expect(parsed["number"] as? String == "09012" && parsed["state"] as? String == "answered")
    }

    @Test func batchPrintsOneLinePerPathWithFile() throws {
        let page = PipelineWorld.fixture("senate/state-pending.html").path
        let other = PipelineWorld.fixture("senate/basile-rechercheQuestion-2016.iso-8859-1.html").path
        let result = try CLITests.run(["senate", "parse", "--batch"], stdin: "\(page)\n/no/such/file.html\n\(other)\n")
        #expect(result.code == 0)
        let lines = try result.stdout.split(separator: "\n").map { try Self.object(String($0)) }
        #expect(lines.count == 3)
        #expect(lines[0]["file"] as? String == page && lines[0]["state"] as? String == "pending")
        #expect(lines[1]["error"] is String && lines[2]["error"] is String)
    }

    @Test func anUnreadableOrNonQuestionFileExitsTwo() throws {
        let missing = try CLITests.run(["senate", "parse", "/no/such/file.html"])
        #expect(missing.code == 2 && missing.stdout.isEmpty && missing.stderr.contains("/no/such/file.html"))
        let search = PipelineWorld.fixture("senate/basile-rechercheQuestion-2016.iso-8859-1.html").path
        let notQuestion = try CLITests.run(["senate", "parse", search])
        #expect(notQuestion.code == 2 && notQuestion.stderr.contains("missing markers"))
        #expect(try CLITests.run(["senate", "parse"]).code == 2)
        #expect(try CLITests.run(["senate", "--help"]).code == 0)
    }

    @Test func exportDeltasCarriesTheSenateObject() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate(backfill: nil)
        try w.serveCSV([SenateTestRow(number: "09012", reference: "qSEQ231109012")])
        try w.servePage("state-pending.html", as: "qSEQ231109012")
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        let run = try CLITests.run(["run", "--all"] + common)
        #expect(run.code == 0, "\(run.stderr)")
        let export = try CLITests.run(["export", "deltas"] + common)
        #expect(export.code == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try Self.object(String(lines[0]))
        #expect(object["kind"] as? String == "published" && object["baseline"] as? Bool == true)
        let senate = try #require(object["senate"] as? NSDictionary)
        #expect(senate["reference"] as? String == "qSEQ231109012" && senate["number"] as? String == "09012")
        #expect(senate["state"] as? String == "pending" && senate["answer_date"] is NSNull)
        #expect(senate["date"] as? String == "2023-11-23")
    }
}
