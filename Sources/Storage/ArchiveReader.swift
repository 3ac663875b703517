import Foundation
import GRDB

/// A read-only view of veille's database (SQLite or PostgreSQL) for the workbench (`veille serve`, `veille show`).
///
/// Opened with `Configuration.readonly`: it never writes, never migrates and never takes the run lock. The
/// database is in WAL mode, so its readers never block the nightly run and each request sees the last
/// committed state (a run's work appears when its transactions commit).
public struct ArchiveReader: Sendable {
    let backend: Store.Backend
    /// The database file, or the PostgreSQL URL without its password.
    public let path: String

    /// Opens the database at `path` (a SQLite file, or a `postgres://` URL) read-only and checks that its
    /// schema is this veille's.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` when the file is missing, is not a SQLite database,
    ///   the server cannot be reached, or a migration this veille needs is missing (then the message says to
    ///   run `veille run` once).
    public init(path: String) throws {
        if let url = try PostgresURL(path) {
            self.path = url.description
            // As many connections as SQLite's readers, opened as concurrent pages need them.
            let pg = try PostgresBackend(url: url, connections: Self.readers)
            let missing: [String]
            do {
                missing = try pg.transaction(readOnly: true) { s -> [String] in
                    guard
                        try s.value("SELECT to_regclass('veilleMigration') IS NOT NULL", [], as: Bool.self) == true
                    else { return ["all"] }
                    let applied = Set(try PostgresMigrations.applied(s))
                    return PostgresMigrations.all.map(\.0).filter { !applied.contains($0) }
                }
            } catch {
                throw StorageError.open(path: url.description, message: Store.describe(error))
            }
            try Self.check(missing, path: url.description)
            backend = .postgres(pg)
            return
        }
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError.open(path: path, message: "no such file (run `veille run` once to create it)")
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = Self.readers
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            let missing = try pool.read { db -> [String] in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                guard try db.tableExists("grdb_migrations") else { return ["all"] }
                let applied = try StoreMigrations.migrator.appliedIdentifiers(db)
                return StoreMigrations.migrator.migrations.filter { !applied.contains($0) }
            }
            try Self.check(missing, path: path)
            backend = .sqlite(pool)
        } catch let e as StorageError {
            throw e
        } catch {
            throw StorageError.open(path: path, message: Store.describe(error))
        }
    }

    /// Readers at once: SQLite's pool, PostgreSQL's connections (the workbench's page threads match it).
    public static let readers = 8

    private static func check(_ missing: [String], path: String) throws {
        if !missing.isEmpty {
            throw StorageError.open(
                path: path,
                message: "the schema is older than this veille (missing: \(missing.joined(separator: ", "))); "
                    + "run `veille run` (or any writing command) once to migrate it")
        }
    }

    /// Which backend the archive is on.
    public var dialect: SQLDialect {
        switch backend {
        case .sqlite: return .sqlite
        case .postgres: return .postgres
        }
    }

    /// Runs `body` on a read snapshot (SQLite only), mapping GRDB errors to ``StorageError``.
    func read<T>(_ operation: String = #function, _ body: (Database) throws -> T) throws -> T {
        guard case .sqlite(let pool) = backend else { throw StorageError.unsupported(operation) }
        do { return try pool.read(body) } catch let e as StorageError { throw e } catch let e as ArchiveQueryError {
            throw e
        } catch {
            throw StorageError.database(Store.describe(error))
        }
    }

    /// Runs `body` on a read snapshot on either backend (a read-only transaction on PostgreSQL).
    func snapshot<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let pool):
            do { return try pool.read { db in try body(GRDBSession(db: db)) } } catch let e as StorageError {
                throw e
            } catch let e as ArchiveQueryError { throw e } catch {
                throw StorageError.database(Store.describe(error))
            }
        case .postgres(let pg):
            return try pg.transaction(readOnly: true) { try body($0) }
        }
    }
}

/// A query the user wrote that SQLite refused (an FTS5 syntax error, an unknown column): shown to the user,
/// not a database failure.
public struct ArchiveQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's message, e.g. `fts5: syntax error near "AND"`.
    public var message: String
    public var description: String { message }
}
