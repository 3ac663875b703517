import ArgumentParser
import Foundation
import Interop
import VeilleCore

/// `veille watchlist import`: STIX bundles and domain lists into `Feeds/watchlist.d/`.
struct WatchlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist", abstract: "Manage the watchlist's imported files.",
        subcommands: [WatchlistImportCommand.self])
}

/// `veille watchlist import FILE… [--dry-run] [--campaign ID]`.
struct WatchlistImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import STIX 2.1 bundles (.json) and domain lists (.csv) into <config>/watchlist.d/<name>.yaml.",
        discussion: """
            watchlist.yaml is never rewritten: each input gets a file of its own, merged after it by id and \
            STIX id (the hand-written entry wins for what it sets). Nothing is written unless the merged \
            result loads. Skipped objects, aliases and lines are reported on stderr.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "STIX 2.1 bundles (.json) and domain lists (.csv).")
    var files: [String]

    @Flag(help: "Print the files that would be written and what they add; write nothing.")
    var dryRun = false

    @Option(help: "The campaign id a domain list's domains belong to (required for a .csv).")
    var campaign: String?

    func run() async throws {
        _ = global.bootstrapLogging()
        let importer = WatchlistImport(
            watchlistPath: (global.config as NSString).appendingPathComponent("watchlist.yaml"))
        do {
            let plan = try importer.plan(inputs: files, campaign: campaign)
            for f in plan.failures { printError(f) }
            for o in plan.outputs {
                for w in o.entries.warnings where !global.quiet { printError("warning: " + w) }
            }
            if dryRun {
                var out = ""
                for o in plan.outputs {
                    out += "# ---- \(o.path)" + (o.unchanged ? " (unchanged)" : "") + "\n" + o.text
                }
                out += "# ---- adds to the merged watchlist:\n"
                out += plan.summary.isEmpty ? "#   nothing\n" : plan.summary.map { "#   \($0)\n" }.joined()
                FileHandle.standardOutput.write(Data(out.utf8))
            } else {
                let written = try importer.write(plan)
                var out = ""
                for o in plan.outputs {
                    out += (written.contains(o.path) ? "wrote " : "unchanged ") + o.path + "\n"
                }
                out += plan.summary.map { "  \($0)\n" }.joined()
                if !global.quiet { FileHandle.standardOutput.write(Data(out.utf8)) }
            }
            if !plan.failures.isEmpty { throw ExitCode(2) }
        } catch let e as InteropError {
            printError(e.description)
            throw ExitCode(2)
        } catch let e as ConfigError {
            printError(e.description)
            throw ExitCode(2)
        }
    }
}
