import Coordination
import Foundation
import Synchronization
import Testing

/// The digest lock: one worker at a time, and a worker that dies holding it does not keep it.
@Suite("Digest lock (PostgreSQL)", .timeLimit(.minutes(10)))
struct DigestLockTests {
    /// When each digest ran.
    final class Spans: Sendable {
        let spans = Mutex<[(Date, Date)]>([])
        func add(_ span: (Date, Date)) { spans.withLock { $0.append(span) } }
        var all: [(Date, Date)] { spans.withLock { $0 } }
    }

    @Test("two workers ask for the lock at once: their digests run one after the other")
    func oneAtATime() async throws {
        let world = try CoordinationWorld("digestlock")
        defer { world.drop() }
        let spans = Spans()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let database = try await world.open()
                    defer { database.close() }
                    try await DigestLock.withLock(database) {
                        let start = Date()
                        try await Task.sleep(for: .milliseconds(300))
                        spans.add((start, Date()))
                    }
                }
            }
            try await group.waitForAll()
        }
        let sorted = spans.all.sorted { $0.0 < $1.0 }
        #expect(sorted.count == 2)
        #expect(sorted[1].0 >= sorted[0].1)
    }

    /// The digest lock held in this database (key 0x7665_696C_6C65_0002: its low half, 0x6C65_0002, is the objid).
    static let digestLocks =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 1818558466 "
        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"

    @Test("the connection holding the lock dies: another worker gets it")
    func holderDies() async throws {
        let world = try CoordinationWorld("digestdies")
        defer { world.drop() }
        let first = try await world.open()
        defer { first.close() }
        let holding = Task {
            try await DigestLock.withLock(first) { try await Task.sleep(for: .seconds(30)) }
        }
        var held = "0"
        for _ in 0..<100 where held == "0" {
            held = try world.value(Self.digestLocks)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(held == "1")
        try world.database.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 1818558466 "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
        let second = try await world.open()
        defer { second.close() }
        let started = Date()
        try await DigestLock.withLock(second) {}
        #expect(Date().timeIntervalSince(started) < 10)
        holding.cancel()
    }
}
