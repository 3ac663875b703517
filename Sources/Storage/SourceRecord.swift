import Foundation
import GRDB
import VeilleCore

/// One row of the `source` table: what the database knows of one source, its validators, schedule and
/// health.
public struct SourceRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "source"

    public var id: String
    public var kind: SourceConfig.Kind
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// Nil until a crawl stored the source's baseline.
    public var firstSuccessAt: Date?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    /// `ok`, `not-modified`, `failed` or `blocked`; nil before the first attempt.
    public var status: SourceStatus?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDueAt: Date?

    public init(id: String, kind: SourceConfig.Kind, url: String) {
        self.id = id
        self.kind = kind
        self.url = url
        consecutiveFailures = 0
    }

    /// In trouble: the last attempt failed or was blocked.
    public var inTrouble: Bool { status?.inTrouble ?? false }
}

/// One HTTP exchange, as logged in the `fetch` table.
public struct FetchLog: Sendable, Equatable {
    public var url: String
    public var finalURL: String?
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    public var bytes: Int
    public var duration: TimeInterval
    public var error: String?

    public init(
        url: String, finalURL: String? = nil, httpStatus: Int? = nil, etag: String? = nil,
        lastModified: String? = nil, bytes: Int = 0, duration: TimeInterval = 0, error: String? = nil
    ) {
        self.url = url
        self.finalURL = finalURL
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.bytes = bytes
        self.duration = duration
        self.error = error
    }
}

extension SourceRecord {
    /// A row of `SELECT * FROM source`, on either backend.
    init(row: SQLRow) throws {
        id = try row.require("id")
        kind = try row.require("kind")
        url = try row.require("url")
        etag = row["etag"]
        lastModified = row["lastModified"]
        firstSuccessAt = row["firstSuccessAt"]
        lastAttemptAt = row["lastAttemptAt"]
        lastSuccessAt = row["lastSuccessAt"]
        status = row["status"]
        lastError = row["lastError"]
        consecutiveFailures = row["consecutiveFailures"] ?? 0
        nextDueAt = row["nextDueAt"]
    }
}

extension Store {
    static let sourceColumns = """
        id, kind, url, etag, lastModified, firstSuccessAt, lastAttemptAt, lastSuccessAt, status, lastError,
        consecutiveFailures, nextDueAt
        """

    /// Makes the `source` table follow the config: new sources inserted, kind and URL kept current.
    /// A source whose URL changed loses its validators. Sources removed from the config keep their rows
    /// (and their items) but are no longer crawled.
    public func syncSources(_ sources: [(id: String, kind: SourceConfig.Kind, url: String)]) throws {
        try transaction { s in
            for source in sources {
                if let stored = try s.value("SELECT url FROM source WHERE id = ?", [source.id], as: String.self) {
                    if stored != source.url {
                        try s.execute(
                            "UPDATE source SET kind = ?, url = ?, etag = NULL, lastModified = NULL WHERE id = ?",
                            [source.kind, source.url, source.id])
                    } else {
                        try s.execute("UPDATE source SET kind = ? WHERE id = ?", [source.kind, source.id])
                    }
                } else {
                    try s.execute(
                        "INSERT INTO source(id, kind, url, consecutiveFailures) VALUES (?, ?, ?, 0)",
                        [source.id, source.kind, source.url])
                }
            }
        }
    }

    /// Every source row, by id.
    public func sourceStates() throws -> [SourceRecord] {
        try snapshot { s in
            try s.rows("SELECT \(Self.sourceColumns) FROM source ORDER BY id", []).map(SourceRecord.init(row:))
        }
    }

    /// One source row.
    public func sourceState(_ id: String) throws -> SourceRecord? {
        try snapshot { s in
            try s.row("SELECT \(Self.sourceColumns) FROM source WHERE id = ?", [id]).map(SourceRecord.init(row:))
        }
    }

    /// Item counts per source.
    public func itemCounts() throws -> [String: Int] {
        try snapshot { s in
            var out: [String: Int] = [:]
            for row in try s.rows("SELECT sourceId, COUNT(*) AS n FROM item GROUP BY sourceId", []) {
                out[try row.require("sourceId")] = row["n"]
            }
            return out
        }
    }

    /// Records a failed (or robots-blocked) attempt: nothing already stored is touched.
    public func recordFailure(
        source id: String, run: Int64, fetch: FetchLog, error: String, blocked: Bool,
        at: Date, nextDue: Date
    ) throws {
        try transaction(of: .source(id)) { s in
            try insertFetch(s, source: id, run: run, fetch: fetch, at: at)
            try s.execute(
                """
                UPDATE source SET lastAttemptAt = ?, status = ?, lastError = ?, nextDueAt = ?,
                  consecutiveFailures = consecutiveFailures + ? WHERE id = ?
                """, [at, blocked ? SourceStatus.blocked : .failed, error, nextDue, blocked ? 0 : 1, id])
        }
    }

    /// Records a 304: the source is healthy and unchanged.
    public func recordNotModified(source id: String, run: Int64, fetch: FetchLog, at: Date, nextDue: Date) throws {
        try transaction(of: .source(id)) { s in
            try insertFetch(s, source: id, run: run, fetch: fetch, at: at)
            try s.execute(
                """
                UPDATE source SET lastAttemptAt = ?, lastSuccessAt = ?, status = ?, lastError = NULL,
                  consecutiveFailures = 0, nextDueAt = ? WHERE id = ?
                """, [at, at, SourceStatus.notModified, nextDue, id])
        }
    }

    func insertFetch(_ s: any SQLSession, source: String, run: Int64?, fetch f: FetchLog, at: Date) throws {
        try s.execute(
            """
            INSERT INTO "fetch"(runId, sourceId, url, finalUrl, httpStatus, etag, lastModified, bytes, durationMs, error, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                run, source, f.url, f.finalURL, f.httpStatus, f.etag, f.lastModified, f.bytes,
                Int(f.duration * 1000), f.error, at,
            ])
    }

    /// `insertFetch` for the SQLite-only operations still written against GRDB.
    func insertFetch(_ db: Database, source: String, run: Int64?, fetch f: FetchLog, at: Date) throws {
        try insertFetch(GRDBSession(db: db), source: source, run: run, fetch: f, at: at)
    }
}
