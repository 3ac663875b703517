import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The nightly pipeline end to end over a real HTTP server on 127.0.0.1 and a real SQLite file.
@Suite struct PipelineTests {
    @Test func firstRunIsABaselineThenUnchangedFeedsAre304sWithNoDelta() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("lemonde-international.rss"), to: "int.xml")
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("lemonde-international", "/int.xml"), ("atom-example", "/atom.xml")])

        let first = try await w.run()
        #expect(first.outcomes.map(\.status) == [.ok, .ok])
        let deltas = try w.store().deltas(.run(first.runID))
        #expect(deltas.count == 22)
        #expect(deltas.allSatisfy { $0.kind == .new && $0.baseline })
        #expect(first.digestPaths.count == 2)
        let md = try String(contentsOfFile: first.digestPaths[0], encoding: .utf8)
        #expect(md.contains("Baseline: 20 items"))

        let second = try await w.run()
        #expect(second.outcomes.map(\.status) == [.notModified, .notModified])
        #expect(try w.store().deltas(.run(second.runID)).isEmpty)
        let conditional = w.server.requests().suffix(2)
        #expect(conditional.allSatisfy { $0.isConditional && $0.status == 304 })
    }

    @Test func afterTheFixturesChangeExactlyTheExpectedDeltas() async throws {
        let w = try await PipelineWorld()
        let original = try PipelineWorld.fixtureText("atom-hand.xml")
        try w.server.write("atom.xml", original)
        try w.configure([("atom-example", "/atom.xml")])
        _ = try await w.run()

        // Hand-made edits: a new entry, an edited title, and a moved entry (new id, same link).
        let edited =
            original
            .replacingOccurrences(
                of: "<title>Première entrée</title>", with: "<title>Première entrée, corrigée</title>"
            )
            .replacingOccurrences(of: "<id>urn:example:2</id>", with: "<id>urn:example:2-moved</id>")
            .replacingOccurrences(
                of: "  <entry>\n    <title>Première",
                with: """
                      <entry>
                        <title>Troisième entrée</title>
                        <link href="articles/3"/>
                        <id>urn:example:3</id>
                        <updated>2024-11-19T02:05:00Z</updated>
                        <summary>Nouvelle.</summary>
                      </entry>
                      <entry>
                        <title>Première
                    """)
        #expect(edited != original)
        try w.server.write("atom.xml", edited)
        let report = try await w.run()
        let deltas = try w.store().deltas(.run(report.runID))
        #expect(deltas.map(\.kind.rawValue).sorted() == ["changed", "new"])
        let new = try #require(deltas.first { $0.kind == .new })
        #expect(new.title == "Troisième entrée" && !new.baseline && new.url == "https://atom.example/articles/3")
        let changed = try #require(deltas.first { $0.kind == .changed })
        #expect(changed.previousTitle == "Première entrée" && changed.title == "Première entrée, corrigée")
    }

    @Test func aBrokenSourceIsReportedAndTheOthersGoOn() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.server.write(
            "page.html", "<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>")
        try w.server.write("empty.xml", "")
        try w.server.write("truncated.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><chan")
        try w.server.route("/down.xml", .status(500, body: "oops"))
        try w.configure([
            ("good", "/atom.xml"), ("html-page", "/page.html"), ("empty", "/empty.xml"),
            ("truncated", "/truncated.xml"), ("down", "/down.xml"), ("missing", "/missing.xml"),
        ])
        let report = try await w.run()
        let status = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.source, $0) })
        #expect(status["good"]?.status == .ok)
        for id in ["html-page", "empty", "truncated", "down", "missing"] {
            #expect(status[id]?.status == .failed, "\(id)")
            #expect(status[id]?.error?.isEmpty == false)
        }
        #expect(status["down"]?.error?.contains("500") == true)
        #expect(status["missing"]?.error?.contains("404") == true)
        let json = try String(contentsOfFile: report.digestPaths[1], encoding: .utf8)
        #expect(json.contains("\"sources_in_trouble\""))
        for id in ["html-page", "empty", "truncated", "down", "missing"] {
            #expect(json.contains("\"source\": \"\(id)\""))
        }

        // A second failure counts; a recovery clears the trouble.
        _ = try await w.run()
        #expect(try w.store().sourceState("down")?.consecutiveFailures == 2)
        try w.server.route("/down.xml", nil)
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "down.xml")
        _ = try await w.run(sources: ["down"])
        let state = try #require(try w.store().sourceState("down"))
        #expect(state.consecutiveFailures == 0 && !state.inTrouble)
    }

    @Test func aRedirectIsFollowedAndAWindows1252FeedIsRead() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("lemonde-windows-1252.rss"), to: "new-home.xml")
        try w.server.route("/old.xml", .redirect(to: "/new-home.xml", status: 301))
        try w.configure([("moved", "/old.xml")])
        let report = try await w.run()
        #expect(report.outcomes.first?.status == .ok)
        let titles = try w.store().deltas(.run(report.runID)).compactMap(\.title)
        #expect(titles.count == 20)
        #expect(titles.contains { $0.contains("é") })
        #expect(!titles.contains { $0.contains("\u{FFFD}") })
    }

    @Test func forceIgnoresValidatorsButMakesNoDeltaWithoutADifference() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        _ = try await w.run()
        let forced = try await w.run(force: true)
        #expect(forced.outcomes.first?.status == .ok)
        #expect(try w.store().deltas(.run(forced.runID)).isEmpty)
        #expect(w.server.requests().last?.isConditional == false)
    }

    @Test func onlyDueSourcesRunWithoutAll() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        let t0 = Date()
        _ = try await w.run(all: false, now: t0)
        let soon = try await w.run(all: false, now: t0.addingTimeInterval(600))
        #expect(soon.outcomes.isEmpty)
        let later = try await w.run(all: false, now: t0.addingTimeInterval(3700))
        #expect(later.outcomes.count == 1)
    }

    @Test func badConfigurationAndUnknownSourcesAreExitCode2() async throws {
        let w = try await PipelineWorld()
        try "sources:\n  - id: x\n    url: https://e.org/f\n    colour: red\n"
            .write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        await #expect(throws: PipelineError.self) { try await w.run() }
        do { _ = try await w.run() } catch let e as PipelineError {
            #expect(e.exitCode == 2 && e.description.contains("colour") && e.description.contains("sources.yaml"))
        }
        try w.configure([("a", "/a.xml")])
        do {
            _ = try await w.run(sources: ["nope"])
            Issue.record("accepted an unknown source")
        } catch let e as PipelineError {
            #expect(e.exitCode == 2 && e.description.contains("known: a"))
        }
    }

    @Test func aSecondWriterGetsExitCode3() async throws {
        let w = try await PipelineWorld()
        try w.configure([])
        let held = try RunLock(databasePath: w.db)
        do {
            _ = try await w.run()
            Issue.record("ran while the lock was held")
        } catch let e as PipelineError {
            #expect(e.exitCode == 3 && e.description.contains("pid \(getpid())"))
        }
        withExtendedLifetime(held) {}
    }
}

/// A photo caption (Media RSS) is never an item's text.
@Suite struct CaptionTests {
    @Test func leMondeCaptionsAreNotTheText() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("lemonde-international.rss"), to: "int.xml")
        try w.configure([("lemonde-international", "/int.xml")])
        _ = try await w.run()
        // The first item's caption describes a portrait of Washington; its description is the chronicle's teaser.
        #expect(try w.store().search("Yorktown").isEmpty)
        #expect(try w.store().search("chercheurs américains").count == 1)
    }
}

/// A run killed before its digest: the next run's digest carries its deltas.
@Suite struct InterruptedRunDigestTests {
    @Test func theNextDigestCarriesTheDeltasOfAKilledRun() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        _ = try await w.run()
        // A run that stored a change and died before its digest (left `running`, as SIGKILL leaves it).
        let store = try w.store()
        let killed = try store.beginRun(command: "run", at: Date())
        let edited = try PipelineWorld.fixtureText("atom-hand.xml").replacingOccurrences(
            of: "Deuxième entrée</title>", with: "Deuxième entrée (corrigée)</title>")
        try w.server.write("atom.xml", edited)
        let items = [
            IncomingItem(
                guid: "urn:example:2", url: "https://atom.example/articles/2", title: "Deuxième entrée (corrigée)",
                text: "Résumé de la deuxième entrée.", textVersion: 1)
        ]
        _ = try store.applyFetch(
            source: "atom-example", run: killed, fetch: FetchLog(url: w.server.url("/atom.xml"), httpStatus: 200),
            items: items, at: Date(), nextDue: Date())
        let next = try await w.run()
        let json = try String(contentsOfFile: next.digestPaths[1], encoding: .utf8)
        #expect(json.contains("\"runs\": [\n    \(killed),\n    \(next.runID)\n  ]"), "\(json.prefix(200))")
        #expect(json.contains("Deuxième entrée (corrigée)"))
        // Delivered once: the run after that does not list it again.
        let after = try await w.run()
        #expect(!(try String(contentsOfFile: after.digestPaths[1], encoding: .utf8)).contains("corrigée"))
    }
}
