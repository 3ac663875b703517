import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Crash safety of delivery: with `Feeds/digests.yaml` file digests (JSON and
/// Atom) the built `veille run` is killed with SIGKILL at random moments over a changing loopback world;
/// after the trials every non-baseline delta is in exactly one JSON digest, the Atom file is well formed
/// with no entry twice, and no digest file is half written.
@Suite struct CrashSafetyDigestTests {
    static let trials = 20
    static let sources = 3

    static let digestsYAML = """
        digests:
          - id: archive
            channel: file
            format: json
            unmatched: true
            quiet: false
          - id: feed
            channel: file
            format: atom
            unmatched: true
            quiet: false

        """

    @Test func killedRunsDeliverEachDeltaExactlyOnce() async throws {
        let w = try await PipelineWorld()
        var rng = SplitMix(state: 0x5EED_0608)
        var served = CrashSafetyTests.Served(items: Array(repeating: [], count: Self.sources))
        for s in 0..<Self.sources {
            for _ in 0..<10 {
                served.nextID += 1
                served.items[s].append((guid: "g\(served.nextID)", title: "Article \(served.nextID) du flux \(s)"))
            }
        }
        try Hostile.configure(w, (0..<Self.sources).map { Hostile.feed(w, id: "s\($0)", path: "/s\($0).xml") })
        try Self.digestsYAML.write(
            to: w.config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        let args = ["run", "--all", "--config", w.config.path, "--db", w.db, "--out", w.out]
        var window = 0.4
        var killedMidRun = 0
        for trial in 0..<Self.trials {
            if trial > 0 { served.change(trial: trial, rng: &rng) }
            for s in 0..<Self.sources { try w.server.write("s\(s).xml", served.rss(s)) }
            let process = try CrashSafetyTests.launch(args)
            if await CrashSafetyTests.kill(process, after: Double.random(in: 0...window, using: &rng)) {
                killedMidRun += 1
            }
            process.waitUntilExit()
            #expect(try Store(path: w.db).integrityCheck() == "ok", "trial \(trial)")
            let started = Date()
            let rerun = try CLITests.run(args)
            window = max(0.05, Date().timeIntervalSince(started) * 1.3)
            #expect(rerun.code == 0, "trial \(trial): rerun exit \(rerun.code): \(rerun.stderr.suffix(1_000))")
            try CrashSafetyTests.check(w, served: served, label: "trial \(trial)")
        }
        #expect(killedMidRun >= Self.trials / 2, "only \(killedMidRun) of \(Self.trials) kills hit a running process")
        print("crash safety: \(killedMidRun) of \(Self.trials) SIGKILLs hit a running veille")
        try Self.checkDelivery(w)
    }

    /// Every non-baseline delta is listed in exactly one JSON digest; the Atom file is whole.
    static func checkDelivery(_ w: PipelineWorld) throws {
        var listed: [String: Int] = [:]
        var files = 0
        for file in Hostile.digestFiles(w)
        where file.lastPathComponent.hasPrefix("archive-") && file.pathExtension == "json" {
            files += 1
            let data = try Data(contentsOf: file)
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                Issue.record("\(file.lastPathComponent) is not whole JSON (\(data.count) bytes)")
                continue
            }
            for section in (object["sections"] as? [[String: Any]]) ?? [] {
                for item in (section["items"] as? [[String: Any]]) ?? [] {
                    for entry in [item] + ((item["duplicates"] as? [[String: Any]]) ?? []) {
                        let id = (entry["item"] as? [String: Any])?["id"].map { "\($0)" } ?? "?"
                        listed["\(entry["run"] ?? "?")/\(entry["kind"] ?? "?")/\(id)", default: 0] += 1
                    }
                }
            }
        }
        let deltas = try Hostile.query(w.db, "SELECT runId, kind, itemId FROM delta WHERE baseline = 0")
        let expected = Set(deltas.map { "\($0[0] ?? "")/\($0[1] ?? "")/\($0[2] ?? "")" })
        #expect(files > 0)
        #expect(listed.filter { $0.value > 1 }.isEmpty, "deltas in two digests: \(listed.filter { $0.value > 1 })")
        #expect(
            expected.subtracting(listed.keys).isEmpty,
            "deltas in no digest: \(expected.subtracting(listed.keys).sorted())")
        #expect(Set(listed.keys).subtracting(expected).isEmpty, "digest entries with no delta")
        print("crash safety (outbox): \(expected.count) deltas, \(listed.count) listed in \(files) JSON digests")

        let atom = URL(fileURLWithPath: w.out).appendingPathComponent("feed.atom")
        let data = try Data(contentsOf: atom)
        #expect(XMLParser(data: data).parse(), "feed.atom is well formed")
        let text = String(decoding: data, as: UTF8.self)
        let ids = text.components(separatedBy: "<id>").dropFirst().compactMap {
            $0.components(separatedBy: "</id>").first
        }
        .filter { $0.contains(":delta:") }
        #expect(ids.count == Set(ids).count, "an Atom entry twice")
        #expect(ids.count == min(500, expected.count), "\(ids.count) Atom entries for \(expected.count) deltas")
    }
}
