import Foundation
import VeilleCore

extension Store {
    /// Opens a run (every `run` and `crawl` is one) and returns its id.
    public func beginRun(command: String, at: Date) throws -> Int64 {
        try transaction { s in
            try s.insert(
                "INSERT INTO run(command, startedAt, status) VALUES (?, ?, ?)", [command, at, RunStatus.running])
        }
    }

    /// Closes a run with its status and JSON summary.
    public func finishRun(_ id: Int64, status: RunStatus, summary: String?, at: Date) throws {
        try transaction { s in
            try s.execute(
                "UPDATE run SET finishedAt = ?, status = ?, summary = ? WHERE id = ?", [at, status, summary, id])
        }
    }

    /// Runs left `running` by a process that died: marked `interrupted` so that exports skip nothing
    /// (their deltas were committed with their items and stay exportable with `--run ID`).
    public func closeInterruptedRuns(at: Date) throws {
        try transaction { s in
            try s.execute(
                "UPDATE run SET status = ?, finishedAt = ? WHERE status = ?",
                [RunStatus.interrupted, at, RunStatus.running])
        }
    }

    /// The newest completed run (its digest delivered or not), nil when there is none.
    public func latestCompletedRun() throws -> Int64? {
        try snapshot { s in
            try s.value(
                """
                SELECT MAX(id) FROM run
                WHERE status IN (?, ?) OR (status = ? AND summary IS NOT NULL)
                """, [RunStatus.completed, RunStatus.undelivered, RunStatus.recovered], as: Int64.self)
        }
    }

    /// Whether run `id` exists.
    public func runExists(_ id: Int64) throws -> Bool {
        try snapshot { s in try s.value("SELECT 1 FROM run WHERE id = ?", [id], as: Int64.self) != nil }
    }
}

extension Store {
    /// Runs whose digest was never written — killed before it (`interrupted`) or unable to write it
    /// (`undelivered`) —, oldest first: the next run's digest carries their deltas.
    public func undigestedInterruptedRuns() throws -> [Int64] {
        try snapshot { s in
            try s.values(
                "SELECT id FROM run WHERE status IN (?, ?) ORDER BY id",
                [RunStatus.interrupted, RunStatus.undelivered], as: Int64.self)
        }
    }

    /// When run `id` started, nil when there is no such run.
    public func runStartedAt(_ id: Int64) throws -> Date? {
        try snapshot { s in try s.value("SELECT startedAt FROM run WHERE id = ?", [id], as: Date.self) }
    }

    /// Records, in one transaction, that run `run`'s digest file is written: the run is `completed` (its
    /// summary follows with ``finishRun(_:status:summary:at:)``) and `recovered`, the earlier runs whose deltas
    /// the file carries. A run killed after this is not carried again by the next digest.
    public func markDigested(run: Int64, recovered: [Int64]) throws {
        try transaction { s in
            try s.execute(
                "UPDATE run SET status = ? WHERE id = ? AND status = ?", [RunStatus.completed, run, RunStatus.running])
            guard !recovered.isEmpty else { return }
            try s.execute(
                "UPDATE run SET status = ? WHERE status IN (?, ?) AND id IN (\(recovered.map { _ in "?" }.joined(separator: ",")))",
                [RunStatus.recovered, RunStatus.interrupted, RunStatus.undelivered] + SQLArguments(list: recovered))
        }
    }

    /// Marks those runs, once a later digest delivered their deltas, as `recovered`.
    public func markRecovered(_ runs: [Int64]) throws {
        guard !runs.isEmpty else { return }
        try transaction { s in
            try s.execute(
                "UPDATE run SET status = ? WHERE status IN (?, ?) AND id IN (\(runs.map { _ in "?" }.joined(separator: ",")))",
                [RunStatus.recovered, RunStatus.interrupted, RunStatus.undelivered] + SQLArguments(list: runs))
        }
    }
}
