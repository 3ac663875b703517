import Coordination
import Foundation
import Synchronization
import Testing

/// The worker loop in-process against the real server: three workers share a night, each source
/// crawled once; a connection lost for a while is retried; lost for longer than the budget, the worker
/// stops and gives its leases back once the database answers again.
@Suite("Night worker (PostgreSQL)", .timeLimit(.minutes(10)))
struct NightWorkerTests {
    /// Records each crawl.
    final class Crawls: Sendable {
        let seen = Mutex<[String]>([])
        func add(_ source: String) { seen.withLock { $0.append(source) } }
        var all: [String] { seen.withLock { $0 } }
    }

    @Test("three workers on one night: every source crawled once, the night ends for all")
    func threeWorkers() async throws {
        let world = try CoordinationWorld("night")
        defer { world.drop() }
        let ids = (0..<90).map { "s\($0)" }
        let crawls = Crawls()
        let reports = try await withThrowingTaskGroup(of: NightWorker.Report.self) { group in
            for w in 0..<3 {
                group.addTask {
                    let database = try await world.open()
                    defer { database.close() }
                    let leases = SourceLeases(database: database, worker: "w\(w)", lease: .seconds(60))
                    try await leases.open(night: "n", sources: ids)
                    return try await NightWorker(leases: leases, concurrency: 3, batch: 2).run(night: "n") { id in
                        crawls.add(id)
                        try? await Task.sleep(for: .milliseconds(10))
                        return "ok"
                    }
                }
            }
            var reports: [NightWorker.Report] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        #expect(crawls.all.count == 90)
        #expect(Set(crawls.all) == Set(ids))
        #expect(reports.reduce(0) { $0 + $1.finished.count } == 90)
        #expect(reports.allSatisfy { !$0.finished.isEmpty })
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL OR claims <> 1") == "0")
    }

    /// A role of its own, so that its logins can be refused and its connections cut mid-night.
    static func makeRole(_ world: CoordinationWorld) throws -> (name: String, url: String) {
        let role = "w_" + UUID().uuidString.prefix(8).lowercased()
        try world.database.psql("CREATE ROLE \(role) LOGIN SUPERUSER PASSWORD 'pw'")
        let url = "postgres://\(role):pw@127.0.0.1:\(world.server.port)/\(world.database.name)?sslmode=disable"
        return (role, url)
    }

    /// Waits until `count` sources of night `n` are finished.
    static func waitForDone(_ world: CoordinationWorld, _ count: Int) async throws {
        for _ in 0..<400 {
            if (Int((try? world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NOT NULL")) ?? "") ?? 0)
                >= count
            {
                return
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Refuses the role's logins and cuts its connections.
    static func cut(_ world: CoordinationWorld, _ role: String) throws {
        try world.database.psql("ALTER ROLE \(role) NOLOGIN")
        try world.database.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
    }

    @Test("connections cut mid-night and logins refused for a second: retried, the night completes")
    func lostConnectionRetried() async throws {
        let world = try CoordinationWorld("lost")
        defer { world.drop() }
        let (role, url) = try Self.makeRole(world)
        let ids = (0..<30).map { "s\($0)" }
        let crawls = Crawls()
        let database = try await world.open(retryBudget: .seconds(15), url: url)
        defer { database.close() }
        let leases = SourceLeases(database: database, worker: "w", lease: .seconds(10))
        try await leases.open(night: "n", sources: ids)
        let outage = Task {
            try await Self.waitForDone(world, 4)
            try Self.cut(world, role)
            try await Task.sleep(for: .seconds(1))
            try world.database.psql("ALTER ROLE \(role) LOGIN")
        }
        let report = try await NightWorker(leases: leases, concurrency: 2, batch: 2).run(night: "n") { id in
            crawls.add(id)
            try? await Task.sleep(for: .milliseconds(100))
            return "ok"
        }
        try await outage.value
        #expect(report.finished.count == 30)
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL") == "0")
        #expect(Set(crawls.all) == Set(ids))
    }

    @Test("the database lost past the retry budget: the worker stops, its leases released when it comes back")
    func lostConnectionStops() async throws {
        let world = try CoordinationWorld("stop")
        defer { world.drop() }
        let (role, url) = try Self.makeRole(world)
        let ids = (0..<30).map { "s\($0)" }
        let database = try await world.open(retryBudget: .seconds(1), url: url)
        defer { database.close() }
        let leases = SourceLeases(database: database, worker: "w", lease: .seconds(8))
        try await leases.open(night: "n", sources: ids)
        let outage = Task {
            try await Self.waitForDone(world, 4)
            try Self.cut(world, role)
            try await Task.sleep(for: .milliseconds(2500))
            try world.database.psql("ALTER ROLE \(role) LOGIN")
        }
        await #expect {
            _ = try await NightWorker(leases: leases, concurrency: 2, batch: 2).run(night: "n") { _ in
                try? await Task.sleep(for: .milliseconds(100))
                return "ok"
            }
        } throws: { error in
            guard case CoordinationError.connection = error else { return false }
            return true
        }
        try await outage.value
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE worker IS NOT NULL") == "0")
        let left = Int(try world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL")) ?? 0
        #expect(left > 0 && left < 30)
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL AND claims <> 0") == "0")
    }
}
