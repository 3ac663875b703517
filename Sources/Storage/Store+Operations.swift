import Foundation
import GRDB

/// Care of the database (README, "Care of the database"): the robots.txt copies kept between runs, online backup,
/// pruning of old revisions and raw bytes, and compaction.
extension Store {
    /// A site's robots.txt as kept between runs (the `robots` table).
    public struct RobotsCopy: Sendable, Equatable {
        /// The robots.txt bytes (at most 500 KiB).
        public var body: [UInt8]
        /// Its `ETag`, for the next run's `If-None-Match`.
        public var etag: String?
        /// Its `Last-Modified`, for the next run's `If-Modified-Since`.
        public var lastModified: String?

        /// Creates a copy.
        public init(body: [UInt8], etag: String? = nil, lastModified: String? = nil) {
            self.body = body
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// What ``prune(olderThan:dryRun:)`` removed (or would remove).
    public struct PruneOutcome: Sendable, Equatable {
        /// Item revisions removed: older than the cut-off, never an item's newest, never a linked item's.
        public var revisions: Int
        /// Rows of raw page bytes removed, per table (tables absent from the database are skipped).
        public var rawRows: [String: Int]
    }

    /// Tables of raw page bytes that pruning may empty, with the column that dates a row (a table absent
    /// from the database is skipped).
    static let rawByteTables: [(table: String, dateColumn: String)] = [
        ("evidence", "fetchedAt") // the pages whose text matched, kept as evidence while their item is linked
    ]

    /// The stored robots.txt copies, by site (`scheme://host[:port]`).
    public func robotsCopies() throws -> [String: RobotsCopy] {
        try snapshot { s in
            var out: [String: RobotsCopy] = [:]
            for row in try s.rows("SELECT site, body, etag, lastModified FROM robots") {
                let body: Data = row["body"] ?? Data()
                out[try row.require("site")] = RobotsCopy(
                    body: [UInt8](body), etag: row["etag"], lastModified: row["lastModified"])
            }
            return out
        }
    }

    /// Makes the `robots` table hold exactly `copies` (a run's snapshot: every site it knows). A copy that
    /// did not change keeps its `fetchedAt`; sites absent from `copies` (a 4xx now) are removed.
    public func saveRobotsCopies(_ copies: [String: RobotsCopy], at: Date) throws {
        try transaction { s in
            let existing = try s.rows("SELECT site, body, etag, lastModified FROM robots")
            var known: [String: RobotsCopy] = [:]
            for row in existing {
                let body: Data = row["body"] ?? Data()
                known[try row.require("site")] = RobotsCopy(
                    body: [UInt8](body), etag: row["etag"], lastModified: row["lastModified"])
            }
            for site in known.keys where copies[site] == nil {
                try s.execute("DELETE FROM robots WHERE site = ?", [site])
            }
            for (site, copy) in copies where known[site] != copy {
                try s.execute(
                    """
                    INSERT INTO robots(site, body, etag, lastModified, fetchedAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(site) DO UPDATE SET body = excluded.body, etag = excluded.etag,
                      lastModified = excluded.lastModified, fetchedAt = excluded.fetchedAt
                    """, [site, Data(copy.body), copy.etag, copy.lastModified, at])
            }
        }
    }

    /// Copies the database to `destination` with SQLite's online backup, from one read snapshot: safe
    /// while a run writes (WAL readers never block the writer). The copy is written beside the
    /// destination and renamed into place, so `destination` is never a half-written file; it is a
    /// single file (rollback journal), which ``Store/init(path:)`` turns back into WAL when opened.
    ///
    /// - Throws: ``StorageError`` when the copy cannot be written.
    public func backup(to destination: String) throws {
        if case .postgres(let pg) = backend {
            throw StorageError.database(
                "backup copies SQLite files; for PostgreSQL use pg_dump: pg_dump -Fc -h \(pg.url.host) -p \(pg.url.port) "
                    + "-U \(pg.url.user) -f \(destination) \(pg.url.database)")
        }
        let temporary = destination + ".partial-\(getpid())"
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temporary + suffix) }
        do {
            let target = try DatabaseQueue(path: temporary)
            try sqlitePool().backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
            try fm.moveItem(atPath: temporary, toPath: destination)
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temporary + suffix) }
            throw StorageError.database("backup to \(destination): \(Store.describe(error))")
        }
    }

    /// Removes item revisions recorded before `cutoff` (never an item's newest, never one of an item
    /// linked to a campaign or an actor) and raw page bytes fetched before it for items no longer linked.
    /// Items themselves, their deltas and links are never removed.
    ///
    /// - Parameter dryRun: count only; nothing is written.
    public func prune(olderThan cutoff: Date, dryRun: Bool = false) throws -> PruneOutcome {
        // `EXISTS` over the indexes, never `NOT IN (SELECT …)`: on PostgreSQL a subquery result past `work_mem`
        // is scanned once per row (hours over a million revisions).
        let revisionFilter = """
            FROM itemRevision WHERE recordedAt < ?
              AND EXISTS (SELECT 1 FROM itemRevision newer
                WHERE newer.itemId = itemRevision.itemId AND newer.id > itemRevision.id)
              AND NOT EXISTS (SELECT 1 FROM link WHERE link.itemId = itemRevision.itemId)
            """
        let body = { (s: any SQLSession) throws -> PruneOutcome in
            var outcome = PruneOutcome(revisions: 0, rawRows: [:])
            outcome.revisions = try s.value("SELECT COUNT(*) " + revisionFilter, [cutoff], as: Int.self) ?? 0
            if !dryRun { try s.execute("DELETE " + revisionFilter, [cutoff]) }
            for (table, dateColumn) in Self.rawByteTables {
                // Every table listed is created by a migration of both backends.
                let filter =
                    "FROM \(s.dialect.quote(table)) WHERE \(s.dialect.quote(dateColumn)) < ? "
                    + "AND NOT EXISTS (SELECT 1 FROM link WHERE link.itemId = \(s.dialect.quote(table)).itemId)"
                outcome.rawRows[table] =
                    try s.value("SELECT COUNT(*) " + filter, [cutoff], as: Int.self) ?? 0
                if !dryRun { try s.execute("DELETE " + filter, [cutoff]) }
            }
            return outcome
        }
        return dryRun ? try snapshot(body) : try transaction(body)
    }

    /// Tables whose row counts ``rowCounts()`` reports (a backup's check, `veille backup`'s summary).
    static let countedTables = ["source", "run", "fetch", "item", "itemRevision", "delta", "link", "robots"]

    /// Rows per table of the main tables: a backup opens with the same counts as its snapshot.
    public func rowCounts() throws -> [String: Int] {
        try snapshot { s in
            var out: [String: Int] = [:]
            for table in Self.countedTables {
                out[table] = try s.value("SELECT COUNT(*) FROM \(s.dialect.quote(table))", [], as: Int.self) ?? 0
            }
            return out
        }
    }

    /// Compacts the file (`VACUUM`), then truncates the write-ahead log.
    ///
    /// - Returns: the file's size in bytes before and after.
    public func vacuum() throws -> (before: Int64, after: Int64) {
        if case .postgres = backend {
            throw StorageError.database(
                "vacuum compacts SQLite files; PostgreSQL's autovacuum (or VACUUM FULL) does that")
        }
        let before = Self.fileSize(path) + Self.fileSize(path + "-wal")
        do {
            try sqlitePool().writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw StorageError.database("vacuum: \(Store.describe(error))")
        }
        return (before, Self.fileSize(path) + Self.fileSize(path + "-wal"))
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}
