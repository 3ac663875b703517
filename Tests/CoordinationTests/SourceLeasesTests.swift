import Coordination
import Foundation
import Testing

/// Claims and leases against the real server: concurrent workers never get the same source, an
/// expired lease comes back to the list, a finished source never does.
@Suite("Source leases (PostgreSQL)", .timeLimit(.minutes(10)))
struct SourceLeasesTests {
    @Test("8 workers on separate connections claim 600 sources concurrently: each source exactly once")
    func concurrentClaims() async throws {
        let world = try CoordinationWorld("claims")
        defer { world.drop() }
        let ids = (0..<600).map { String(format: "src-%03d", $0) }
        let first = try await world.open()
        defer { first.close() }
        #expect(try await SourceLeases(database: first, worker: "opener").open(night: "n1", sources: ids))
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for w in 0..<8 {
                group.addTask {
                    let database = try await world.open()
                    defer { database.close() }
                    let leases = SourceLeases(database: database, worker: "w\(w)")
                    // A second open of the same night is a join: the list stays the opener's.
                    #expect(try await leases.open(night: "n1", sources: ["other"]) == false)
                    var mine: [String] = []
                    while true {
                        let batch = try await leases.claim(night: "n1", limit: 5)
                        if batch.isEmpty { break }
                        for claim in batch {
                            mine.append(claim.sourceID)
                            try await leases.finish(night: "n1", source: claim.sourceID, outcome: "ok")
                        }
                    }
                    return mine
                }
            }
            var all: [String] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(claimed.count == 600)
        #expect(Set(claimed) == Set(ids))
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE night = 'n1'") == "600")
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE claims <> 1 OR done_at IS NULL") == "0")
        #expect(try world.value("SELECT count(DISTINCT done_by) FROM coord_sources") != "1")
    }

    @Test("an expired lease is claimed by another worker; the first worker's renewal reports it lost")
    func expiredLease() async throws {
        let world = try CoordinationWorld("expiry")
        defer { world.drop() }
        let database = try await world.open()
        defer { database.close() }
        let a = SourceLeases(database: database, worker: "a", lease: .seconds(6))
        let b = SourceLeases(database: database, worker: "b", lease: .seconds(30))
        try await a.open(night: "n", sources: ["s1", "s2", "s3"])
        let taken = try await a.claim(night: "n", limit: 2)
        #expect(taken.map(\.sourceID) == ["s1", "s2"])
        // While a's leases run, b only gets what is left.
        #expect(try await b.claim(night: "n", limit: 5).map(\.sourceID) == ["s3"])
        try await b.finish(night: "n", source: "s3", outcome: "ok")
        // a renews s1 only; s2's lease runs out.
        try await Task.sleep(for: .seconds(2))
        #expect(try await a.renew(night: "n", sources: ["s1"]).isEmpty)
        try await Task.sleep(for: .seconds(4.5))
        let takenOver = try await b.claim(night: "n", limit: 5)
        #expect(takenOver == [SourceLeases.Claim(sourceID: "s2", claims: 2)])
        #expect(try await a.renew(night: "n", sources: ["s1", "s2"]) == ["s2"])
        // b holds s2 now: a cannot finish it under b (b's crawl would be recorded as a's outcome).
        #expect(try await a.finish(night: "n", source: "s2", outcome: "late") == false)
        #expect(try await b.finish(night: "n", source: "s2", outcome: "ok"))
        // s2 is done: a finishing it too is refused; s3 never comes back.
        #expect(try await a.finish(night: "n", source: "s2", outcome: "late") == false)
        #expect(try await a.finish(night: "n", source: "s1", outcome: "ok"))
        #expect(try await b.claim(night: "n", limit: 5).isEmpty)
        let progress = try await b.progress(night: "n")
        #expect(progress == .init(done: 3, leased: 0, waiting: 0, abandoned: 0, nextExpiry: nil))
        #expect(try world.value("SELECT outcome FROM coord_sources WHERE source_id = 's2'") == "ok")
    }

    @Test("releaseAll gives leases back at once; a source claimed maxClaims times is left alone")
    func releaseAndAbandon() async throws {
        let world = try CoordinationWorld("release")
        defer { world.drop() }
        let database = try await world.open()
        defer { database.close() }
        let a = SourceLeases(database: database, worker: "a", lease: .seconds(1), maxClaims: 2)
        let b = SourceLeases(database: database, worker: "b", lease: .seconds(1), maxClaims: 2)
        try await a.open(night: "n", sources: ["s1", "s2"])
        #expect(try await a.claim(night: "n", limit: 1).map(\.sourceID) == ["s1"])
        #expect(try await a.releaseAll(night: "n") == 1)
        #expect(try await b.claim(night: "n", limit: 1) == [SourceLeases.Claim(sourceID: "s1", claims: 1)])
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await a.claim(night: "n", limit: 1) == [SourceLeases.Claim(sourceID: "s1", claims: 2)])
        try await Task.sleep(for: .milliseconds(1100))
        // s1 brought down two workers: nobody takes it again tonight.
        #expect(try await b.claim(night: "n", limit: 5).map(\.sourceID) == ["s2"])
        let progress = try await b.progress(night: "n")
        #expect(progress.abandoned == 1)
        #expect(progress.leased == 1)
    }

    @Test("a night runs from noon to noon UTC")
    func nightKey() {
        let afterMidnight = Date(timeIntervalSince1970: 1_796_000_000) // 2026-11-30 00:53:20 UTC
        #expect(SourceLeases.night(of: afterMidnight) == "2026-11-29")
        #expect(SourceLeases.night(of: afterMidnight.addingTimeInterval(-3600)) == "2026-11-29")
        #expect(SourceLeases.night(of: afterMidnight.addingTimeInterval(10 * 3600)) == "2026-11-29")
        #expect(SourceLeases.night(of: afterMidnight.addingTimeInterval(12 * 3600)) == "2026-11-30")
    }

    @Test("a URL with a bad password, or no server, is a connection error naming the reason")
    func badConnection() async throws {
        let world = try CoordinationWorld("badconn")
        defer { world.drop() }
        let wrong = "postgres://veille:wrong@127.0.0.1:\(world.server.port)/\(world.database.name)?sslmode=disable"
        await #expect {
            _ = try await CoordinationDatabase.open(try PostgresLocation(url: wrong), connectTimeout: .seconds(90))
        } throws: { error in
            guard case CoordinationError.connection(let reason) = error else { return false }
            return reason.contains("password authentication failed") && !reason.contains("wrong")
        }
        let nobody = "postgres://veille@127.0.0.1:1/none?sslmode=disable"
        await #expect {
            _ = try await CoordinationDatabase.open(try PostgresLocation(url: nobody), connectTimeout: .seconds(3))
        } throws: { error in
            guard case CoordinationError.connection(let reason) = error else { return false }
            return reason.hasPrefix("postgres://veille@127.0.0.1:1/none")
        }
        #expect(throws: CoordinationError.self) { try PostgresLocation(url: "postgres://host/db?pool=0") }
        #expect(throws: CoordinationError.self) { try PostgresLocation(url: "postgres://host") }
    }
}
