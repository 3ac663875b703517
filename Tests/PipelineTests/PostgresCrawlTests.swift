import Foundation
import TestSupport
import Testing

/// `veille crawl` on a PostgreSQL database that the night's workers share (issue 22): the host's server
/// sees one request at a time and no gap under the delay across the worker and the crawl, robots.txt
/// fetched once for both, and the crawl leaves the worker's run open (it is still running).
@Suite("veille crawl beside a worker on PostgreSQL", .serialized, .timeLimit(.minutes(10)))
struct PostgresCrawlTests {
    static let host = "h0.localhost"
    static let delay = 0.5

    @Test("polite across the two processes; the worker's run is not closed under it")
    func crawlBesideAWorker() async throws {
        let w = try await PipelineWorld()
        let database = try PostgresServer.shared().createDatabase("crawlbeside")
        defer { database.drop() }
        try w.server.setLatency(0.05)
        try w.server.write("\(Self.host)/robots.txt", "User-agent: *\nDisallow: /private/\n")
        var yaml = "contact: https://example.org/veille-tests\nsources:\n"
        for f in 0..<8 {
            try w.server.write(
                "\(Self.host)/feed-\(f).xml",
                "<rss version=\"2.0\"><channel><title>S\(f)</title><item><guid>g-\(f)</guid><title>Titre \(f)</title>"
                    + "<description>Texte.</description></item></channel></rss>")
            yaml += """
                  - id: s\(f)
                    kind: feed
                    url: \(w.server.url("/feed-\(f).xml", host: Self.host))
                    every: 1h
                    timeout: 30s
                    delay: \(Int(Self.delay * 1000))ms

                """
        }
        try yaml.write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        func start(_ name: String, _ arguments: [String]) throws -> (Process, URL) {
            let log = w.dir.appendingPathComponent("\(name).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = arguments + ["--config", w.config.path, "--db", database.url, "--out", w.out]
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            return (process, log)
        }
        let worker = try start("worker", ["run", "--all", "--worker", "w1"])
        defer { if worker.0.isRunning { kill(worker.0.processIdentifier, SIGKILL) } }
        // The crawl starts once the worker's run is open.
        for _ in 0..<1200 {
            let open = (try? database.psql("SELECT count(*) FROM run WHERE status = 'running'")) ?? ""
            if open.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let crawl = try start("crawl", ["crawl", "--source", "s6", "--source", "s7", "--source", "s5"])
        for (process, log) in [crawl, worker] {
            #expect(await CoordinatedRunTests.World.exited(process), "\(CoordinatedRunTests.World.text(log))")
            #expect(process.terminationStatus == 0, "\(CoordinatedRunTests.World.text(log))")
        }
        let politeness = HostPoliteness(requests: w.server.requests(), finishes: w.server.finishTimes())
        #expect(politeness.maxInFlight == 1)
        #expect(politeness.minGap >= Self.delay - 0.02, "smallest gap \(politeness.minGap) s")
        #expect(w.server.requests(path: "/robots.txt").count == 1, "robots.txt fetched by each process")
        #expect(w.server.requests().count == 1 + 8 + 3)
        // Both runs completed: the crawl did not close the worker's as interrupted.
        let runs = try database.psql("SELECT command || ':' || status FROM run ORDER BY id")
            .split(separator: "\n").map(String.init)
        #expect(runs == ["run:completed", "crawl:completed"])
        // Every item once, with one new delta each.
        #expect(
            try database.psql("SELECT count(*) || '/' || count(DISTINCT itemId) FROM delta WHERE kind = 'new'")
                .trimmingCharacters(in: .whitespacesAndNewlines) == "8/8")
    }
}
