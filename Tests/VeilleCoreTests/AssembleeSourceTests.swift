import Foundation
import Testing

@testable import VeilleCore

/// `kind: assemblee-questions` in `sources.yaml`: its own defaults (200MB, 10m, the q17 pages), overrides,
/// and the keys it refuses.
@Suite struct AssembleeSourceTests {
    func decode(_ yaml: String) throws -> SourcesFile {
        try SourcesFile.decode(ConfigNode.parse(yaml, file: "sources.yaml"), file: "sources.yaml")
    }

    static let url =
        "https://data.assemblee-nationale.fr/static/openData/repository/17/questions/questions_ecrites/Questions_ecrites.json.zip"

    @Test func defaultsAreThisKinds() throws {
        let f = try decode("sources:\n  - id: an-questions\n    kind: assemblee-questions\n    url: \(Self.url)\n")
        let s = try #require(f.sources.first)
        #expect(s.kind == .assembleeQuestions && s.url == Self.url)
        #expect(s.maxBytes == 200_000_000 && s.timeout == 600)
        #expect(s.pages == "https://questions.assemblee-nationale.fr/q17/")
        #expect(s.every == SourceConfig.defaultEvery)
    }

    @Test func overridesApply() throws {
        let f = try decode(
            """
            sources:
              - id: an-questions
                kind: assemblee-questions
                url: \(Self.url)
                pages: https://questions.assemblee-nationale.fr/q16
                max_bytes: 80MB
                timeout: 2m
                every: 12h
            """)
        let s = try #require(f.sources.first)
        #expect(s.maxBytes == 80_000_000 && s.timeout == 120 && s.every == 43_200)
        #expect(s.pages == "https://questions.assemblee-nationale.fr/q16/")
    }

    @Test(arguments: ["csv: https://x.example/a.csv", "natures: [QE]", "articles: true"])
    func foreignKeysAreRefused(line: String) {
        #expect(throws: ConfigError.self) {
            _ = try decode("sources:\n  - id: an\n    kind: assemblee-questions\n    url: \(Self.url)\n    \(line)\n")
        }
    }

    @Test func feedsKeepTheirDefaults() throws {
        let f = try decode("sources:\n  - id: f\n    url: https://example.org/feed.xml\n")
        #expect(f.sources.first?.maxBytes == 20_000_000 && f.sources.first?.timeout == 30)
    }
}
