import Fetching
import Foundation
import Logging
import PostgresNIO

/// The per-host gate in the shared database (`coord_hosts`, one row per host: who holds it, until when,
/// the next allowed start, the `Retry-After` pause), so that one request at a time reaches a host across
/// all workers, each start at least the host's gap after the end of the previous response, whoever
/// sent it. Time is the database server's clock (`clock_timestamp()`), the one clock every worker shares.
///
/// Taking the gate is one statement: an `UPDATE` that succeeds only when the host is free (or its
/// holder's hold expired: a killed worker blocks a host for ``hold`` at most), its next start has come
/// and no pause runs; otherwise the same statement says how long to wait, and the worker sleeps that
/// long (or ``poll`` while another holds it). Releasing sets the next start to now plus the gap.
public struct DatabaseHostGate: SharedHostGate {
    /// The shared database.
    public let database: CoordinationDatabase
    /// This worker's id.
    public let worker: String
    /// How long a held host stays held without release: longer than one request can take (a transfer's
    /// timeout is 30 s by default), short enough that a killed worker does not block its host for long.
    public let hold: Duration
    /// How often a host held by another worker is looked at again.
    public let poll: Duration

    /// Creates the gate of one worker.
    public init(
        database: CoordinationDatabase, worker: String, hold: Duration = .seconds(120),
        poll: Duration = .milliseconds(20)
    ) {
        self.database = database
        self.worker = worker
        self.hold = hold
        self.poll = poll
    }

    public func acquire(host: String) async throws {
        let worker = self.worker
        let hold = SourceLeases.seconds(self.hold)
        let logger = database.logger
        while true {
            try Task.checkCancellation()
            let (took, wait, held) = try await database.retrying("taking host \(host)") { connection in
                try await connection.query(
                    "INSERT INTO coord_hosts (host) VALUES (\(host)) ON CONFLICT (host) DO NOTHING", logger: logger)
                let rows = try await connection.query(
                    """
                    WITH now AS (SELECT clock_timestamp() AS t),
                    took AS (
                      UPDATE coord_hosts h SET holder = \(worker),
                        held_until = (SELECT t FROM now) + make_interval(secs => \(hold))
                      WHERE h.host = \(host) AND (h.holder IS NULL OR h.held_until < (SELECT t FROM now))
                        AND h.next_start <= (SELECT t FROM now) AND h.paused_until <= (SELECT t FROM now)
                      RETURNING h.host)
                    SELECT (SELECT count(*) FROM took)::int8,
                      EXTRACT(EPOCH FROM greatest(h.next_start, h.paused_until, (SELECT t FROM now))
                        - (SELECT t FROM now))::float8,
                      (h.holder IS NOT NULL AND h.held_until >= (SELECT t FROM now))
                    FROM coord_hosts h WHERE h.host = \(host)
                    """, logger: logger)
                for try await row in rows.decode((Int, Double?, Bool).self) { return row }
                return (0, nil, false)
            }
            if took > 0 { return }
            let seconds = held ? SourceLeases.seconds(poll) : min(max(wait ?? 0, 0.001), 60)
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        }
    }

    public func release(host: String, gap: Duration) async {
        let worker = self.worker
        let seconds = SourceLeases.seconds(gap)
        let logger = database.logger
        do {
            _ = try await database.retrying("releasing host \(host)") { connection in
                try await connection.query(
                    """
                    UPDATE coord_hosts SET holder = NULL, held_until = NULL,
                      next_start = greatest(next_start, clock_timestamp() + make_interval(secs => \(seconds)))
                    WHERE host = \(host) AND holder = \(worker)
                    """, logger: logger)
            }
        } catch {
            // The hold expires by itself; the next start is then the expiry, later than the gap.
            logger.warning("releasing host \(host): \(error)")
        }
    }

    public func pause(host: String, for duration: Duration) async {
        let seconds = SourceLeases.seconds(duration)
        let logger = database.logger
        do {
            _ = try await database.retrying("pausing host \(host)") { connection in
                try await connection.query(
                    """
                    INSERT INTO coord_hosts (host, paused_until)
                    VALUES (\(host), clock_timestamp() + make_interval(secs => \(seconds)))
                    ON CONFLICT (host) DO UPDATE SET paused_until = greatest(coord_hosts.paused_until,
                      excluded.paused_until)
                    """, logger: logger)
            }
        } catch {
            logger.warning("pausing host \(host): \(error)")
        }
    }
}

/// robots.txt copies in the shared database (`coord_robots`): a site's robots.txt fetched by one worker
/// serves every worker for ``freshFor``. While one worker fetches it (a claim in
/// `coord_robots_fetching`, good for ``claimFor``), the others wait for its copy instead of fetching too.
public struct SharedRobots: SharedRobotsStore {
    /// The shared database.
    public let database: CoordinationDatabase
    /// This worker's id.
    public let worker: String
    /// How long a copy is used without a request (20 hours: once per night).
    public let freshFor: Duration
    /// How long others wait for a worker fetching a robots.txt before fetching it themselves.
    public let claimFor: Duration

    /// Creates the shared copies.
    public init(
        database: CoordinationDatabase, worker: String, freshFor: Duration = .seconds(20 * 3600),
        claimFor: Duration = .seconds(60)
    ) {
        self.database = database
        self.worker = worker
        self.freshFor = freshFor
        self.claimFor = claimFor
    }

    public func fresh(site: String) async -> RobotsCache.Stored? {
        let seconds = SourceLeases.seconds(freshFor)
        let claim = SourceLeases.seconds(claimFor)
        let worker = self.worker
        let logger = database.logger
        while !Task.isCancelled {
            let outcome = try? await database.retrying("reading robots.txt of \(site)") {
                connection -> (RobotsCache.Stored?, Bool) in
                let rows = try await connection.query(
                    """
                    SELECT body, etag, last_modified FROM coord_robots
                    WHERE site = \(site) AND fetched_at > clock_timestamp() - make_interval(secs => \(seconds))
                    """, logger: logger)
                for try await (body, etag, lastModified) in rows.decode((Data, String?, String?).self) {
                    return (RobotsCache.Stored(body: [UInt8](body), etag: etag, lastModified: lastModified), false)
                }
                let claimed = try await connection.query(
                    """
                    INSERT INTO coord_robots_fetching (site, worker, until)
                    VALUES (\(site), \(worker), clock_timestamp() + make_interval(secs => \(claim)))
                    ON CONFLICT (site) DO UPDATE SET worker = excluded.worker, until = excluded.until
                    WHERE coord_robots_fetching.until < clock_timestamp()
                    RETURNING site
                    """, logger: logger)
                var mine = false
                for try await _ in claimed { mine = true }
                guard mine else { return (nil, false) }
                // Claimed just as another worker saved its copy and let go of its claim: use that copy.
                let again = try await connection.query(
                    "SELECT body, etag, last_modified FROM coord_robots WHERE site = \(site)", logger: logger)
                for try await (body, etag, lastModified) in again.decode((Data, String?, String?).self) {
                    try await connection.query(
                        "DELETE FROM coord_robots_fetching WHERE site = \(site) AND worker = \(worker)",
                        logger: logger)
                    return (RobotsCache.Stored(body: [UInt8](body), etag: etag, lastModified: lastModified), false)
                }
                return (nil, true)
            }
            guard let (copy, mine) = outcome else { return nil } // the database is gone: fetch it
            if let copy { return copy }
            if mine { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    public func save(site: String, _ stored: RobotsCache.Stored) async {
        let logger = database.logger
        do {
            _ = try await database.retrying("saving robots.txt of \(site)") { connection in
                try await connection.query(
                    """
                    INSERT INTO coord_robots (site, body, etag, last_modified)
                    VALUES (\(site), \(Data(stored.body)), \(stored.etag), \(stored.lastModified))
                    ON CONFLICT (site) DO UPDATE SET body = excluded.body, etag = excluded.etag,
                      last_modified = excluded.last_modified, fetched_at = clock_timestamp()
                    """, logger: logger)
                try await connection.query("DELETE FROM coord_robots_fetching WHERE site = \(site)", logger: logger)
            }
        } catch {
            logger.warning("saving robots.txt of \(site): \(error)")
        }
    }

    public func abandon(site: String) async {
        let worker = self.worker
        let logger = database.logger
        _ = try? await database.retrying("giving up robots.txt of \(site)") { connection in
            try await connection.query(
                "DELETE FROM coord_robots_fetching WHERE site = \(site) AND worker = \(worker)", logger: logger)
        }
    }
}
