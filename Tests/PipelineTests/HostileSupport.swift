import Foundation
import Pipeline
import Storage
import TestSupport

/// Helpers for the hostile-input, crash-safety and outage tests: raw source entries, the database read
/// with the sqlite3 module of the test server's Python (the test target does not import GRDB), the
/// process's memory, and the digest files of a world.
enum Hostile {
    /// Writes `sources.yaml` with raw source entries (each a YAML mapping body, indented by the caller).
    static func configure(_ w: PipelineWorld, _ entries: [String]) throws {
        let yaml = "contact: https://example.org/veille-tests\nsources:\n" + entries.joined()
        try yaml.write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
    }

    /// One feed source on the world's server; `more` adds keys (`max_bytes: 5MB\n`, `articles: true\n`).
    static func feed(_ w: PipelineWorld, id: String, path: String, timeout: String = "5s", more: String = "") -> String
    {
        "  - id: \(id)\n    kind: feed\n    url: \(w.server.url(path))\n    every: 1h\n    timeout: \(timeout)\n    delay: 0s\n"
            + more.split(separator: "\n").map { "    \($0)\n" }.joined()
    }

    /// The rows of `sql` on the database at `path`, each column as text (NULL as nil).
    ///
    /// Read through `/usr/bin/python3`'s sqlite3 module, read-only, so a test can look at any table.
    static func query(_ path: String, _ sql: String) throws -> [[String?]] {
        let program = """
            import json, sqlite3, sys
            c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
            rows = c.execute(sys.argv[2]).fetchall()
            print(json.dumps([[None if v is None else str(v) for v in r] for r in rows]))
            """
        let r = try CLITests.exec("/usr/bin/python3", ["-I", "-S", "-c", program, path, sql])
        guard r.code == 0, let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[Any]] else {
            throw HostileError.query("\(sql): \(r.stderr)")
        }
        return rows.map { $0.map { $0 as? String } }
    }

    /// The memory of this process from `/proc/self/status`, in KB: `VmHWM` (peak) or `VmRSS` (now).
    static func memoryKB(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).lazy.compactMap { Int($0) }.first ?? 0
        }
        return 0
    }

    /// Runs `body` while sampling the resident set every 5 ms; returns its result and the largest
    /// growth seen over the resident set before it started (KB), and the growth of the peak (`VmHWM`).
    static func measuringMemory<T: Sendable>(_ body: () async throws -> T) async rethrows -> (
        T, rssGrowthKB: Int, peakGrowthKB: Int
    ) {
        let baseline = memoryKB("VmRSS")
        let peakBefore = memoryKB("VmHWM")
        let sampler = MemorySampler()
        let thread = Thread { sampler.loop() }
        thread.start()
        let value = try await body()
        let maximum = sampler.stop()
        return (value, max(0, maximum - baseline), max(0, memoryKB("VmHWM") - peakBefore))
    }

    /// Whether `unshare -rm` may mount a tmpfs and a read-only bind mount here (the outage tests).
    static let canMount: Bool = {
        let probe =
            "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && mount --bind \"$d\" \"$d\" && mount -o remount,bind,ro \"$d\""
        return (try? CLITests.exec("/usr/bin/unshare", ["-rm", "sh", "-c", probe]).code) == 0
    }()

    /// Every digest file of the world (`.md` and `.json`, hidden temporary files included).
    static func digestFiles(_ w: PipelineWorld) -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: w.out)) ?? []
        return files.sorted().map { URL(fileURLWithPath: w.out).appendingPathComponent($0) }
    }
}

/// A thread that records the largest `VmRSS` until stopped.
final class MemorySampler: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var maximum = 0

    func loop() {
        while true {
            let now = Hostile.memoryKB("VmRSS")
            lock.lock()
            maximum = max(maximum, now)
            let go = running
            lock.unlock()
            if !go { return }
            usleep(5_000)
        }
    }

    /// Stops sampling; returns the largest resident set seen (KB).
    func stop() -> Int {
        lock.lock()
        defer { lock.unlock() }
        running = false
        return max(maximum, Hostile.memoryKB("VmRSS"))
    }
}

/// Why a hostile-test helper failed.
enum HostileError: Error {
    case query(String)
}
