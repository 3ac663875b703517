import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `veille copy-db --from veille.sqlite --to postgres://…`: moves an archive from SQLite to PostgreSQL
/// (items, revisions, raw page snapshots, links, deltas, the digest outbox, source state, robots.txt
/// copies), then checks that every table has as many rows on both sides.
struct CopyDBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-db",
        abstract: "Copy a SQLite archive into an empty PostgreSQL database and check the counts.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("from"), help: "The SQLite file to copy.")
    var from: String

    @Option(name: .customLong("to"), help: "The PostgreSQL database: postgres://user@host:port/db.")
    var to: String

    func validate() throws {
        guard !PostgresURL.isPostgres(from) else { throw ValidationError("--from: expected a SQLite file") }
        guard PostgresURL.isPostgres(to) else { throw ValidationError("--to: expected a postgres:// URL") }
    }

    func run() throws {
        _ = global.bootstrapLogging()
        try maintenance {
            guard FileManager.default.fileExists(atPath: from) else {
                throw PipelineError.database("database \(from) does not exist")
            }
            let lock = try RunLock(databasePath: from)
            defer { withExtendedLifetime(lock) {} }
            let source = try NightlyRun.openStore(from)
            let target = try NightlyRun.openStore(to)
            let counts: [DatabaseCopy.TableCount]
            do { counts = try DatabaseCopy.copy(from: source, to: target) } catch let e as StorageError {
                throw PipelineError.database(.error(e))
            }
            for c in counts { print("\(c.table)\t\(c.source)\t\(c.target)") }
            print("copied \(from) to \(target.path): \(counts.reduce(0) { $0 + $1.target }) rows, counts equal")
        }
    }
}
