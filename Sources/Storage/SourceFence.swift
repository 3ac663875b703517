import Foundation
import Synchronization

/// The lease a worker of a shared PostgreSQL night holds on each source it crawls, checked by every write
/// of that source's crawl (``Store/fence``): the write happens only while this worker holds the source's
/// lease, and keeps it from being taken over until it commits.
///
/// The check reads the coordination list (`coord_sources`, Coordination's `SourceLeases`) in the write's
/// own transaction, `FOR UPDATE`: the row stays locked until the write commits, so no other worker can
/// claim the source in between (claims skip locked rows), and a worker frozen past its lease (a stopped
/// machine, resumed) finds the lease gone and writes nothing. Its crawl is then given up, not finished
/// (``lost(_:)``): the source stays with the worker that took it over.
public final class SourceFence: Sendable {
    /// The night whose leases are checked.
    public let night: String
    /// The worker that must hold them.
    public let worker: String
    private let fencedOut = Mutex<Set<String>>([])

    /// A fence for `worker`'s leases of `night`.
    public init(night: String, worker: String) {
        self.night = night
        self.worker = worker
    }

    /// Whether a write of `source`'s crawl was refused because this worker no longer held its lease.
    public func lost(_ source: String) -> Bool { fencedOut.withLock { $0.contains(source) } }

    /// Forgets a refusal of `source` (a new claim of it starts a new crawl).
    public func reset(_ source: String) { fencedOut.withLock { _ = $0.remove(source) } }

    /// Checks, in `s`'s transaction, that this worker holds `source`'s lease and locks it until commit.
    ///
    /// - Throws: ``StorageError/leaseLost(source:worker:)`` when it does not (expired, or taken by another).
    func check(_ s: any SQLSession, source: Scope) throws {
        let key: String
        let arguments: SQLArguments
        switch source {
        case .source(let id):
            key = "?"
            arguments = [night, id, worker]
        case .item(let item):
            key = "(SELECT sourceId FROM item WHERE id = ?)"
            arguments = [night, item, worker]
        }
        let held = try s.value(
            """
            SELECT source_id FROM coord_sources
            WHERE night = ? AND source_id = \(key) AND worker = ? AND done_at IS NULL
              AND lease_until > clock_timestamp()
            FOR UPDATE
            """, arguments, as: String.self)
        guard held == nil else { return }
        let id: String
        switch source {
        case .source(let source): id = source
        case .item(let item):
            id = try s.value("SELECT sourceId FROM item WHERE id = ?", [item], as: String.self) ?? "item \(item)"
        }
        fencedOut.withLock { _ = $0.insert(id) }
        throw StorageError.leaseLost(source: id, worker: worker)
    }

    /// What a write is about: a source, or one of its items.
    enum Scope {
        case source(String)
        case item(Int64)
    }
}

extension Store {
    /// Runs `body` in a write transaction of `scope`'s crawl. On PostgreSQL the transaction first takes the
    /// source's own lock (a transaction-scoped advisory lock on `veille.source:<id>`), so two processes
    /// writing the same source's crawl at once — a `veille crawl` beside the night's workers, say — take
    /// turns, the second seeing what the first stored; then, for a worker of a shared night, ``fence``.
    func transaction<T>(of scope: SourceFence.Scope, _ body: (any SQLSession) throws -> T) throws -> T {
        try transaction { s in
            if s.dialect == .postgres {
                switch scope {
                case .source(let id):
                    try s.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", ["veille.source:" + id])
                case .item(let item):
                    try s.execute(
                        """
                        SELECT pg_advisory_xact_lock(hashtextextended('veille.source:' || sourceId, 0))
                        FROM item WHERE id = ?
                        """, [item])
                }
            }
            try fence?.check(s, source: scope)
            return try body(s)
        }
    }

    /// This store, its writes of a source's crawl behind `fence`.
    public func fenced(by fence: SourceFence) -> Store {
        var store = self
        store.fence = fence
        return store
    }

}
