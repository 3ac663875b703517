import Coordination
import Foundation
import Testing

@testable import Storage

/// The fence between workers' writes (issue 22, "exactly once"): a worker writes a source's crawl only
/// while it holds the source's lease, and holds it until the write commits.
@Suite(.serialized, .timeLimit(.minutes(10))) struct SourceFenceTests {
    static let at = Date(timeIntervalSince1970: 1_700_000_000)
    static let fetch = FetchLog(url: "http://h0.localhost/feed.xml", httpStatus: 200)

    static func item(_ text: String) -> IncomingItem {
        IncomingItem(guid: "g-1", url: "http://h0.localhost/a", title: "Titre", text: text, textVersion: 1)
    }

    /// The world's database as a store (coordination tables beside the archive's, as in a shared night)
    /// and a run to write under.
    static func store(_ world: CoordinationWorld) throws -> (Store, Int64) {
        let store = try Store(path: world.database.url)
        try store.syncSources([("s1", .feed, "http://h0.localhost/feed.xml")])
        return (store, try store.beginRun(command: "run", at: at))
    }

    @Test("a worker's writes of a source are refused once its lease expired or another took it over")
    func writesNeedTheLease() async throws {
        let world = try CoordinationWorld("fence")
        defer { world.drop() }
        let database = try await world.open()
        defer { database.close() }
        let (store, run) = try Self.store(world)
        let a = SourceLeases(database: database, worker: "a", lease: .seconds(2))
        let b = SourceLeases(database: database, worker: "b", lease: .seconds(30))
        try await a.open(night: "n", sources: ["s1"])
        #expect(try await a.claim(night: "n", limit: 1).map(\.sourceID) == ["s1"])
        let fenceA = SourceFence(night: "n", worker: "a")
        let fenceB = SourceFence(night: "n", worker: "b")
        let storeA = store.fenced(by: fenceA)
        let storeB = store.fenced(by: fenceB)
        func apply(_ store: Store, _ text: String, after seconds: Double) throws -> [String] {
            try store.applyFetch(
                source: "s1", run: run, fetch: Self.fetch, items: [Self.item(text)],
                at: Self.at.addingTimeInterval(seconds), nextDue: Self.at
            ).deltas.map(\.kind.rawValue)
        }
        #expect(try apply(storeA, "v1", after: 0) == ["new"])
        // b holds no lease on s1: nothing of its crawl is written.
        #expect {
            try apply(storeB, "v2", after: 10)
        } throws: { error in
            guard case StorageError.leaseLost(let source, let worker) = error else { return false }
            return source == "s1" && worker == "b"
        }
        #expect(fenceB.lost("s1") && !fenceA.lost("s1"))
        // a's lease runs out (a frozen worker): its late write is refused, though nobody took s1 yet.
        try await Task.sleep(for: .milliseconds(2_300))
        #expect(throws: StorageError.self) { try apply(storeA, "v0 (stale)", after: 20) }
        #expect(fenceA.lost("s1"))
        // b takes s1 over and stores the change once; a, resumed, can neither write nor finish it.
        #expect(try await b.claim(night: "n", limit: 1) == [SourceLeases.Claim(sourceID: "s1", claims: 2)])
        fenceB.reset("s1")
        #expect(try apply(storeB, "v2", after: 30) == ["changed"])
        #expect(throws: StorageError.self) { try apply(storeA, "v0 (stale)", after: 40) }
        #expect(try await a.finish(night: "n", source: "s1", outcome: "ok") == false)
        #expect(try await b.finish(night: "n", source: "s1", outcome: "ok"))
        #expect(
            try world.value("SELECT string_agg(kind, ',' ORDER BY id) FROM delta") == "new,changed")
        #expect(try world.value("SELECT text FROM item") == "v2")
        #expect(try world.value("SELECT count(*) FROM \"fetch\"") == "2")
    }

    @Test("the lease is held until the write commits: an expired lease cannot be claimed in between")
    func heldUntilCommit() async throws {
        let world = try CoordinationWorld("fencelock")
        defer { world.drop() }
        let database = try await world.open()
        defer { database.close() }
        let (store, _) = try Self.store(world)
        let a = SourceLeases(database: database, worker: "a", lease: .seconds(1))
        let b = SourceLeases(database: database, worker: "b", lease: .seconds(30))
        try await a.open(night: "n", sources: ["s1"])
        _ = try await a.claim(night: "n", limit: 1)
        let storeA = store.fenced(by: SourceFence(night: "n", worker: "a"))
        // a's write passes the fence, then takes longer than the lease; b tries to claim meanwhile.
        let during: [SourceLeases.Claim] = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let claims = try storeA.transaction(of: .source("s1")) { _ in
                        Thread.sleep(forTimeInterval: 1.5)
                        return try Self.blocking { try await b.claim(night: "n", limit: 1) }
                    }
                    continuation.resume(returning: claims)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        #expect(during.isEmpty)
        // Committed: the expired lease is b's to take.
        #expect(try await b.claim(night: "n", limit: 1).map(\.sourceID) == ["s1"])
    }

    /// Runs async `body` from a thread that may block (not a cooperative one), waiting for its result.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        Task {
            do { result.value = .success(try await body()) } catch { result.value = .failure(error) }
            done.signal()
        }
        guard done.wait(timeout: .now() + 60) == .success, let value = result.value else {
            throw CancellationError()
        }
        return try value.get()
    }
}

/// A result handed from a task to the thread waiting for it (written once, before the semaphore).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: Result<T, any Error>?
}

/// `veille digest` and `veille crawl` on PostgreSQL match and send under the workers' digest lock.
@Suite(.serialized, .timeLimit(.minutes(10))) struct StoreDigestLockTests {
    @Test("the store's digest lock is the workers' DigestLock: it waits while a worker sends")
    func sameLock() async throws {
        #expect(Store.digestLockKey == DigestLock.key)
        let world = try CoordinationWorld("digestlock")
        defer { world.drop() }
        let database = try await world.open()
        defer { database.close() }
        let store = try Store(path: world.database.url)
        let held = SourceFenceTests.ResultStamp()
        let worker = Task {
            try await DigestLock.withLock(database) {
                held.mark("worker took it")
                try await Task.sleep(for: .milliseconds(1_500))
                held.mark("worker gave it back")
            }
        }
        while held.events.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try store.holdingDigestLock { held.mark("veille digest took it") }
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        try await worker.value
        #expect(held.events == ["worker took it", "worker gave it back", "veille digest took it"])
    }
}

extension SourceFenceTests {
    /// Events in the order they happened, from any thread.
    final class ResultStamp: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        var events: [String] { lock.withLock { list } }
        func mark(_ event: String) { lock.withLock { list.append(event) } }
    }
}
