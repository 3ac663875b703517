import Foundation
import Pipeline
import VeilleCore

@testable import Digests
@testable import Storage

/// A database with deltas, links and sources in trouble, built through the real Store and matcher, for
/// the digest tests. Each `crawl` is one run; a source's first crawl is its baseline.
final class DigestWorld: @unchecked Sendable {
    let dir: URL
    let store: Store
    var out: String { dir.appendingPathComponent("digests").path }
    var config: URL { dir.appendingPathComponent("Feeds") }
    var db: String { dir.appendingPathComponent("veille.sqlite").path }
    var clock = Date(timeIntervalSince1970: 1_732_000_000)
    var watchlist: Watchlist

    static let watchlistYAML = """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou]
          - id: russia
            name: Russie
            kind: state
            aliases: [Russie, Kremlin]
        campaigns:
          - id: paris2024-boycott
            name: "#boycottparis2024: campagne contre les JOP 2024"
            actors: [azerbaijan]
            aliases: ["#boycottparis2024", "boycott Paris 2024"]
          - id: doppelganger
            name: Doppelgänger
            actors: [russia]
            aliases: [Doppelgänger, Doppelganger]
          - id: nouvelle-caledonie
            name: Nouvelle-Calédonie
            actors: [azerbaijan]
            aliases: [Nouvelle-Calédonie, Kanaky]

        """

    init(sources: [String] = ["lemonde", "afp", "rfi"]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
        try Self.watchlistYAML.write(
            to: dir.appendingPathComponent("Feeds/watchlist.yaml"), atomically: true, encoding: .utf8)
        watchlist = try Watchlist.load(path: dir.appendingPathComponent("Feeds/watchlist.yaml").path)
        store = try Store(path: dir.appendingPathComponent("veille.sqlite").path)
        try store.syncSources(sources.map { ($0, .feed, "https://\($0).example/feed.xml") })
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// One run storing `items` per source (and Sénat questions, through the store's Sénat path), then
    /// matching; returns the run id.
    @discardableResult
    func crawl(_ items: [String: [IncomingItem]], senate: [SenateUpdateRecord] = []) throws -> Int64 {
        clock = clock.addingTimeInterval(3600)
        let run = try store.beginRun(command: "run", at: clock)
        if !senate.isEmpty {
            _ = try store.applySenateCrawl(
                source: "senat", run: run, csv: FetchLog(url: "https://www.senat.fr/questions.csv", httpStatus: 200),
                pages: [], updates: senate, notModified: false, at: clock, nextDue: clock.addingTimeInterval(3600))
        }
        for (source, list) in items.sorted(by: { $0.key < $1.key }) {
            _ = try store.applyFetch(
                source: source, run: run, fetch: FetchLog(url: "https://\(source).example/feed.xml", httpStatus: 200),
                items: list, at: clock, nextDue: clock.addingTimeInterval(3600))
        }
        try MatchStage.load(path: config.appendingPathComponent("watchlist.yaml").path)?.apply(store: store, at: clock)
        try store.finishRun(run, status: .completed, summary: nil, at: clock)
        return run
    }

    /// Records a failure of `source`.
    func fail(_ source: String, error: String) throws {
        let run = try store.beginRun(command: "run", at: clock)
        try store.recordFailure(
            source: source, run: run, fetch: FetchLog(url: "https://\(source).example/feed.xml", error: error),
            error: error, blocked: false, at: clock, nextDue: clock)
        try store.finishRun(run, status: .completed, summary: nil, at: clock)
    }

    static func item(_ n: Int, title: String, text: String = "", source: String = "x") -> IncomingItem {
        IncomingItem(
            guid: "urn:\(source):\(n)", url: "https://\(source).example/a/\(n)", title: title, text: text,
            published: Date(timeIntervalSince1970: 1_732_000_000 + Double(n)))
    }

    func trouble() throws -> [RunDigest.Trouble] {
        try store.sourceStates().filter(\.inTrouble).map {
            RunDigest.Trouble(
                source: $0.id, error: $0.lastError ?? "", failures: $0.consecutiveFailures,
                status: $0.status ?? .failed)
        }
    }

    func delivery(_ yaml: String, env: [String: String] = [:]) throws -> DigestDelivery {
        let config = try DigestsConfig.decode(ConfigNode.parse(yaml, file: "digests.yaml"), file: "digests.yaml")
        let t = clock
        var d = DigestDelivery(
            store: store, config: config, watchlist: watchlist, outDir: out,
            sourceOrder: ["lemonde", "afp", "rfi"], trouble: try trouble(), environment: env, now: { t })
        d.pause = { _ in }
        return d
    }
}
