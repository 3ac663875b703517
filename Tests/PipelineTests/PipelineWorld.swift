import Foundation
import Pipeline
import Storage
import TestSupport

/// A loopback world for pipeline tests: a real HTTP server, a config folder, a database and a digest
/// folder in a fresh temporary directory.
final class PipelineWorld: @unchecked Sendable {
    let server: TestHTTPServer
    let dir: URL
    var config: URL { dir.appendingPathComponent("Feeds") }
    var db: String { dir.appendingPathComponent("veille.sqlite").path }
    var out: String { dir.appendingPathComponent("digests").path }

    init() async throws {
        server = try await TestHTTPServer.start()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: fixture(name), encoding: .utf8)
    }

    /// Writes `sources.yaml` with one feed source per (id, served path).
    func configure(_ sources: [(id: String, path: String)], extra: String = "") throws {
        var yaml = "contact: https://example.org/veille-tests\nsources:\n"
        for s in sources {
            // delay 0s: every source sits on 127.0.0.1, and the 1 s default gap would serialise the tests.
            yaml +=
                "  - id: \(s.id)\n    kind: feed\n    url: \(server.url(s.path))\n    every: 1h\n    timeout: 5s\n    delay: 0s\n"
        }
        yaml += extra
        try yaml.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
    }

    func options(all: Bool = true, force: Bool = false, sources: [String] = [], now: Date? = nil) -> RunOptions {
        let fixed = now
        return RunOptions(
            command: sources.isEmpty ? .run : .crawl, configDir: config.path, databasePath: db, outDir: out,
            all: all, force: force, sourceIDs: sources, now: { fixed ?? Date() })
    }

    func run(all: Bool = true, force: Bool = false, sources: [String] = [], now: Date? = nil) async throws -> RunReport
    {
        try await NightlyRun(options: options(all: all, force: force, sources: sources, now: now)).run()
    }

    func store() throws -> Store { try Store(path: db) }
}
