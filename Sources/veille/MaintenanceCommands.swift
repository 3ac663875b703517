import ArgumentParser
import Foundation
import Pipeline
import Storage
import VeilleCore

/// `veille backup PATH`: SQLite's online backup, safe during a run (README, "Care of the database"). It reads one
/// snapshot and writes nothing to the database, so it takes no lock. On PostgreSQL it says to use `pg_dump`
/// (exit 4).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database to PATH (online, safe during a run).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to write the copy (replaced if it exists).")
    var path: String

    func run() throws {
        _ = global.bootstrapLogging()
        try maintenance {
            let store = try existingStore(global.db)
            try store.backup(to: path)
            FileHandle.standardError.write(Data("backed up \(global.db) to \(path)\n".utf8))
        }
    }
}

/// `veille prune --older-than 365d [--dry-run]`: removes old item revisions and raw page bytes, never an
/// item's newest revision and nothing of an item linked to a campaign or an actor.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove old revisions and raw page bytes (never the newest revision, never a linked item's).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("older-than"), help: "Age past which revisions go, e.g. 365d (units s, m, h, d).")
    var olderThan: String

    @Flag(name: .customLong("dry-run"), help: "Count what would go; change nothing (takes no lock).")
    var dryRun = false

    func validate() throws {
        guard let seconds = DurationUnit.parse(olderThan, allowed: [.s, .m, .h, .d]), seconds > 0 else {
            throw ValidationError("--older-than: expected a duration such as 365d, got '\(olderThan)'")
        }
    }

    func run() throws {
        _ = global.bootstrapLogging()
        let seconds = DurationUnit.parse(olderThan, allowed: [.s, .m, .h, .d]) ?? 0
        try maintenance {
            let lock = dryRun ? nil : try RunLock(databasePath: global.db)
            defer { withExtendedLifetime(lock) {} }
            let store = try existingStore(global.db)
            let outcome = try store.prune(olderThan: Date().addingTimeInterval(-seconds), dryRun: dryRun)
            let raw = outcome.rawRows.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key) rows" }
            let what = (["\(outcome.revisions) revisions"] + raw).joined(separator: ", ")
            print("\(dryRun ? "would remove" : "removed") \(what) older than \(olderThan)")
        }
    }
}

/// `veille vacuum`: compacts the database file (holds the lock: no run may write meanwhile).
struct VacuumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vacuum", abstract: "Compact the database file.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.bootstrapLogging()
        try maintenance {
            let lock = try RunLock(databasePath: global.db)
            defer { withExtendedLifetime(lock) {} }
            let store = try existingStore(global.db)
            let (before, after) = try store.vacuum()
            print("vacuumed \(global.db): \(before) → \(after) bytes")
        }
    }
}

/// Opens a database that must already exist (maintenance never creates one).
private func existingStore(_ path: String) throws -> Store {
    guard databaseExists(path) else {
        throw PipelineError.database("database \(path) does not exist (run `veille run` first)")
    }
    return try NightlyRun.openStore(path)
}

/// Runs a maintenance body, mapping errors to the README's exit codes (3 lock held, 4 database).
func maintenance(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as PipelineError {
        printError(e.description)
        throw ExitCode(e.exitCode)
    } catch let e as ExitCode {
        throw e
    } catch {
        printError("\(error)")
        throw ExitCode(4)
    }
}

/// Whether the database exists: the SQLite file, or any `postgres://` URL (the server says when it does not).
func databaseExists(_ path: String) -> Bool {
    PostgresURL.isPostgres(path) || FileManager.default.fileExists(atPath: path)
}
