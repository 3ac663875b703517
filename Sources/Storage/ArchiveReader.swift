import Foundation
import GRDB

/// A read-only view of veille's database for the workbench (`veille serve`, `veille show`).
///
/// Opened with `Configuration.readonly`: it never writes, never migrates and never takes the run lock. The
/// database is in WAL mode, so its readers never block the nightly run and each request sees the last
/// committed state (a run's work appears when its transactions commit).
public struct ArchiveReader: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens the database at `path` read-only and checks that its schema is this veille's.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` when the file is missing, is not a SQLite database,
    ///   or lacks a migration this veille needs (then the message says to run `veille run` once).
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError.open(path: path, message: "no such file (run `veille run` once to create it)")
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = 8
        do {
            pool = try DatabasePool(path: path, configuration: config)
            let missing = try pool.read { db -> [String] in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                guard try db.tableExists("grdb_migrations") else { return ["all"] }
                let applied = try StoreMigrations.migrator.appliedIdentifiers(db)
                return StoreMigrations.migrator.migrations.filter { !applied.contains($0) }
            }
            if !missing.isEmpty {
                throw StorageError.open(
                    path: path,
                    message: "the schema is older than this veille (missing: \(missing.joined(separator: ", "))); "
                        + "run `veille run` (or any writing command) once to migrate it")
            }
        } catch let e as StorageError {
            throw e
        } catch {
            throw StorageError.open(path: path, message: Store.describe(error))
        }
    }

    /// Runs `body` on a read snapshot, mapping GRDB errors to ``StorageError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let e as StorageError { throw e } catch let e as ArchiveQueryError {
            throw e
        } catch {
            throw StorageError.database(Store.describe(error))
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
