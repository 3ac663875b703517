import Foundation
import Testing

@testable import VeilleCore

@Suite struct SourcesFileTests {
    func decode(_ yaml: String) throws -> SourcesFile {
        try SourcesFile.decode(ConfigNode.parse(yaml, file: "sources.yaml"), file: "sources.yaml")
    }

    @Test func decodesTheFoundationExample() throws {
        let f = try decode(
            """
            contact: https://example.org/veille
            sources:
              - id: lemonde-international
                kind: feed
                url: https://www.lemonde.fr/international/rss_full.xml
                every: 6h
                articles: true
                enabled: true
                timeout: 30s
                max_bytes: 20MB
                delay: 1s
              - id: senat-questions
                kind: senate-questions
                csv: https://data.senat.fr/data/questions/questions-depuis-un-an.csv
                pages: https://www.senat.fr/questions/base/
                natures: [QE, QAG]
                backfill: 30d
                every: 24h
            """)
        #expect(f.contact == "https://example.org/veille")
        #expect(f.sources.count == 2)
        let s = f.sources[0]
        #expect(s.every == 6 * 3600 && s.articles && s.timeout == 30 && s.maxBytes == 20_000_000 && s.delay == 1)
        let q = f.sources[1]
        #expect(q.kind == .senateQuestions && q.natures == ["QE", "QG"] && q.backfill == 30 * 86_400)
        #expect(q.url.hasSuffix(".csv") && q.pages == "https://www.senat.fr/questions/base/")
    }

    @Test func defaults() throws {
        let s = try decode("sources:\n  - id: a\n    url: https://example.org/feed\n").sources[0]
        #expect(
            s.kind == .feed && s.every == 86_400 && !s.articles && s.enabled && s.timeout == 30
                && s.maxBytes == 20_000_000 && s.delay == 1)
    }

    @Test(arguments: [
        ("sources:\n  - id: a\n    url: https://e.org/f\n    colour: red\n", "colour", "unknown key"),
        ("sources:\n  - id: a\n    kind: podcast\n    url: https://e.org/f\n", "kind", "unknown kind"),
        ("sources:\n  - id: a\n    url: https://e.org/f\n  - id: a\n    url: https://e.org/g\n", "id", "duplicate id"),
        ("sources:\n  - id: a\n    kind: feed\n", "url", "missing required key"),
        ("sources:\n  - id: a\n    url: ftp://e.org/f\n", "url", "http(s)"),
        ("sources:\n  - id: a\n    url: https://e.org/f\n    every: often\n", "every", "duration"),
        ("sources:\n  - id: a\n    url: https://e.org/f\n    max_bytes: 20 parsecs\n", "max_bytes", "size"),
        ("sources:\n  - id: A_B\n    url: https://e.org/f\n", "id", "a-z"),
        ("sources:\n  - id: s\n    kind: senate-questions\n    csv: https://e.org/q.csv\n", "pages", "missing"),
        (
            "sources:\n  - id: s\n    kind: senate-questions\n    csv: https://e.org/q.csv\n    pages: https://e.org/\n    natures: [QX]\n",
            "natures", "unknown nature"
        ),
        ("sources:\n  - id: a\n    url: https://e.org/f\n    articles: maybe\n", "articles", "true or false"),
    ])
    func refusesBadEntries(yaml: String, key: String, problem: String) {
        do {
            _ = try decode(yaml)
            Issue.record("accepted a bad file")
        } catch let e as ConfigError {
            #expect(e.file == "sources.yaml")
            #expect(e.key == key)
            #expect(e.entry?.hasPrefix("sources[") == true)
            #expect(e.problem.contains(problem), "\(e)")
            #expect(e.line != nil)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func malformedYAMLNamesTheFile() {
        #expect(throws: ConfigError.self) { try decode("sources: [unclosed\n") }
    }

    @Test func theShippedSourcesFileIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let f = try SourcesFile.load(path: root.appendingPathComponent("Feeds/sources.yaml").path)
        #expect(f.sources.count >= 10)
        #expect(f.sources.allSatisfy { $0.url.hasPrefix("https://") })
    }

    @Test func theReadmeExampleDecodes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = "```yaml\n# Feeds/sources.yaml\n"
        let start = try #require(readme.range(of: marker))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let f = try decode(String(readme[start.upperBound..<end.lowerBound]))
        #expect(f.sources.contains { $0.kind == .feed })
    }
}
