import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Matching in the pipeline: links with evidence, the export's ids, rematch and search.
@Suite struct MatchingPipelineTests {
    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Written by hand for the matching pipeline tests. -->
        <rss version="2.0"><channel><title>T</title><link>https://news.example/</link>
        <item><title>Appels au #BoycottParis2024 relayés depuis Bakou</title><guid>a1</guid>
          <link>https://news.example/a1</link><description>Des comptes azerbaïdjanais diffusent des visuels.</description></item>
        <item><title>La météo de demain</title><guid>a2</guid><link>https://news.example/a2</link>
          <description>Du soleil sur Paris.</description></item>
        </channel></rss>
        """

    @Test func linksAreStoredWithEvidenceAndExported() async throws {
        let w = try await PipelineWorld()
        try w.server.write("feed.xml", Self.feed)
        try w.configure([("news", "/feed.xml")])
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"),
            to: w.config.appendingPathComponent("watchlist.yaml"))
        let report = try await w.run()
        #expect(report.outcomes.first?.status == .ok, "\(report.outcomes)")
        let deltas = try w.store().deltas(.run(report.runID))
        let linked = try #require(deltas.first { $0.guid == "a1" }, "\(deltas.map { ($0.guid, $0.title) })")
        #expect(linked.campaigns == ["paris2024-boycott"] && linked.actors == ["azerbaijan"])
        #expect(deltas.first { $0.guid == "a2" }?.campaigns.isEmpty == true)
        let links = try w.store().links(items: [linked.itemID])[linked.itemID] ?? []
        let evidence = try #require(links.first { $0.entityID == "paris2024-boycott" }?.evidence)
        #expect(evidence.contains("\"found\":\"#BoycottParis2024\"") && evidence.contains("\"field\":\"title\""))

        let hits = try w.store().search("visuels", entity: "azerbaijan")
        #expect(hits.map(\.itemID) == [linked.itemID])
        #expect(try w.store().search("soleil", entity: "azerbaijan").isEmpty)
    }

    @Test func aBrokenWatchlistStopsTheRunWithExitCode2() async throws {
        let w = try await PipelineWorld()
        try w.configure([("news", "/feed.xml")])
        try "actors:\n  - id: x\n    name: X\n    kind: state\n    aliases: [\"\"]\n"
            .write(to: w.config.appendingPathComponent("watchlist.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try await w.run()
            Issue.record("ran with a broken watchlist")
        } catch let e as PipelineError {
            #expect(e.exitCode == 2 && e.description.contains("watchlist.yaml"))
        }
    }

    @Test func rematchChangesLinksOnlyAndDryRunChangesNothing() async throws {
        let w = try await PipelineWorld()
        try w.server.write("feed.xml", Self.feed)
        try w.configure([("news", "/feed.xml")])
        _ = try await w.run() // no watchlist yet: nothing linked
        let wl = w.config.appendingPathComponent("watchlist.yaml")
        try FileManager.default.copyItem(at: PipelineWorld.fixture("watchlist.yaml"), to: wl)
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        let dry = try CLITests.run(["rematch", "--dry-run", "--json"] + common)
        #expect(dry.code == 0 && dry.stdout.split(separator: "\n").count == 2, "\(dry.stderr)")
        #expect(try w.store().deltas(.since(.distantPast)).allSatisfy { $0.campaigns.isEmpty && $0.actors.isEmpty })
        let deltasBefore = try w.store().deltas(.since(.distantPast)).count
        let real = try CLITests.run(["rematch"] + common)
        #expect(real.code == 0 && real.stdout.contains("+ item") && real.stdout.contains("paris2024-boycott"))
        #expect(try w.store().deltas(.since(.distantPast)).count == deltasBefore)
        #expect(try w.store().deltas(.since(.distantPast)).contains { $0.campaigns == ["paris2024-boycott"] })
        let search = try CLITests.run(["search", "visuels", "--campaign", "paris2024-boycott", "--json"] + common)
        #expect(search.stdout.contains("\"source\":\"news\""))
        let match = try CLITests.run(
            ["match", "-", "--watchlist", wl.path], stdin: "Le boycott Paris 2024 vu de Bakou.")
        #expect(match.stdout.contains("\"campaigns\":[\"paris2024-boycott\"]"))
    }
}
