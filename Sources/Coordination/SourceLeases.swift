import Foundation
import Logging
import PostgresNIO

/// The night's list of sources in the shared database, claimed by workers in small batches.
///
/// The first worker to open a night writes its due sources (in order) to `coord_sources`; every worker
/// then claims from that one list (`FOR UPDATE SKIP LOCKED` in a CTE, so concurrent claims never wait
/// on each other nor take the same row), each claim a lease with the worker's id and an expiry that the
/// worker renews while it works. A source finished is never claimed again that night; a source whose
/// lease expired (its worker was killed, or lost the database) is claimable by any worker; one claimed
/// ``maxClaims`` times without being finished is left alone for the night (it brings workers down).
public struct SourceLeases: Sendable {
    /// One claimed source.
    public struct Claim: Sendable, Equatable {
        /// The source's id.
        public let sourceID: String
        /// How many times it has been claimed this night, this claim included.
        public let claims: Int

        /// Creates a claim.
        public init(sourceID: String, claims: Int) {
            self.sourceID = sourceID
            self.claims = claims
        }
    }

    /// Where the night stands.
    public struct Progress: Sendable, Equatable {
        /// Sources finished.
        public var done: Int
        /// Sources leased by a worker now (lease not expired).
        public var leased: Int
        /// Sources waiting: never claimed, or their lease expired.
        public var waiting: Int
        /// Sources left alone after ``SourceLeases/maxClaims`` claims.
        public var abandoned: Int
        /// Seconds until the earliest running lease expires, nil when none runs.
        public var nextExpiry: Double?

        /// Creates a progress report.
        public init(done: Int, leased: Int, waiting: Int, abandoned: Int, nextExpiry: Double?) {
            self.done = done
            self.leased = leased
            self.waiting = waiting
            self.abandoned = abandoned
            self.nextExpiry = nextExpiry
        }
    }

    /// The shared database.
    public let database: CoordinationDatabase
    /// This worker's id (host name, process id and a random part by default).
    public let worker: String
    /// How long a claim holds without renewal.
    public let lease: Duration
    /// Claims after which a source is left alone for the night.
    public let maxClaims: Int

    /// Creates the lease book of one worker.
    public init(database: CoordinationDatabase, worker: String, lease: Duration = .seconds(60), maxClaims: Int = 3) {
        self.database = database
        self.worker = worker
        self.lease = lease
        self.maxClaims = maxClaims
    }

    /// A worker id unique across machines: `host:pid:random`.
    public static func newWorkerID() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(6).lowercased())"
    }

    /// The night a run started at `date` belongs to: the UTC date twelve hours earlier (a night runs
    /// from noon to noon, so workers started either side of midnight join the same one).
    public static func night(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date.addingTimeInterval(-12 * 3600))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Opens `night` with `sources` (due, in crawl order) unless another worker already did; then this
    /// worker joins the list that one wrote.
    ///
    /// - Returns: true when this call opened the night.
    @discardableResult
    public func open(night: String, sources: [String]) async throws -> Bool {
        let worker = self.worker
        let logger = database.logger
        return try await database.retrying("opening night \(night)") { connection in
            try await connection.withTransaction(logger: logger) { connection in
                let opened = try await connection.query(
                    """
                    INSERT INTO coord_nights (night, opened_by, sources) VALUES (\(night), \(worker), \(sources.count))
                    ON CONFLICT (night) DO NOTHING RETURNING night
                    """, logger: logger)
                var inserted = false
                for try await _ in opened { inserted = true }
                guard inserted else { return false }
                try await connection.query(
                    """
                    INSERT INTO coord_sources (night, source_id, position)
                    SELECT \(night), id, ord FROM unnest(\(sources)::text[]) WITH ORDINALITY AS u(id, ord)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                return true
            }
        }
    }

    /// Claims up to `limit` waiting sources of `night` for this worker, in the night's order.
    public func claim(night: String, limit: Int) async throws -> [Claim] {
        let worker = self.worker
        let seconds = Self.seconds(lease)
        let maxClaims = self.maxClaims
        let logger = database.logger
        return try await database.retrying("claiming sources") { connection in
            let rows = try await connection.query(
                """
                WITH picked AS (
                  SELECT source_id FROM coord_sources
                  WHERE night = \(night) AND done_at IS NULL AND claims < \(maxClaims)
                    AND (lease_until IS NULL OR lease_until < clock_timestamp())
                  ORDER BY position
                  LIMIT \(limit)
                  FOR UPDATE SKIP LOCKED)
                UPDATE coord_sources s
                SET worker = \(worker), lease_until = clock_timestamp() + make_interval(secs => \(seconds)),
                    claims = s.claims + 1
                FROM picked
                WHERE s.night = \(night) AND s.source_id = picked.source_id
                RETURNING s.source_id, s.claims
                """, logger: logger)
            var claims: [Claim] = []
            for try await (id, count) in rows.decode((String, Int).self) {
                claims.append(Claim(sourceID: id, claims: count))
            }
            return claims
        }
    }

    /// Extends this worker's leases on `sources` by a full lease from now.
    ///
    /// - Returns: the sources whose lease this worker no longer holds (expired and taken by another, or
    ///   finished by another): their crawl should stop.
    public func renew(night: String, sources: [String]) async throws -> Set<String> {
        guard !sources.isEmpty else { return [] }
        let worker = self.worker
        let seconds = Self.seconds(lease)
        let logger = database.logger
        let kept = try await database.retrying("renewing leases") { connection in
            let rows = try await connection.query(
                """
                UPDATE coord_sources SET lease_until = clock_timestamp() + make_interval(secs => \(seconds))
                WHERE night = \(night) AND worker = \(worker) AND done_at IS NULL AND source_id = ANY(\(sources))
                RETURNING source_id
                """, logger: logger)
            var kept: Set<String> = []
            for try await id in rows.decode(String.self) { kept.insert(id) }
            return kept
        }
        return Set(sources).subtracting(kept)
    }

    /// Marks a source finished for the night with a one-line outcome (`ok`, `failed: …`), if this worker
    /// still holds it.
    ///
    /// - Returns: false when this worker no longer holds it: another worker took it over after this one's
    ///   lease expired (and crawls it, or finished it first).
    @discardableResult
    public func finish(night: String, source: String, outcome: String) async throws -> Bool {
        let worker = self.worker
        let logger = database.logger
        return try await database.retrying("finishing \(source)") { connection in
            let rows = try await connection.query(
                """
                UPDATE coord_sources
                SET done_at = clock_timestamp(), done_by = \(worker), outcome = \(outcome), worker = NULL,
                    lease_until = NULL
                WHERE night = \(night) AND source_id = \(source) AND done_at IS NULL AND worker = \(worker)
                RETURNING source_id
                """, logger: logger)
            var finished = false
            for try await _ in rows { finished = true }
            return finished
        }
    }

    /// Gives back every unfinished lease this worker holds on `night` (a clean stop): others may claim
    /// them at once.
    ///
    /// - Returns: how many leases were released.
    @discardableResult
    public func releaseAll(night: String) async throws -> Int {
        let worker = self.worker
        let logger = database.logger
        return try await database.retrying("releasing leases") { connection in
            let rows = try await connection.query(
                """
                UPDATE coord_sources SET worker = NULL, lease_until = NULL, claims = greatest(claims - 1, 0)
                WHERE night = \(night) AND worker = \(worker) AND done_at IS NULL
                RETURNING source_id
                """, logger: logger)
            var count = 0
            for try await _ in rows { count += 1 }
            return count
        }
    }

    /// Where `night` stands.
    public func progress(night: String) async throws -> Progress {
        let maxClaims = self.maxClaims
        let logger = database.logger
        return try await database.retrying("reading the night's progress") { connection in
            let rows = try await connection.query(
                """
                SELECT count(*) FILTER (WHERE done_at IS NOT NULL)::int8,
                  count(*) FILTER (WHERE done_at IS NULL AND lease_until >= clock_timestamp())::int8,
                  count(*) FILTER (WHERE done_at IS NULL AND claims < \(maxClaims)
                    AND (lease_until IS NULL OR lease_until < clock_timestamp()))::int8,
                  count(*) FILTER (WHERE done_at IS NULL AND claims >= \(maxClaims)
                    AND (lease_until IS NULL OR lease_until < clock_timestamp()))::int8,
                  EXTRACT(EPOCH FROM min(lease_until) FILTER (WHERE done_at IS NULL
                    AND lease_until >= clock_timestamp()) - clock_timestamp())::float8
                FROM coord_sources WHERE night = \(night)
                """, logger: logger)
            for try await (done, leased, waiting, abandoned, next) in rows.decode(
                (Int, Int, Int, Int, Double?).self)
            {
                return Progress(done: done, leased: leased, waiting: waiting, abandoned: abandoned, nextExpiry: next)
            }
            return Progress(done: 0, leased: 0, waiting: 0, abandoned: 0, nextExpiry: nil)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
