import Foundation
import GRDB

/// veille's database: sources, fetches, items and their revisions, runs, deltas, links, search.
///
/// SQLite (GRDB's pool, WAL mode, which serialises writes) by default; PostgreSQL when opened with a
/// `postgres://` URL. Every method that writes does so in one transaction, so a crash leaves either all
/// of a source's outcome or none of it. Operations written against ``SQLSession`` run on both backends;
/// the others are SQLite-only for now and say so on PostgreSQL (``StorageError/unsupported(_:)``).
public struct Store: Sendable {
    enum Backend: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresBackend)
    }

    let backend: Backend
    /// The database file, or the PostgreSQL URL without its password.
    public let path: String
    /// Set by a worker of a shared PostgreSQL night: each write of a source's crawl first checks that the
    /// worker still holds the source's lease (``SourceFence``). Nil otherwise.
    public var fence: SourceFence?

    /// Opens (creating if needed) and migrates the database at `path`: a SQLite file, or a
    /// `postgres://user@host:port/db` URL.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` when the file cannot be used or the server cannot be
    ///   reached (the server's reason: refused, wrong password, no such database…).
    public init(path: String) throws {
        if let url = try PostgresURL(path) {
            self.path = url.description
            let pg = try PostgresBackend(url: url)
            do { try PostgresMigrations.migrate(pg) } catch {
                throw StorageError.open(path: url.description, message: Store.describe(error))
            }
            backend = .postgres(pg)
            return
        }
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try StoreMigrations.migrator.migrate(pool)
            backend = .sqlite(pool)
        } catch {
            throw StorageError.open(path: path, message: Store.describe(error))
        }
    }

    /// Which backend this store is on.
    public var dialect: SQLDialect {
        switch backend {
        case .sqlite: return .sqlite
        case .postgres: return .postgres
        }
    }

    /// The SQLite pool; on PostgreSQL, throws ``StorageError/unsupported(_:)`` naming `operation`.
    func sqlitePool(_ operation: String = #function) throws -> DatabasePool {
        switch backend {
        case .sqlite(let pool): return pool
        case .postgres: throw StorageError.unsupported(operation)
        }
    }

    /// Runs `body` in a write transaction (SQLite only), mapping GRDB errors to ``StorageError``.
    func write<T>(_ operation: String = #function, _ body: (Database) throws -> T) throws -> T {
        let pool = try sqlitePool(operation)
        do { return try pool.write(body) } catch let e as StorageError { throw e } catch {
            throw StorageError.database(Store.describe(error))
        }
    }

    /// Runs `body` on a read snapshot (SQLite only).
    func read<T>(_ operation: String = #function, _ body: (Database) throws -> T) throws -> T {
        let pool = try sqlitePool(operation)
        do { return try pool.read(body) } catch let e as StorageError { throw e } catch {
            throw StorageError.database(Store.describe(error))
        }
    }

    /// Runs `body` in a write transaction on either backend.
    func transaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let pool):
            do { return try pool.write { db in try body(GRDBSession(db: db)) } } catch let e as StorageError {
                throw e
            } catch { throw StorageError.database(Store.describe(error)) }
        case .postgres(let pg):
            return try pg.transaction { try body($0) }
        }
    }

    /// Runs `body` on a read snapshot on either backend (a read-only transaction on PostgreSQL).
    func snapshot<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let pool):
            do { return try pool.read { db in try body(GRDBSession(db: db)) } } catch let e as StorageError {
                throw e
            } catch { throw StorageError.database(Store.describe(error)) }
        case .postgres(let pg):
            return try pg.transaction(readOnly: true) { try body($0) }
        }
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? e.description }
        if let e = error as? StorageError, case .database(let message) = e { return message }
        return "\(error)"
    }

    /// `PRAGMA integrity_check` on SQLite, "ok" when the file is sound; on PostgreSQL, "ok" when the
    /// server answers (the server checks its own pages).
    public func integrityCheck() throws -> String {
        switch backend {
        case .sqlite:
            return try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
        case .postgres:
            return try snapshot { s in try s.value("SELECT 'ok'", as: String.self) ?? "no answer" }
        }
    }
}
