import Foundation
import GRDB

/// veille's SQLite database: sources, fetches, items and their revisions, runs, deltas, links, search.
///
/// A struct around GRDB's pool (WAL mode), which serialises writes. Every method that writes does so in
/// one transaction, so a crash leaves either all of a source's outcome or none of it.
public struct Store: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` when the file cannot be used.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try StoreMigrations.migrator.migrate(pool)
        } catch {
            throw StorageError.open(path: path, message: Store.describe(error))
        }
    }

    /// Runs `body` in a write transaction, mapping GRDB errors to ``StorageError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let e as StorageError { throw e } catch {
            throw StorageError.database(Store.describe(error))
        }
    }

    /// Runs `body` on a read snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let e as StorageError { throw e } catch {
            throw StorageError.database(Store.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? e.description }
        return "\(error)"
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
