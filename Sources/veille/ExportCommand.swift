import ArgumentParser
import Foundation
import Interop
import Pipeline
import Storage
import VeilleCore

/// `veille export deltas`: deltas as JSON Lines (the contract in the README).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export results: deltas as JSON Lines, links as a STIX 2.1 bundle.",
        subcommands: [ExportDeltas.self, ExportSTIX.self])
}

/// `veille export deltas [--run latest|ID | --since WHEN]`.
struct ExportDeltas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deltas",
        abstract: "Deltas as JSON Lines: of the latest completed run, of run ID, or recorded since a time.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "latest, or a run id.")
    var run: String?

    @Option(help: "An RFC 3339 time, a date YYYY-MM-DD (midnight UTC) or a duration back from now (36h, 7d).")
    var since: String?

    func validate() throws {
        if run != nil, since != nil { throw ValidationError("--run and --since are exclusive") }
        _ = try parseSinceOption(since)
        if let run, run != "latest", Int64(run) == nil { throw ValidationError("--run: expected latest or a run id") }
    }

    func run() async throws {
        _ = global.bootstrapLogging()
        do {
            guard databaseExists(global.db) else {
                throw PipelineError.database("database \(global.db) does not exist (run `veille run` first)")
            }
            let store = try NightlyRun.openStore(global.db)
            let selection: DeltaSelection
            if let date = try parseSinceOption(since) {
                selection = .since(date)
            } else if let run, let id = Int64(run) {
                guard try store.runExists(id) else { throw PipelineError.configuration("no run \(id)") }
                selection = .run(id)
            } else {
                guard let latest = try store.latestCompletedRun() else { return }
                selection = .run(latest)
            }
            var out = ""
            for d in try store.deltas(selection) { out += d.json.serialized() + "\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        } catch let e as StorageError {
            printError(e.description)
            throw ExitCode(4)
        }
    }
}
