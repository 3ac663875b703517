import Foundation
import GRDB

extension ArchiveReader {
    /// Linked-item counts per campaign or actor: items first seen since `now - 1 day`, 7 days, 30 days.
    public func entityActivity(now: Date) throws -> [EntityActivity] {
        let day = now.addingTimeInterval(-86_400)
        let week = now.addingTimeInterval(-7 * 86_400)
        let month = now.addingTimeInterval(-30 * 86_400)
        return try read { db in
            try Row.fetchAll(
                db,
                // On the links' own copy of their item's first sighting (one covering index scan), not one item
                // lookup per link.
                sql: """
                    SELECT entityId, SUM(itemFirstSeenAt >= ?) AS d, SUM(itemFirstSeenAt >= ?) AS w, COUNT(*) AS m
                    FROM link WHERE itemFirstSeenAt >= ? GROUP BY entityId
                    """, arguments: [day, week, month]
            ).map { EntityActivity(entityID: $0["entityId"], today: $0["d"], week: $0["w"], month: $0["m"]) }
        }
    }

    /// Linked items per day (UTC, by first sighting) from `since`, for one entity or all of them; days
    /// without items are absent. One entity's are counted on its links' own first-sighting column (an index
    /// range), all entities' on the items.
    public func dailyCounts(entity: String?, since: Date) throws -> [DayCount] {
        try read { db in
            let sql =
                entity == nil
                ? """
                SELECT substr(i.firstSeenAt, 1, 10) AS day, COUNT(*) AS n FROM item i
                WHERE i.firstSeenAt >= ? AND EXISTS(SELECT 1 FROM link l WHERE l.itemId = i.id) GROUP BY day
                """
                : """
                SELECT substr(itemFirstSeenAt, 1, 10) AS day, COUNT(*) AS n FROM link
                WHERE itemFirstSeenAt >= ? AND entityId = ? GROUP BY day
                """
            var args: StatementArguments = [since]
            if let entity { args += [entity] }
            return try Row.fetchAll(db, sql: sql, arguments: args).map { DayCount(day: $0["day"], count: $0["n"]) }
        }
    }

    /// The newest deltas (baselines excluded), newest first.
    public func latestDeltas(limit: Int) throws -> [DeltaEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, i.title FROM delta d JOIN item i ON i.id = d.itemId
                    WHERE NOT d.baseline ORDER BY d.id DESC LIMIT ?
                    """, arguments: [limit]
            ).map(Self.delta)
        }
    }

    static func delta(_ r: Row) -> DeltaEntry {
        DeltaEntry(
            id: r["id"], runID: r["runId"], itemID: r["itemId"], sourceID: r["sourceId"], kind: r["kind"],
            baseline: r["baseline"], at: r["at"], title: r["title"], detail: r["detail"])
    }

    /// Sources whose last attempt failed or was blocked, or with consecutive failures, worst first.
    public func sourcesInTrouble() throws -> [SourceEntry] {
        try sources(
            where: "s.status IN ('failed', 'blocked') OR s.consecutiveFailures > 0",
            order: "s.consecutiveFailures DESC, s.id", counts: false)
    }

    /// Every source with its item count, by id.
    public func allSources() throws -> [SourceEntry] {
        try sources(where: "1", order: "s.id", counts: true)
    }

    private func sources(where condition: String, order: String, counts: Bool) throws -> [SourceEntry] {
        try read { db in
            var items: [String: Int] = [:]
            if counts {
                for row in try Row.fetchAll(db, sql: "SELECT sourceId, COUNT(*) AS n FROM item GROUP BY sourceId") {
                    items[row["sourceId"]] = row["n"]
                }
            }
            return try Row.fetchAll(db, sql: "SELECT s.* FROM source s WHERE \(condition) ORDER BY \(order)").map {
                r in
                SourceEntry(
                    id: r["id"], kind: r["kind"], url: r["url"], status: r["status"], lastError: r["lastError"],
                    consecutiveFailures: r["consecutiveFailures"], lastAttemptAt: r["lastAttemptAt"],
                    lastSuccessAt: r["lastSuccessAt"], nextDueAt: r["nextDueAt"], items: items[r["id"]] ?? 0)
            }
        }
    }

    /// The newest runs, newest first; `before` pages by run id.
    public func runs(before: Int64? = nil, limit: Int) throws -> [RunEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE ? IS NULL OR id < ? ORDER BY id DESC LIMIT ?",
                arguments: [before, before, limit]
            ).map { r in
                RunEntry(
                    id: r["id"], command: r["command"], startedAt: r["startedAt"], finishedAt: r["finishedAt"],
                    status: r["status"], summary: r["summary"])
            }
        }
    }

    /// A number that changes whenever a run commits something the dashboard shows (items, deltas, new
    /// links, runs, source attempts): a cache of the dashboard stays valid while it is unchanged.
    public func changeMark() throws -> String {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT MAX(id) FROM item), (SELECT MAX(id) FROM delta), (SELECT MAX(rowid) FROM link),
                           (SELECT MAX(id) FROM run),
                           (SELECT status FROM run ORDER BY id DESC LIMIT 1),
                           (SELECT MAX(lastAttemptAt) FROM source)
                    """)
            return (0..<6).map { i in row.map { "\($0[i] as DatabaseValue)" } ?? "" }.joined(separator: "|")
        }
    }
}
