import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// CR/LF, `<script>`, Markdown and header-like text in titles and bodies stay inert text in the digest
/// files: no line of the Markdown starts with an injected header or heading, no
/// raw HTML tag survives, and the JSON parses and gives back exactly the stored titles.
@Suite struct HostileDigestTests {
    /// Line starts an attacker would want in a digest or a mail.
    static let injectedLineStarts = [
        "Bcc:", "Subject:", "Content-Type:", "X-Injected:", "# Titre injecté", "--boundary",
        "corps", "[clic]",
    ]
    /// Raw markup that must never reach a digest unescaped.
    static let rawMarkup = ["<script", "<img", "</entry>", "<entry>", "</title>", "<h1>", "</a>"]

    @Test func injectedTextIsInertInMarkdownAndJSON() async throws {
        let w = try await PipelineWorld()
        // A first, benign crawl makes the baseline, so that the hostile items are listed (not counted).
        try w.server.write(
            "feed.xml",
            "<rss version=\"2.0\"><channel><title>Injection</title><item><guid>calm</guid><title>Calme</title></item></channel></rss>"
        )
        try Hostile.configure(w, [Hostile.feed(w, id: "inject", path: "/feed.xml")])
        _ = try await w.run()
        try w.server.write("feed.xml", try PipelineWorld.fixtureText("hostile/injection.rss"))
        let report = try await w.run()
        #expect(report.outcomes.first?.status == .ok, "\(report.outcomes)")
        let deltas = try w.store().deltas(.run(report.runID))
        #expect(deltas.count == 3, "\(deltas.map(\.title))")

        let md = try String(
            contentsOfFile: try #require(report.digestPaths.first { $0.hasSuffix(".md") }), encoding: .utf8)
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
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        let items = sections.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }
        let jsonTitles = items.compactMap { ($0["item"] as? [String: Any])?["title"] as? String }.sorted()
        #expect(jsonTitles == deltas.compactMap(\.title).sorted(), "the JSON gives back the stored titles exactly")
        #expect(
            jsonTitles.contains { $0.contains("Bcc: victime@example.org") },
            "text is kept as text, escaped by the JSON encoder")
    }

    @Test func injectedSourceErrorsAreInertToo() async throws {
        // A hostile redirect target becomes part of the source's error message in "sources in trouble":
        // it must stay inside its one code span (a backtick in it cannot close the span early).
        let w = try await PipelineWorld()
        try w.server.route("/feed.xml", .redirect(to: "gopher://x/`# Titre`<script>alert(1)</script>`"))
        try Hostile.configure(w, [Hostile.feed(w, id: "trouble", path: "/feed.xml")])
        let report = try await w.run()
        #expect(report.outcomes.first?.status == .failed)
        let md = try String(
            contentsOfFile: try #require(report.digestPaths.first { $0.hasSuffix(".md") }), encoding: .utf8)
        let line = try #require(md.split(whereSeparator: \.isNewline).first { $0.hasPrefix("- **trouble**") })
        #expect(line.filter { $0 == "`" }.count == 2, "one code span: \(line)")
        #expect(line.hasSuffix("`"))
        let jsonPath = try #require(report.digestPaths.first { $0.hasSuffix(".json") })
        #expect(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) is [String: Any])
    }

    /// digests.yaml file digests in every format, and the email rendered by `veille digest --replay`.
    static let digestsYAML = """
        smtp:
          url: smtp://127.0.0.1:1
          from: "veille <veille@example.org>"
        digests:
        \(["html", "markdown", "json", "atom"].map { "  - {id: f-\($0), channel: file, format: \($0), unmatched: true, quiet: false}\n" }.joined())
        """

    @Test func injectedTextIsInertInHTMLAtomAndMail() async throws {
        let w = try await PipelineWorld()
        try w.server.write(
            "feed.xml",
            "<rss version=\"2.0\"><channel><title>Injection</title><item><guid>calm</guid><title>Calme</title></item></channel></rss>"
        )
        try Hostile.configure(w, [Hostile.feed(w, id: "inject", path: "/feed.xml")])
        let yaml = w.config.appendingPathComponent("digests.yaml")
        try Self.digestsYAML.write(to: yaml, atomically: true, encoding: .utf8)
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        try w.server.write("feed.xml", try PipelineWorld.fixtureText("hostile/injection.rss"))
        let second = try CLITests.run(["run", "--all"] + common)
        #expect(second.code == 0, "\(second.stderr.suffix(1_000))")
        let run = try #require(try w.store().latestCompletedRun())
        #expect(try w.store().deltas(.run(run)).count == 3)

        func newest(_ prefix: String, _ ext: String) throws -> String {
            let file = try #require(
                Hostile.digestFiles(w).last { $0.lastPathComponent.hasPrefix(prefix) && $0.pathExtension == ext })
            return try String(contentsOf: file, encoding: .utf8)
        }
        let html = try newest("f-html", "html")
        #expect(html.contains("X-Injected"), "the hostile items are listed")
        for tag in ["<script", "<img", "onerror=alert", "</entry>", "<h1>faux"] {
            #expect(!html.contains(tag), "raw \(tag) in the HTML")
        }
        let md = try newest("f-markdown", "md")
        for line in md.split(whereSeparator: \.isNewline) {
            for start in Self.injectedLineStarts {
                #expect(!line.trimmingCharacters(in: .whitespaces).hasPrefix(start), "\(line)")
            }
        }
        for tag in Self.rawMarkup { #expect(!md.contains(tag), "raw \(tag) in the Markdown") }
        let json = try newest("f-json", "json")
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        let atom = try newest("f-atom", "atom")
        #expect(XMLParser(data: Data(atom.utf8)).parse(), "the Atom file is well formed")
        for tag in ["<script", "<img", "<h1>"] { #expect(!atom.contains(tag), "raw \(tag) in the Atom") }

        // The email: add an email digest and render the run again as a message (nothing is sent).
        try
            (Self.digestsYAML
            + "  - {id: mail, channel: email, to: [analyste@example.org], unmatched: true, quiet: false}\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let eml = w.dir.appendingPathComponent("digest.eml").path
        let replay = try CLITests.run(["digest", "--replay", "\(run)", "--digest", "mail", "--to-file", eml] + common)
        #expect(replay.code == 0, "\(replay.stderr.suffix(1_000))")
        guard replay.code == 0 else { return }
        let message = try String(contentsOfFile: eml, encoding: .utf8)
        #expect(message.contains("X-Injected"), "the hostile items are in the message")
        let headerEnd = message.range(of: "\r\n\r\n") ?? message.range(of: "\n\n")
        let headers = String(message[..<(headerEnd?.lowerBound ?? message.endIndex)])
        for line in headers.split(whereSeparator: \.isNewline) {
            for start in ["Bcc:", "X-Injected:", "Cc:"] {
                #expect(!line.hasPrefix(start), "injected mail header: \(line)")
            }
            if line.hasPrefix("Subject:") {
                #expect(!line.contains("pwned"), "the subject is made of counts only: \(line)")
            }
        }
        let htmlParts = message.split(whereSeparator: \.isNewline).filter {
            $0.lowercased().hasPrefix("content-type: text/html")
        }
        #expect(htmlParts.count == 1, "one text/html part, none injected: \(htmlParts.count)")
        #expect(!message.contains("<script"), "no raw script in the message")
    }
}
