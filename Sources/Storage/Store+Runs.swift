import Foundation
import GRDB

extension Store {
    /// Opens a run (every `run` and `crawl` is one) and returns its id.
    public func beginRun(command: String, at: Date) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO run(command, startedAt, status) VALUES (?, ?, 'running')",
                arguments: [command, at])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run with its status and JSON summary.
    public func finishRun(_ id: Int64, status: String, summary: String?, at: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET finishedAt = ?, status = ?, summary = ? WHERE id = ?",
                arguments: [at, status, summary, id])
        }
    }

    /// Runs left `running` by a process that died: marked `interrupted` so that exports skip nothing
    /// (their deltas were committed with their items and stay exportable with `--run ID`).
    public func closeInterruptedRuns(at: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET status = 'interrupted', finishedAt = ? WHERE status = 'running'",
                arguments: [at])
        }
    }

    /// The newest completed run (its digest delivered or not), nil when there is none.
    public func latestCompletedRun() throws -> Int64? {
        try read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT MAX(id) FROM run
                    WHERE status IN ('completed', 'undelivered') OR (status = 'recovered' AND summary IS NOT NULL)
                    """)
        }
    }

    /// Whether run `id` exists.
    public func runExists(_ id: Int64) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM run WHERE id = ?)", arguments: [id]) ?? false
        }
    }
}

extension Store {
    /// Runs whose digest was never written — killed before it (`interrupted`) or unable to write it
    /// (`undelivered`) —, oldest first: the next run's digest carries their deltas.
    public func undigestedInterruptedRuns() throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE status IN ('interrupted', 'undelivered') ORDER BY id")
        }
    }

    /// Marks those runs, once a later digest delivered their deltas, as `recovered`.
    public func markRecovered(_ runs: [Int64]) throws {
        guard !runs.isEmpty else { return }
        try write { db in
            try db.execute(
                sql:
                    "UPDATE run SET status = 'recovered' WHERE status IN ('interrupted', 'undelivered') AND id IN (\(runs.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(runs))
        }
    }
}
