import Foundation
import Pipeline
import TestSupport

/// `veille-bench politeness [--hosts 20] [--feeds-per-host 10] [--size 200000] [--item-size 2000] [--latency 0.1] [--delay 1]`:
/// figures for the full nightly run (in-process ``NightlyRun``, like `run`).
///
/// One loopback server per host (127.0.0.10 and up, each serving its robots.txt), FEEDS_PER_HOST RSS
/// feeds of SIZE bytes each (uncompressed, items of about ITEM_SIZE bytes), LATENCY seconds added to every answer, every
/// source with `delay` DELAY. A first run (`run --all`: baseline) then the same run with nothing changed.
/// For each: wall time next to the lower bound the per-host gap imposes — (requests per host − 1) × delay
/// + requests per host × latency (the gap runs from the end of one answer to the next request),
/// robots.txt counted, as every request is — and, counted on the servers, the requests, the 304 share
/// and the body bytes sent (status lines and headers not included).
enum PolitenessBenchmark {
    struct Settings {
        var hosts = 20, perHost = 10, size = 200_000, itemSize = 2000
        var latency = 0.1, delay = 1.0
    }

    static func run(arguments: [String]) async throws -> String {
        var s = Settings()
        var i = 0
        while i + 1 < arguments.count {
            let value = arguments[i + 1]
            switch arguments[i] {
            case "--hosts": s.hosts = Int(value) ?? s.hosts
            case "--feeds-per-host": s.perHost = Int(value) ?? s.perHost
            case "--size": s.size = Int(value) ?? s.size
            case "--item-size": s.itemSize = Int(value) ?? s.itemSize
            case "--latency": s.latency = Double(value) ?? s.latency
            case "--delay": s.delay = Double(value) ?? s.delay
            default: break
            }
            i += 2
        }
        var servers: [TestHTTPServer] = []
        defer { servers.forEach { $0.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-politeness-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
        var yaml = "contact: https://example.org/veille-bench\nsources:\n"
        var sizes: [String: Int] = [:]
        for h in 0..<s.hosts {
            let server = try await TestHTTPServer.start(bind: "127.0.0.\(10 + h)")
            servers.append(server)
            try server.setLatency(s.latency)
            try server.setDefault("compress", false)
            let robots = "User-agent: *\nDisallow: /private/\n"
            try server.write("robots.txt", robots)
            sizes["\(server.baseURL)/robots.txt"] = robots.utf8.count
            for f in 0..<s.perHost {
                let feed = feedText(host: h, feed: f, size: s.size, itemSize: s.itemSize)
                try server.write("feed-\(f).xml", feed)
                sizes["\(server.baseURL)/feed-\(f).xml"] = feed.utf8.count
                yaml +=
                    "  - id: h\(h)-f\(f)\n    url: \(server.url("/feed-\(f).xml"))\n    every: 1h\n    delay: \(s.delay)s\n"
            }
        }
        try yaml.write(to: dir.appendingPathComponent("Feeds/sources.yaml"), atomically: true, encoding: .utf8)
        let options = RunOptions(
            configDir: dir.appendingPathComponent("Feeds").path,
            databasePath: dir.appendingPathComponent("v.sqlite").path,
            outDir: dir.appendingPathComponent("digests").path, all: true)
        // perHost + 1 requests per host (robots.txt included), each answered after the latency, with the gap
        // between the end of one and the start of the next.
        let bound = Double(s.perHost) * s.delay + Double(s.perHost + 1) * s.latency
        var lines = [
            String(
                format:
                    "%d feeds of %d bytes (items of ~%d bytes) over %d hosts, %.0f ms latency, delay %.1f s; bound %.1f s (%d requests per host)",
                s.hosts * s.perHost, s.size, s.itemSize, s.hosts, s.latency * 1000, s.delay, bound, s.perHost + 1)
        ]
        var firstBytes = 0
        for pass in ["first run", "rerun"] {
            let seen = servers.map { $0.requests().count }
            let started = Date()
            let report = try await NightlyRun(options: options).run()
            let seconds = Date().timeIntervalSince(started)
            let requests = zip(servers, seen).flatMap { server, before in
                server.requests().dropFirst(before).map { ("\(server.baseURL)\($0.path)", $0.status) }
            }
            let notModified = requests.filter { $0.1 == 304 }.count
            let bytes = requests.filter { $0.1 == 200 }.reduce(0) { $0 + (sizes[$1.0] ?? 0) }
            if pass == "first run" { firstBytes = bytes }
            let failed = report.outcomes.filter { $0.status != .ok && $0.status != .notModified }.count
            lines.append(
                String(
                    format:
                        "%@: %.2f s wall, %.2fx the bound; %d requests, %d answered 304 (%.1f %%); %d body bytes (%.2f %% of the first run); %d items, %d deltas, %d sources not ok",
                    pass, seconds, seconds / bound, requests.count, notModified,
                    100 * Double(notModified) / Double(max(1, requests.count)), bytes,
                    100 * Double(bytes) / Double(max(1, firstBytes)),
                    report.outcomes.reduce(0) { $0 + $1.items }, report.deltaCount, failed))
        }
        return lines.joined(separator: "\n")
    }

    /// An RSS feed of about `size` bytes: items of about `itemSize` bytes with distinct GUIDs.
    static func feedText(host: Int, feed: Int, size: Int, itemSize: Int) -> String {
        let sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
        let filler = String(repeating: sentence, count: max(1, (itemSize - 150) / sentence.utf8.count))
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>host \(host) feed \(feed)</title>\n"
        var n = 0
        while out.utf8.count < size - 200 {
            out +=
                "<item><title>Host \(host) feed \(feed) item \(n)</title><link>https://h\(host).example/f\(feed)/\(n)</link>"
                + "<guid>h\(host)-f\(feed)-\(n)</guid><description>\(filler)</description></item>\n"
            n += 1
        }
        return out + "</channel></rss>\n"
    }
}
