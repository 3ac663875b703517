import Foundation
import GRDB

extension ArchiveReader {
    /// Linked-item counts per campaign or actor: items first seen since `now - 1 day`, 7 days, 30 days.
    public func entityActivity(now: Date) throws -> [EntityActivity] {
        let day = now.addingTimeInterval(-86_400)
        let week = now.addingTimeInterval(-7 * 86_400)
        let month = now.addingTimeInterval(-30 * 86_400)
        return try snapshot { s in
            // On the links' own copy of their item's first sighting (one covering index scan), not one item
            // lookup per link.
            try s.rows(
                """
                SELECT entityId, SUM(CASE WHEN itemFirstSeenAt >= ? THEN 1 ELSE 0 END) AS d,
                  SUM(CASE WHEN itemFirstSeenAt >= ? THEN 1 ELSE 0 END) AS w, COUNT(*) AS m
                FROM link WHERE itemFirstSeenAt >= ? GROUP BY entityId ORDER BY entityId
                """, [day, week, month]
            ).map {
                EntityActivity(
                    entityID: try $0.require("entityId"), today: $0["d"] ?? 0, week: $0["w"] ?? 0, month: $0["m"] ?? 0)
            }
        }
    }

    /// Linked items per day (UTC, by first sighting) from `since`, for one entity or all of them; days
    /// without items are absent. One entity's are counted on its links' own first-sighting column (an index
    /// range), all entities' on the items.
    public func dailyCounts(entity: String?, since: Date) throws -> [DayCount] {
        try snapshot { s in
            // SQLite's dates are text (`2026-12-06 …`); PostgreSQL's are timestamps, days in UTC.
            let day =
                s.dialect == .postgres
                ? "to_char(i.firstSeenAt AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(i.firstSeenAt, 1, 10)"
            let linkDay =
                s.dialect == .postgres
                ? "to_char(itemFirstSeenAt AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(itemFirstSeenAt, 1, 10)"
            let sql =
                entity == nil
                ? """
                SELECT \(day) AS day, COUNT(*) AS n FROM item i
                WHERE i.firstSeenAt >= ? AND EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id) GROUP BY day ORDER BY day
                """
                : """
                SELECT \(linkDay) AS day, COUNT(*) AS n FROM link
                WHERE itemFirstSeenAt >= ? AND entityId = ? GROUP BY day ORDER BY day
                """
            var args: SQLArguments = [since]
            if let entity { args = args + [entity] }
            return try s.rows(sql, args).map { DayCount(day: try $0.require("day"), count: $0["n"] ?? 0) }
        }
    }

    /// The newest deltas (baselines excluded), newest first.
    public func latestDeltas(limit: Int) throws -> [DeltaEntry] {
        try snapshot { s in
            try s.rows(
                """
                SELECT d.*, i.title FROM delta d JOIN item i ON i.id = d.itemId
                WHERE NOT d.baseline ORDER BY d.id DESC LIMIT ?
                """, [limit]
            ).map(Self.delta)
        }
    }

    static func delta(_ r: SQLRow) throws -> DeltaEntry {
        DeltaEntry(
            id: try r.require("id"), runID: try r.require("runId"), itemID: try r.require("itemId"),
            sourceID: try r.require("sourceId"), kind: try r.require("kind"), baseline: r["baseline"] ?? false,
            at: try r.require("at"), title: r["title"], detail: r["detail"])
    }

    /// Sources whose last attempt failed or was blocked, or with consecutive failures, worst first.
    public func sourcesInTrouble() throws -> [SourceEntry] {
        try sources(
            where: "s.status IN ('failed', 'blocked') OR s.consecutiveFailures > 0",
            order: "s.consecutiveFailures DESC, s.id", counts: false)
    }

    /// Every source with its item count, by id.
    public func allSources() throws -> [SourceEntry] {
        try sources(where: "TRUE", order: "s.id", counts: true)
    }

    private func sources(where condition: String, order: String, counts: Bool) throws -> [SourceEntry] {
        try snapshot { s in
            var items: [String: Int] = [:]
            if counts {
                for row in try s.rows("SELECT sourceId, COUNT(*) AS n FROM item GROUP BY sourceId", []) {
                    items[try row.require("sourceId")] = row["n"]
                }
            }
            return try s.rows("SELECT s.* FROM source s WHERE \(condition) ORDER BY \(order)", []).map {
                r in
                let id: String = try r.require("id")
                return SourceEntry(
                    id: id, kind: try r.require("kind"), url: try r.require("url"), status: r["status"],
                    lastError: r["lastError"], consecutiveFailures: r["consecutiveFailures"] ?? 0,
                    lastAttemptAt: r["lastAttemptAt"], lastSuccessAt: r["lastSuccessAt"], nextDueAt: r["nextDueAt"],
                    items: items[id] ?? 0)
            }
        }
    }

    /// The newest runs, newest first; `before` pages by run id.
    public func runs(before: Int64? = nil, limit: Int) throws -> [RunEntry] {
        try snapshot { s in
            try s.rows(
                "SELECT * FROM run \(before == nil ? "" : "WHERE id < ? ")ORDER BY id DESC LIMIT ?",
                before.map { [$0, limit] as SQLArguments } ?? [limit]
            ).map { r in
                RunEntry(
                    id: try r.require("id"), command: try r.require("command"), startedAt: try r.require("startedAt"),
                    finishedAt: r["finishedAt"], status: try r.require("status"), summary: r["summary"])
            }
        }
    }

    /// A number that changes whenever a run commits something the dashboard shows (items, deltas, new
    /// links, runs, source attempts): a cache of the dashboard stays valid while it is unchanged.
    public func changeMark() throws -> String {
        try snapshot { s in
            // SQLite's links change with their rowid; PostgreSQL's have none: their count and latest time.
            let links =
                s.dialect == .postgres
                ? "(SELECT COUNT(*) || ':' || COALESCE(MAX(linkedAt)::text, '') FROM link)"
                : "(SELECT MAX(rowid) FROM link)"
            let row = try s.row(
                """
                SELECT (SELECT MAX(id) FROM item), (SELECT MAX(id) FROM delta), \(links),
                       (SELECT MAX(id) FROM run),
                       (SELECT status FROM run ORDER BY id DESC LIMIT 1),
                       (SELECT MAX(lastAttemptAt) FROM source)
                """)
            return (0..<6).map { i in row.map { "\($0.value(at: i).databaseValue)" } ?? "" }.joined(separator: "|")
        }
    }
}
