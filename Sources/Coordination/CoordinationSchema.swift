import Foundation
import Logging
import PostgresNIO

/// The coordination tables, created by named migrations appended in order and never edited (their own
/// list, beside the store's): applied once, under a transaction-scoped advisory lock so that workers
/// starting together do not race.
enum CoordinationSchema {
    /// A migration: its name (recorded in `coord_migrations`) and its statements.
    struct Migration {
        let name: String
        let statements: [String]
    }

    /// The advisory-lock key migrations are applied under ("veille" in ASCII, then 4: the store's own
    /// migrations take …01, the digest lock …02, the night …03).
    static let migrationLock: Int64 = 0x7665_696C_6C65_0004

    /// Every migration, in order. Append; never edit.
    static let migrations: [Migration] = [
        Migration(
            name: "createNightSourceLeases",
            statements: [
                """
                CREATE TABLE coord_nights (
                  night text PRIMARY KEY,
                  opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                  opened_by text NOT NULL,
                  sources integer NOT NULL)
                """,
                """
                CREATE TABLE coord_sources (
                  night text NOT NULL REFERENCES coord_nights(night) ON DELETE CASCADE,
                  source_id text NOT NULL,
                  position integer NOT NULL,
                  worker text,
                  lease_until timestamptz,
                  claims integer NOT NULL DEFAULT 0,
                  done_at timestamptz,
                  done_by text,
                  outcome text,
                  PRIMARY KEY (night, source_id))
                """,
                "CREATE INDEX coord_sources_open ON coord_sources (night, position) WHERE done_at IS NULL",
            ]),
        Migration(
            name: "createHostGates",
            statements: [
                """
                CREATE TABLE coord_hosts (
                  host text PRIMARY KEY,
                  holder text,
                  held_until timestamptz,
                  next_start timestamptz NOT NULL DEFAULT '-infinity',
                  paused_until timestamptz NOT NULL DEFAULT '-infinity')
                """
            ]),
        Migration(
            name: "createSharedRobots",
            statements: [
                """
                CREATE TABLE coord_robots (
                  site text PRIMARY KEY,
                  body bytea NOT NULL,
                  etag text,
                  last_modified text,
                  fetched_at timestamptz NOT NULL DEFAULT clock_timestamp())
                """
            ]),
        Migration(
            name: "createRobotsFetchClaims",
            statements: [
                """
                CREATE TABLE coord_robots_fetching (
                  site text PRIMARY KEY,
                  worker text NOT NULL,
                  until timestamptz NOT NULL)
                """
            ]),
        Migration(
            name: "addNightDigestSent",
            statements: [
                "ALTER TABLE coord_nights ADD COLUMN digest_sent_at timestamptz, ADD COLUMN digest_sent_by text"
            ]),
    ]

    /// Applies the migrations not yet applied.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS coord_migrations (
                  name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())
                """, logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM coord_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO coord_migrations (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }
}
