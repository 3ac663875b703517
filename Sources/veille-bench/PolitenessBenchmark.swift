import Fetching
import Foundation
import TestSupport

/// `veille-bench politeness [HOSTS] [FEEDS_PER_HOST]`: the operations issue's politeness figure at the
/// fetch layer.
///
/// HOSTS loopback servers (default 20, bound to 127.0.0.10 and up), FEEDS_PER_HOST feeds each (default
/// 10) of 200 KB, 100 ms of server latency, `delay` 1 s per host, 8 transfers in flight at most; all
/// feeds are fetched at once through ``PoliteFetcher`` (robots.txt included), then again with the
/// validators of the first run. Prints each run's wall time next to the lower bound the per-host gap
/// imposes ((feeds per host − 1) × delay; one more gap counting the robots.txt request), the share of
/// 304 answers and the bytes on the wire.
enum PolitenessBenchmark {
    static func run(arguments: [String]) async throws -> String {
        let hosts = arguments.first.flatMap(Int.init) ?? 20
        let perHost = arguments.dropFirst().first.flatMap(Int.init) ?? 10
        let size = 200_000, delay = 1.0
        var servers: [TestHTTPServer] = []
        defer { servers.forEach { $0.stop() } }
        for h in 0..<hosts {
            let server = try await TestHTTPServer.start(bind: "127.0.0.\(10 + h)")
            servers.append(server)
            try server.setLatency(0.1)
            try server.setDefault("compress", false)
            for f in 0..<perHost {
                let item = "<item><title>host \(h) feed \(f)</title></item>\n"
                let body = String(repeating: item, count: size / item.utf8.count)
                try server.write("feed-\(f).xml", "<rss>\(body)</rss>")
            }
        }
        let urls = servers.flatMap { server in (0..<perHost).map { server.url("/feed-\($0).xml") } }
        let bound = Double(perHost - 1) * delay
        var lines: [String] = []

        let (first, responses) = try await fetchAll(urls, validators: [:], delay: delay)
        let firstBytes = responses.values.map { $0.bytesReceived + $0.headerBytes }.reduce(0, +)
        lines.append(String(format: "first run: %d feeds over %d hosts in %.2f s; bound %.1f s (%.1f s with robots.txt): %.2fx (%.2fx); %d bytes",
                            responses.count, hosts, first, bound, bound + delay, first / bound, first / (bound + delay), firstBytes))

        let validators = responses.mapValues { ($0.etag, $0.lastModified) }
        let (second, again) = try await fetchAll(urls, validators: validators, delay: delay)
        let notModified = again.values.filter(\.notModified).count
        let secondBytes = again.values.map { $0.bytesReceived + $0.headerBytes }.reduce(0, +)
        lines.append(String(format: "rerun: %.2f s, %.2fx (%.2fx); %d of %d answered 304 (%.1f %%); %d bytes, %.2f %% of the first run",
                            second, second / bound, second / (bound + delay), notModified, again.count,
                            100 * Double(notModified) / Double(max(1, again.count)), secondBytes,
                            100 * Double(secondBytes) / Double(max(1, firstBytes))))
        return lines.joined(separator: "\n")
    }

    /// Fetches every URL at once through one polite fetcher (one run); returns wall time and responses.
    static func fetchAll(_ urls: [String], validators: [String: (String?, String?)],
                         delay: TimeInterval) async throws -> (TimeInterval, [String: FetchResponse]) {
        let polite = PoliteFetcher(fetcher: Fetcher(userAgent: "veille/bench", maxConcurrent: 8), defaultDelay: delay)
        let start = Date()
        let responses = try await withThrowingTaskGroup(of: (String, FetchResponse).self) { group in
            for url in urls {
                let (etag, lastModified) = validators[url] ?? (nil, nil)
                group.addTask { (url, try await polite.fetch(FetchRequest(url: url, etag: etag, lastModified: lastModified))) }
            }
            return try await group.reduce(into: [String: FetchResponse]()) { $0[$1.0] = $1.1 }
        }
        return (Date().timeIntervalSince(start), responses)
    }
}
