import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// A run killed during the very first crawl of a digest's sources: the built `veille run` is
/// killed with SIGKILL after the feed's items are stored (a baseline) while it waits for an article page;
/// the next run's digest counts that baseline exactly as a clean first run's digest does.
@Suite struct KilledFirstCrawlDigestTests {
    static let items = 6

    /// A world with one `articles: true` source serving `items` entries and their pages, and a JSON file digest.
    static func world() async throws -> PipelineWorld {
        let w = try await FeedSignalTests.world()
        let entries = (1...items).map { FeedSignalTests.Entry(n: $0, title: "Article \($0) du journal") }
        try w.server.write("feed.xml", FeedSignalTests.rss(w.server.baseURL, entries))
        for n in 1...items {
            try w.server.write("articles/\(n).html", ArticleStageTests.page(ArticleStageTests.body))
        }
        // Long enough to be killed while waiting; the source's timeout outlasts it.
        try Hostile.configure(
            w, [Hostile.feed(w, id: "journal", path: "/feed.xml", timeout: "60s", more: "articles: true")])
        return w
    }

    static func args(_ w: PipelineWorld) -> [String] {
        ["run", "--all", "--config", w.config.path, "--db", w.db, "--out", w.out]
    }

    /// The `baseline` list and `counts.baseline` of the only JSON digest file of the world.
    static func baseline(_ w: PipelineWorld) throws -> (list: [String], count: Int?) {
        let files = Hostile.digestFiles(w).filter {
            $0.lastPathComponent.hasPrefix("archive-") && $0.pathExtension == "json"
        }
        #expect(files.count == 1, "\(files.map(\.lastPathComponent))")
        let file = try #require(files.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let list = ((object["baseline"] as? [[String: Any]]) ?? []).map {
            "\($0["source"] ?? "?")=\($0["count"] ?? "?")"
        }
        return (list, (object["counts"] as? [String: Any])?["baseline"] as? Int)
    }

    // (f)
    @Test func theNextDigestCountsTheBaselineOfAFirstCrawlKilledMidway() async throws {
        let clean = try await Self.world()
        let cleanRun = try CLITests.run(Self.args(clean))
        #expect(cleanRun.code == 0, "\(cleanRun.stderr.suffix(1_000))")
        let expected = try Self.baseline(clean)
        #expect(expected.list == ["journal=\(Self.items)"])
        #expect(expected.count == Self.items)

        let w = try await Self.world()
        try w.server.route("/articles/3.html", .delayed(30))
        let process = try CrashSafetyTests.launch(Self.args(w))
        // Killed once the first crawl stored its items (and so its baseline deltas), while a page is awaited.
        let deadline = Date().addingTimeInterval(60)
        var stored = 0
        while Date() < deadline, process.isRunning {
            stored =
                Int(
                    (try? Hostile.query(w.db, "SELECT count(*) FROM delta WHERE baseline = 1"))?.first?[0] ?? "0") ?? 0
            if stored == Self.items, w.server.requests(path: "/articles/2.html").count == 1 { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(stored == Self.items)
        #expect(process.isRunning, "the run ended before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(Hostile.digestFiles(w).filter { $0.pathExtension == "json" }.isEmpty, "the killed run wrote no digest")

        try w.server.route("/articles/3.html", nil)
        let rerun = try CLITests.run(Self.args(w))
        #expect(rerun.code == 0, "\(rerun.stderr.suffix(1_000))")
        let after = try Self.baseline(w)
        #expect(after.list == expected.list)
        #expect(after.count == expected.count)
        // The items themselves were kept: no second baseline, every page extracted.
        #expect(try Hostile.query(w.db, "SELECT count(*) FROM delta") == [["\(Self.items)"]])
        #expect(try Hostile.query(w.db, "SELECT count(*) FROM article WHERE state = 'done'") == [["\(Self.items)"]])
    }
}
