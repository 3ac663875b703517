import Foundation
import TestSupport

/// `veille-bench coordination run [--workers 1,2,4] [--sources 400] [--hosts 200] [--latency 0.2] [--delay 1]
/// [--concurrency N] [--skip-sqlite 1]`:
/// the night of `veille run` itself (the built `veille` beside this program, the whole pipeline: fetch,
/// parse, store, digest files), over SOURCES feeds spread over HOSTS loopback host names
/// (`hNNN.localhost`, one server, each answer after LATENCY seconds, `delay` DELAY per source): once on
/// SQLite (one process), then on PostgreSQL with each worker count (fresh database, that many `veille run`
/// processes started together; `--concurrency` is passed to them). Wall time next to the polite floor, and
/// the politeness the server saw.
enum CoordinationRunBenchmark {
    static func run(server: PostgresServer, options: [String: String]) async throws -> String {
        let counts = (options["--workers"] ?? "1,2,4").split(separator: ",").compactMap { Int($0) }
        let sources = Int(options["--sources"] ?? "") ?? 400
        let hosts = Int(options["--hosts"] ?? "") ?? 200
        let latency = Double(options["--latency"] ?? "") ?? 0.2
        let delay = Double(options["--delay"] ?? "") ?? 1
        let http = try await TestHTTPServer.start()
        defer { http.stop() }
        try http.setLatency(latency)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-bench-run-\(UUID().uuidString)")
        let config = dir.appendingPathComponent("Feeds")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var yaml = "contact: https://example.org/veille-bench\nsources:\n"
        for h in 0..<hosts {
            try http.write(String(format: "h%03d.localhost/robots.txt", h), "User-agent: *\nDisallow: /private/\n")
        }
        for s in 0..<sources {
            let host = String(format: "h%03d.localhost", s % hosts)
            try http.write(
                "\(host)/feed-\(s).xml",
                "<rss version=\"2.0\"><channel><title>\(s)</title><item><guid>g\(s)</guid><title>Entrée \(s)</title>"
                    + "<description>Texte \(s).</description></item></channel></rss>")
            yaml +=
                "  - id: s\(s)\n    kind: feed\n    url: \(http.url("/feed-\(s).xml", host: host))\n    every: 1h\n"
                + "    delay: \(Int(delay * 1000))ms\n"
        }
        try yaml.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let perHost = (sources + hosts - 1) / hosts + 1 // feeds plus robots.txt on the busiest host
        let floor = Double(perHost) * latency + Double(perHost - 1) * delay
        var lines = [
            String(
                format:
                    "veille run: %d sources on %d hosts, %.0f ms latency, delay %.1f s; polite floor %.2f s (%d requests on the busiest host)",
                sources, hosts, latency * 1000, delay, floor, perHost)
        ]
        var nights: [(String, String, Int)] =
            options["--skip-sqlite"] == nil ? [("SQLite", dir.appendingPathComponent("veille.sqlite").path, 1)] : []
        let concurrency = options["--concurrency"].map { ["--concurrency", $0] } ?? []
        for count in counts { nights.append(("PostgreSQL", try server.createDatabase("run\(count)").url, count)) }
        for (n, (backend, db, workers)) in nights.enumerated() {
            let seen = http.requests().count
            let started = Date()
            let codes = try start(
                workers, config: config.path, db: db, out: dir.appendingPathComponent("out\(n)").path,
                extra: db.hasPrefix("postgres") ? concurrency : [])
            let wall = Date().timeIntervalSince(started)
            let requests = Array(http.requests().dropFirst(seen))
            let politeness = HostPoliteness(requests: requests, finishes: http.finishTimes())
            lines.append(
                String(
                    format:
                        "%@, %d process(es): %.2f s wall, %.2fx the floor; %d requests, at most %d in flight to one host, smallest gap %.3f s; exit codes %@",
                    backend, workers, wall, wall / floor, requests.count, politeness.maxInFlight, politeness.minGap,
                    codes.map(String.init).joined(separator: ",")))
        }
        return lines.joined(separator: "\n")
    }

    /// Starts `count` `veille run --all` processes on `db` together and waits for all; their exit codes.
    static func start(_ count: Int, config: String, db: String, out: String, extra: [String]) throws -> [Int32] {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("veille")
        var processes: [(Process, URL)] = []
        for n in 0..<count {
            let process = Process()
            process.executableURL = binary
            process.arguments =
                ["run", "--all", "--quiet", "--config", config, "--db", db, "--out", out]
                + (count > 1 || db.hasPrefix("postgres") ? ["--worker", "w\(n)"] : []) + extra
            process.standardOutput = FileHandle.nullDevice
            let log = URL(fileURLWithPath: out + "-\(n).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            processes.append((process, log))
        }
        for (process, log) in processes {
            process.waitUntilExit()
            // A worker that failed says why.
            if process.terminationStatus != 0, let text = try? String(contentsOf: log, encoding: .utf8) {
                FileHandle.standardError.write(Data(text.suffix(600).utf8))
            }
        }
        return processes.map(\.0.terminationStatus)
    }
}
