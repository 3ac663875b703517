import Foundation
import Logging
import PostgresNIO

/// Which night a worker joins, and the night's digest, sent once.
extension SourceLeases {
    /// The advisory-lock key under which a worker looks for the night in progress or opens one
    /// (`'veille.night'` as a number).
    static let nightLock: Int64 = 0x7665_696C_6C65_0003

    /// Joins the night in progress, the newest one with sources still to crawl (waiting, or leased by a
    /// worker now), or, when there is none, opens a new one with `sources` (due, in crawl order).
    ///
    /// Workers started together (a crontab line each) thus share one night whatever the time; a worker
    /// started after the night is over opens the next one with what is due then. Under a
    /// transaction-scoped advisory lock, so two workers never open two nights at once.
    ///
    /// - Returns: the night's name and whether this call opened it.
    public func joinOrOpen(sources: [String], at date: Date = Date()) async throws -> (night: String, opened: Bool) {
        let worker = self.worker
        let maxClaims = self.maxClaims
        let logger = database.logger
        let name = Self.nightName(date)
        return try await database.retrying("joining the night") { connection in
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.nightLock))", logger: logger)
                let rows = try await connection.query(
                    """
                    SELECT n.night FROM coord_nights n
                    WHERE EXISTS (SELECT 1 FROM coord_sources s WHERE s.night = n.night AND s.done_at IS NULL
                      AND (s.claims < \(maxClaims) OR s.lease_until >= clock_timestamp()))
                    ORDER BY n.opened_at DESC LIMIT 1
                    """, logger: logger)
                for try await night in rows.decode(String.self) { return (night, false) }
                try await connection.query(
                    "INSERT INTO coord_nights (night, opened_by, sources) VALUES (\(name), \(worker), \(sources.count))",
                    logger: logger)
                try await connection.query(
                    """
                    INSERT INTO coord_sources (night, source_id, position)
                    SELECT \(name), id, ord FROM unnest(\(sources)::text[]) WITH ORDINALITY AS u(id, ord)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                return (name, true)
            }
        }
    }

    /// A new night's name: its UTC opening time and a random part (`2026-12-07T03:00:00Z-3f9a1c`).
    static func nightName(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return formatter.string(from: date) + "-" + UUID().uuidString.prefix(6).lowercased()
    }

    /// Whether `night`'s digest was sent already (by this worker or another).
    public func digestSent(night: String) async throws -> Bool {
        let logger = database.logger
        return try await database.retrying("reading the night's digest") { connection in
            let rows = try await connection.query(
                "SELECT digest_sent_at IS NOT NULL FROM coord_nights WHERE night = \(night)", logger: logger)
            for try await sent in rows.decode(Bool.self) { return sent }
            return false
        }
    }

    /// Records that this worker sent `night`'s digest: the other workers, finishing after it, send none.
    public func markDigestSent(night: String) async throws {
        let worker = self.worker
        let logger = database.logger
        _ = try await database.retrying("recording the night's digest") { connection in
            try await connection.query(
                """
                UPDATE coord_nights SET digest_sent_at = clock_timestamp(), digest_sent_by = \(worker)
                WHERE night = \(night) AND digest_sent_at IS NULL
                """, logger: logger)
        }
    }
}
