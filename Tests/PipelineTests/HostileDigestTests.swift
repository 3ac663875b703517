import Foundation
import Pipeline
import Storage
import Testing
import TestSupport

/// CR/LF, `<script>`, Markdown and header-like text in titles and bodies stay inert text in the digest
/// files (hostile-input issue): no line of the Markdown starts with an injected header or heading, no
/// raw HTML tag survives, and the JSON parses and gives back exactly the stored titles.
@Suite struct HostileDigestTests {
    /// Line starts an attacker would want in a digest or a mail.
    static let injectedLineStarts = ["Bcc:", "Subject:", "Content-Type:", "X-Injected:", "# Titre injecté", "--boundary",
                                     "corps", "[clic]"]
    /// Raw markup that must never reach a digest unescaped.
    static let rawMarkup = ["<script", "<img", "</entry>", "<entry>", "</title>", "<h1>", "</a>"]

    @Test func injectedTextIsInertInMarkdownAndJSON() async throws {
        let w = try await PipelineWorld()
        // A first, benign crawl makes the baseline, so that the hostile items are listed (not counted).
        try w.server.write("feed.xml", "<rss version=\"2.0\"><channel><title>Injection</title><item><guid>calm</guid><title>Calme</title></item></channel></rss>")
        try Hostile.configure(w, [Hostile.feed(w, id: "inject", path: "/feed.xml")])
        _ = try await w.run()
        try w.server.write("feed.xml", try PipelineWorld.fixtureText("hostile/injection.rss"))
        let report = try await w.run()
        #expect(report.outcomes.first?.status == "ok", "\(report.outcomes)")
        let deltas = try w.store().deltas(.run(report.runID))
        #expect(deltas.count == 3, "\(deltas.map(\.title))")

        let md = try String(contentsOfFile: try #require(report.digestPaths.first { $0.hasSuffix(".md") }), encoding: .utf8)
        for line in md.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for start in Self.injectedLineStarts {
                #expect(!trimmed.hasPrefix(start), "injected line in the Markdown: \(line)")
            }
        }
        for tag in Self.rawMarkup { #expect(!md.contains(tag), "raw \(tag) in the Markdown") }
        #expect(!md.contains("\r"))
        for delta in deltas { #expect(md.contains("inject.example/\(delta.guid?.split(separator: "-").last ?? "")")) }

        let jsonPath = try #require(report.digestPaths.first { $0.hasSuffix(".json") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        let items = sections.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }
        let jsonTitles = items.compactMap { ($0["item"] as? [String: Any])?["title"] as? String }.sorted()
        #expect(jsonTitles == deltas.compactMap(\.title).sorted(), "the JSON gives back the stored titles exactly")
        #expect(jsonTitles.contains { $0.contains("Bcc: victime@example.org") }, "text is kept as text, escaped by the JSON encoder")
    }

    @Test func injectedSourceErrorsAreInertToo() async throws {
        // A hostile redirect target becomes part of the source's error message in "sources in trouble":
        // it must stay inside its one code span (a backtick in it cannot close the span early).
        let w = try await PipelineWorld()
        try w.server.route("/feed.xml", .redirect(to: "gopher://x/`# Titre`<script>alert(1)</script>`"))
        try Hostile.configure(w, [Hostile.feed(w, id: "trouble", path: "/feed.xml")])
        let report = try await w.run()
        #expect(report.outcomes.first?.status == "failed")
        let md = try String(contentsOfFile: try #require(report.digestPaths.first { $0.hasSuffix(".md") }), encoding: .utf8)
        let line = try #require(md.split(whereSeparator: \.isNewline).first { $0.hasPrefix("- **trouble**") })
        #expect(line.filter { $0 == "`" }.count == 2, "one code span: \(line)")
        #expect(line.hasSuffix("`"))
        let jsonPath = try #require(report.digestPaths.first { $0.hasSuffix(".json") })
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) is [String: Any])
    }
}
