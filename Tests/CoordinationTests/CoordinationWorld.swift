import Coordination
import Foundation
import PostgresNIO
import TestSupport

/// What the coordination tests share: a throw-away database on the test cluster, coordination pools
/// on it (one per simulated worker: separate connections, real concurrency), and worker processes
/// (`veille-bench worker`, built next to the test bundle).
struct CoordinationWorld {
    let server: PostgresServer
    let database: PostgresTestDatabase

    init(_ name: String) throws {
        server = try PostgresServer.shared()
        database = try server.createDatabase(name)
    }

    /// A new pool on the database, migrated. The connect timeout is long: the whole suite loads the
    /// machine, and a SCRAM login in a debug build is slow.
    func open(retryBudget: Duration = .seconds(60), url: String? = nil) async throws -> CoordinationDatabase {
        try await CoordinationDatabase.open(
            try PostgresLocation(url: url ?? database.url), retryBudget: retryBudget, connectTimeout: .seconds(90))
    }

    /// One value from `psql`, trimmed.
    func value(_ sql: String) throws -> String {
        try database.psql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func drop() { database.drop() }

    /// The built `veille-bench`, next to the test runner (`.build/debug/veillePackageTests.xctest`).
    static var bench: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("veille-bench")
    }

    /// Starts a `veille-bench worker` process; stdout and stderr go to files returned with it.
    static func startWorker(_ arguments: [String]) throws -> (Process, URL) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("veille-worker-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = bench
        process.arguments = ["worker"] + arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (process, log)
    }

    /// A sources file for `veille-bench worker`.
    static func sourcesFile(_ sources: [(String, String)]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veille-sources-\(UUID().uuidString)")
        try Data(sources.map { "\($0.0)\t\($0.1)\n" }.joined().utf8).write(to: url)
        return url
    }
}
