import Foundation
import Interop
import Matching
import Pipeline
import Storage
import VeilleCore

/// `veille-bench interop`: import time of VIGINUM's four bundles, export time and size for N linked items.
///
/// Arguments: `[--fixtures DIR] [--items N] [--rounds R] [--keep DIR]`. The import is the whole of
/// `veille watchlist import` minus process start (read, adapt, render, check the merged result, write), into a
/// fresh config folder each round, best of R. The export seeds a real SQLite store with N items (default
/// 10,000) whose texts name the RRN campaign and link to one of its domains, matches them with the pipeline's
/// own stage, then times `linkedItems` + bundle + pretty JSON, best of R, and prints the bundle's size.
/// With `--keep DIR` the config folder and database stay in DIR, so that the whole processes can be timed
/// (Tests/Benchmarks/interop.sh does).
enum InteropBenchmark {
    static let bundles = [
        "rrn-2023.stix.json", "portal-kombat-2024.stix.json", "matriochka-2024.stix.json", "big-2024.stix.json",
    ]

    static func run(arguments: [String]) throws -> String {
        var fixtures = "Tests/InteropTests/Fixtures"
        var items = 10_000
        var rounds = 3
        var keep: String?
        var i = 0
        while i + 1 < arguments.count {
            switch arguments[i] {
            case "--fixtures": fixtures = arguments[i + 1]
            case "--items": items = Int(arguments[i + 1]) ?? items
            case "--rounds": rounds = max(1, Int(arguments[i + 1]) ?? rounds)
            case "--keep": keep = arguments[i + 1]
            default: break
            }
            i += 2
        }
        let inputs = bundles.map { fixtures + "/" + $0 }
        let inputBytes = try inputs.reduce(0) {
            $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0)
        }
        let clock = ContinuousClock()
        var lines: [String] = []
        var bestImport = Duration.seconds(1_000)
        var watchlistPath = ""
        for round in 0..<rounds {
            let dir = round == rounds - 1 && keep != nil ? keep ?? "" : scratch()
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            watchlistPath = dir + "/watchlist.yaml"
            try Data().write(to: URL(fileURLWithPath: watchlistPath))
            let importer = WatchlistImport(watchlistPath: watchlistPath)
            let t = try clock.measure { _ = try importer.write(try importer.plan(inputs: inputs, campaign: nil)) }
            bestImport = min(bestImport, t)
        }
        let watchlist = try Watchlist.load(path: watchlistPath)
        lines.append(
            "import: 4 bundles (\(inputBytes / 1000) KB, \(watchlist.campaigns.count) campaigns, \(watchlist.actors.count) actors, "
                + "\(watchlist.campaigns.reduce(0) { $0 + $1.domains.count }) domains): best of \(rounds) \(ms(bestImport)) ms"
        )

        let dbPath = (watchlistPath as NSString).deletingLastPathComponent + "/veille.sqlite"
        try? FileManager.default.removeItem(atPath: dbPath)
        let store = try Store(path: dbPath)
        try seed(store, items: items, watchlist: watchlist)
        try Data(
            "contact: https://veille.example/contact\nsources:\n  - id: bench\n    kind: feed\n    url: https://bench.example/rss.xml\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: (watchlistPath as NSString).deletingLastPathComponent + "/sources.yaml"))
        var bestExport = Duration.seconds(1_000)
        var size = 0
        var reports = 0
        for _ in 0..<rounds {
            let t = try clock.measure {
                let linked = try store.linkedItems(since: nil)
                reports = linked.count
                let text =
                    STIXExportBuilder(watchlist: watchlist, contact: "https://veille.example/contact")
                    .bundle(items: linked).pretty() + "\n"
                size = text.utf8.count
            }
            bestExport = min(bestExport, t)
        }
        lines.append(
            "export: \(reports) linked items → bundle of \(String(format: "%.1f", Double(size) / 1_000_000)) MB "
                + "(\(size / max(reports, 1)) bytes per item): best of \(rounds) \(ms(bestExport)) ms")
        if let keep { lines.append("kept: \(keep) (watchlist.yaml, watchlist.d/, sources.yaml, veille.sqlite)") }
        return lines.joined(separator: "\n")
    }

    /// N items in one source, each naming the RRN campaign and linking to one of its domains, then matched.
    static func seed(_ store: Store, items: Int, watchlist: Watchlist) throws {
        try store.syncSources([("bench", .feed, "https://bench.example/rss.xml")])
        let domains = watchlist.campaigns.first { $0.id == "rrn" }?.domains ?? ["rrussianews.com"]
        let at = Date(timeIntervalSince1970: 1_733_000_000)
        let run = try store.beginRun(command: "run", at: at)
        for start in stride(from: 0, to: items, by: 1_000) {
            let batch = (start..<min(items, start + 1_000)).map { n in
                IncomingItem(
                    guid: "bench-\(n)", url: "https://bench.example/\(n)",
                    title: "Article \(n) sur la campagne Doppelgänger",
                    text: "Le réseau RRN a cloné un média : https://www.\(domains[n % domains.count])/article-\(n). "
                        + String(repeating: "Texte de l'article sans autre mention. ", count: 40),
                    published: at, textVersion: 1)
            }
            _ = try store.applyFetch(
                source: "bench", run: run, fetch: FetchLog(url: "https://bench.example/rss.xml", httpStatus: 200),
                items: batch, at: at, nextDue: at)
        }
        try MatchStage(CompiledWatchlist(watchlist)).apply(store: store, at: at)
        try store.finishRun(run, status: .completed, summary: nil, at: at)
    }

    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("veille-bench-interop-\(UUID().uuidString)").path
    }

    static func ms(_ d: Duration) -> String {
        String(format: "%.1f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }
}
