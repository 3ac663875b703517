import Coordination
import Foundation
import Logging
import TestSupport

/// `veille-bench coordination claims [--workers 8] [--sources 100000] [--batch 4]` and
/// `veille-bench coordination night [--workers 1,2,4] [--sources 400] [--hosts 200] [--latency 0.2]
/// [--delay 1] [--concurrency 8]`: the coordination figures, on a PostgreSQL cluster of their own
/// (``PostgresServer``, durable: fsync on) and worker processes (`veille-bench worker`).
///
/// - claims: a night of SOURCES due sources opened, then WORKERS processes claim them in batches of
///   BATCH and finish each at once (`--no-fetch`); claims per second over the whole processes' wall
///   time, and over the span between the first and the last finish recorded in the database.
/// - night: SOURCES feeds spread over HOSTS host names on one loopback server (each answer after
///   LATENCY seconds, each host's robots.txt served), every host with a gap of DELAY; for each worker
///   count, a fresh database and that many processes; the wall time next to the polite floor (the
///   busiest host's requests × latency + its gaps), and what the server's log says of politeness (most
///   requests in flight to one host, smallest gap between two requests to one host).
enum CoordinationBenchmark {
    static func run(arguments: [String]) async throws -> String {
        guard let mode = arguments.first else { return "usage: veille-bench coordination claims|night|run [ARGS]" }
        var options: [String: String] = [:]
        var i = 1
        while i + 1 < arguments.count {
            options[arguments[i]] = arguments[i + 1]
            i += 2
        }
        let server = try PostgresServer.start(durable: true)
        defer { server.stop() }
        switch mode {
        case "claims": return try await claims(server: server, options: options)
        case "night": return try await night(server: server, options: options)
        case "run": return try await CoordinationRunBenchmark.run(server: server, options: options)
        default: return "unknown coordination benchmark '\(mode)'"
        }
    }

    static func claims(server: PostgresServer, options: [String: String]) async throws -> String {
        let workers = Int(options["--workers"] ?? "") ?? 8
        let count = Int(options["--sources"] ?? "") ?? 100_000
        let batch = Int(options["--batch"] ?? "") ?? 4
        let database = try server.createDatabase("claims")
        let file = try sourcesFile((0..<count).map { (String(format: "s%06d", $0), "http://127.0.0.1/") })
        defer { try? FileManager.default.removeItem(at: file) }
        let coordination = try await CoordinationDatabase.open(try PostgresLocation(url: database.url))
        try await SourceLeases(database: coordination, worker: "bench").open(
            night: "bench", sources: (0..<count).map { String(format: "s%06d", $0) })
        coordination.close()
        let started = Date()
        let codes = try runWorkers(
            workers,
            arguments: [
                "--db", database.url, "--sources", file.path, "--night", "bench", "--batch", String(batch),
                "--concurrency", String(batch), "--no-fetch",
            ])
        let wall = Date().timeIntervalSince(started)
        let span =
            Double(
                try database.psql(
                    "SELECT EXTRACT(EPOCH FROM max(done_at) - min(done_at)) FROM coord_sources WHERE night = 'bench'"
                ).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let done = try database.psql("SELECT count(*) FROM coord_sources WHERE done_at IS NOT NULL")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let twice = try database.psql("SELECT count(*) FROM coord_sources WHERE claims <> 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return String(
            format:
                "%d sources, %d worker processes, batches of %d: %.0f claims/s over the processes' wall time (%.2f s), %.0f claims/s between the first and last finish (%.2f s); %@ finished, %@ claimed more than once, exit codes %@",
            count, workers, batch, Double(count) / wall, wall, Double(count) / max(span, 0.001), span, done, twice,
            codes.map(String.init).joined(separator: ","))
    }

    static func night(server: PostgresServer, options: [String: String]) async throws -> String {
        let counts = (options["--workers"] ?? "1,2,4").split(separator: ",").compactMap { Int($0) }
        let sources = Int(options["--sources"] ?? "") ?? 400
        let hosts = Int(options["--hosts"] ?? "") ?? 200
        let latency = Double(options["--latency"] ?? "") ?? 0.2
        let delay = Double(options["--delay"] ?? "") ?? 1
        let concurrency = Int(options["--concurrency"] ?? "") ?? 8
        let http = try await TestHTTPServer.start()
        defer { http.stop() }
        try http.setLatency(latency)
        var list: [(String, String)] = []
        var resolve: [String] = []
        for h in 0..<hosts {
            let name = String(format: "h%03d.bench.test", h)
            resolve += ["--resolve", http.resolveEntry(for: name)]
            try http.write("\(name)/robots.txt", "User-agent: *\nDisallow: /private/\n")
        }
        for s in 0..<sources {
            let name = String(format: "h%03d.bench.test", s % hosts)
            try http.write("\(name)/feed-\(s).xml", "<rss version=\"2.0\"><channel><title>\(s)</title></channel></rss>")
            list.append((String(format: "s%04d", s), http.url("/feed-\(s).xml", host: name)))
        }
        let file = try sourcesFile(list)
        defer { try? FileManager.default.removeItem(at: file) }
        let perHost = (sources + hosts - 1) / hosts + 1 // feeds plus robots.txt on the busiest host
        let floor = Double(perHost) * latency + Double(perHost - 1) * delay
        var lines = [
            String(
                format:
                    "%d sources on %d hosts, %.0f ms latency, delay %.1f s, %d crawls at once per worker; polite floor %.2f s (%d requests on the busiest host)",
                sources, hosts, latency * 1000, delay, concurrency, floor, perHost)
        ]
        for workers in counts {
            let database = try server.createDatabase("night\(workers)")
            let seen = http.requests().count
            let started = Date()
            let codes = try runWorkers(
                workers,
                arguments: [
                    "--db", database.url, "--sources", file.path, "--night", "bench", "--delay", String(delay),
                    "--concurrency", String(concurrency),
                ] + resolve)
            let wall = Date().timeIntervalSince(started)
            let requests = Array(http.requests().dropFirst(seen))
            let politeness = HostPoliteness(requests: requests, finishes: http.finishTimes())
            let notOK = try database.psql("SELECT count(*) FROM coord_sources WHERE outcome NOT LIKE 'ok%'")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            lines.append(
                String(
                    format:
                        "%d worker(s): %.2f s wall, %.2fx the floor; %d requests, at most %d in flight to one host, smallest gap %.3f s; %@ sources not ok; exit codes %@",
                    workers, wall, wall / floor, requests.count, politeness.maxInFlight, politeness.minGap, notOK,
                    codes.map(String.init).joined(separator: ",")))
        }
        return lines.joined(separator: "\n")
    }

    /// Starts `count` worker processes with `arguments` and waits for all; their exit codes.
    static func runWorkers(_ count: Int, arguments: [String]) throws -> [Int32] {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var processes: [Process] = []
        for n in 0..<count {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["worker", "--worker", "w\(n)"] + arguments
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        return processes.map(\.terminationStatus)
    }

    /// A sources file for `veille-bench worker`: `id<TAB>url` lines.
    static func sourcesFile(_ sources: [(String, String)]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veille-sources-\(UUID().uuidString)")
        try Data(sources.map { "\($0.0)\t\($0.1)\n" }.joined().utf8).write(to: url)
        return url
    }
}
