import Foundation
import TestSupport
import Testing

/// `veille search` through the built binary, over an archive where one Le Monde feed is crawled as two
/// sources (so each article is in two feeds).
@Suite struct SearchCLITests {
    /// The world after one run of the two sources, and the options naming its folder and database.
    static func world() async throws -> (PipelineWorld, [String]) {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("lemonde-international.rss"), to: "une.xml")
        try w.server.copy(PipelineWorld.fixture("lemonde-international.rss"), to: "international.xml")
        try w.configure([("lemonde-une", "/une.xml"), ("lemonde-international", "/international.xml")])
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"), to: w.config.appendingPathComponent("watchlist.yaml"))
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        let run = try await CLITests.runOffPool(["run", "--all"] + common)
        #expect(run.code == 0, "\(run.stderr)")
        return (w, common)
    }

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func oneResultPerArticleDatedByPublicationWithBracketedMatches() async throws {
        let (w, common) = try await Self.world()
        defer { withExtendedLifetime(w) {} }
        let text = try await CLITests.runOffPool(["search", "Moscou"] + common)
        #expect(text.code == 0, "\(text.stderr)")
        #expect(text.stdout.contains("[Moscou]") && !text.stdout.contains("«Moscou»"))
        #expect(text.stdout.contains("2024-03-2"), "dated by publication (March 2024)")
        #expect(!text.stdout.contains(String(ISO8601DateFormatter().string(from: Date()).prefix(10))))
        let sourcesLines = text.stdout.split(separator: "\n").filter {
            $0.contains("lemonde-une") || $0.contains("lemonde-international")
        }
        #expect(!sourcesLines.isEmpty)
        for line in sourcesLines { #expect(line.contains("lemonde-une") && line.contains("lemonde-international")) }

        let hits = try Self.jsonLines(try await CLITests.runOffPool(["search", "Moscou", "--json"] + common).stdout)
        #expect(hits.count == sourcesLines.count && hits.count >= 2)
        for h in hits {
            #expect(Set(h["sources"] as? [String] ?? []) == ["lemonde-une", "lemonde-international"])
            #expect((h["items"] as? [Int])?.count == 2)
            #expect((h["published"] as? String)?.hasPrefix("2024-03-") == true)
        }
        let dates = hits.compactMap { $0["published"] as? String }
        #expect(dates == dates.sorted(by: >), "the most recently published first")
        let urls = hits.compactMap { $0["url"] as? String }
        #expect(Set(urls).count == urls.count, "one result per article")
    }

    @Test func queryLanguage() async throws {
        let (w, common) = try await Self.world()
        defer { withExtendedLifetime(w) {} }
        func count(_ query: [String]) async throws -> Int {
            let r = try await CLITests.runOffPool(["search"] + query + ["--json"] + common)
            #expect(r.code == 0, "\(query): \(r.stderr)")
            return try Self.jsonLines(r.stdout).count
        }
        let moscou = try await count(["Moscou"])
        let baltimore = try await count(["Baltimore"])
        #expect(moscou >= 2 && baltimore >= 2)
        #expect(try await count(["Moscou", "OR", "Baltimore"]) == moscou + baltimore)
        #expect(try await count(["Moscou NOT Crocus"]) < moscou)
        #expect(try await count(["\"près de Moscou\""]) >= 1)
        #expect(try await count(["Baltim*"]) == baltimore)
        #expect(try await count(["title:Baltimore"]) >= 1)
        // Apostrophes and hyphens of French words are searched as phrases, not refused.
        #expect(try await count(["l’EI-K"]) >= 1)
        #expect(try await count(["Crocus-City"]) >= 1)

        let help = try await CLITests.runOffPool(["search", "--help"])
        for word in ["OR", "NOT", "\"initiative de bakou\"", "boycott*", "title:"] {
            #expect(help.stdout.contains(word), "\(word) in --help")
        }
    }

    @Test func errorsAndNoResults() async throws {
        let (w, common) = try await Self.world()
        defer { withExtendedLifetime(w) {} }
        let unclosed = try await CLITests.runOffPool(["search", "\"près de"] + common)
        #expect(unclosed.code == 2 && unclosed.stdout.isEmpty)
        #expect(unclosed.stderr.contains("\"près de") && unclosed.stderr.contains("unterminated string"))
        let lone = try await CLITests.runOffPool(["search", "AND"] + common)
        #expect(lone.code == 2 && lone.stderr.contains("syntax error"), "\(lone.stderr)")

        let none = try await CLITests.runOffPool(["search", "zanzibarquux"] + common)
        #expect(none.code == 0 && none.stdout.isEmpty && none.stderr.contains("no results for 'zanzibarquux'"))

        let campaign = try await CLITests.runOffPool(["search", "Moscou", "--campaign", "nope"] + common)
        #expect(campaign.code == 2 && campaign.stderr.contains("unknown campaign 'nope' (known: paris2024-boycott)"))
        let actor = try await CLITests.runOffPool(["search", "Moscou", "--actor", "paris2024-boycott"] + common)
        #expect(actor.code == 2 && actor.stderr.contains("unknown actor 'paris2024-boycott' (known: azerbaijan)"))
        let known = try await CLITests.runOffPool(["search", "Moscou", "--campaign", "paris2024-boycott"] + common)
        #expect(known.code == 0 && known.stderr.contains("no results"), "\(known.stderr)")
    }
}
