import Foundation
import Pipeline
import Storage
import TestSupport

/// `veille-bench run [--feeds 100] [--fixtures DIR]`: the nightly run over N feeds served on loopback,
/// in this process: wall time, and peak resident memory (getrusage's ru_maxrss) measured after the run.
/// The feeds are the given fixtures (RSS/Atom files) cycled; each feed gets a unique GUID prefix so every
/// item is distinct.
enum PipelineBenchmark {
    static func run(arguments: [String]) async throws -> String {
        var feeds = 100
        var fixtures = "Tests/PipelineTests/Fixtures"
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--feeds":
                feeds = Int(arguments[i + 1]) ?? feeds
                i += 2
            case "--fixtures":
                fixtures = arguments[i + 1]
                i += 2
            default: i += 1
            }
        }
        // UTF-8 feed fixtures only (each is rewritten as text below).
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures)
            .filter { $0.hasSuffix(".rss") || $0.hasSuffix(".xml") }.sorted()
            .filter { (try? String(contentsOfFile: fixtures + "/" + $0, encoding: .utf8)) != nil }
        guard !files.isEmpty else { return "no feed fixtures in \(fixtures)" }
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
        var yaml = "sources:\n"
        var bytes = 0
        for n in 0..<feeds {
            let text = try String(contentsOfFile: fixtures + "/" + files[n % files.count], encoding: .utf8)
            let unique = text.replacingOccurrences(of: "<guid", with: "<guid-bench-\(n)").replacingOccurrences(
                of: "</guid", with: "</guid-bench-\(n)"
            )
            .replacingOccurrences(of: "<link>", with: "<link>https://feed\(n).example/?p=")
            .replacingOccurrences(of: "<id>", with: "<id>feed\(n)-")
            try server.write("f\(n).xml", unique)
            bytes += unique.utf8.count
            yaml += "  - id: feed-\(n)\n    url: \(server.url("/f\(n).xml"))\n    delay: 0s\n"
        }
        try yaml.write(to: dir.appendingPathComponent("Feeds/sources.yaml"), atomically: true, encoding: .utf8)
        let before = peakRSS()
        let started = Date()
        let report = try await NightlyRun(
            options: RunOptions(
                configDir: dir.appendingPathComponent("Feeds").path,
                databasePath: dir.appendingPathComponent("v.sqlite").path,
                outDir: dir.appendingPathComponent("digests").path,
                all: true)
        ).run()
        let seconds = Date().timeIntervalSince(started)
        let items = report.outcomes.reduce(0) { $0 + $1.items }
        let failed = report.outcomes.filter(\.failed).count
        return String(
            format:
                "run: %d feeds (%.1f MB), %d items, %d failed, %.2f s wall; peak RSS %.1f MB (%.1f MB before the run)",
            feeds, Double(bytes) / 1e6, items, failed, seconds, Double(peakRSS()) / 1e6, Double(before) / 1e6)
    }

    /// Peak resident set size of this process, in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
