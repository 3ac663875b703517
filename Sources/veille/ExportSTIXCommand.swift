import ArgumentParser
import Foundation
import Interop
import Pipeline
import Storage
import VeilleCore

extension TLPMarking: ExpressibleByArgument {}

/// `veille export stix [--since WHEN] [--campaign ID…] [--output FILE] [--tlp LEVEL]`.
struct ExportSTIX: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stix",
        abstract: "Linked items as a STIX 2.1 bundle (for OpenCTI): on stdout, or in --output FILE.",
        discussion: """
            One report per linked item (report_types threat-report) with its evidence as a note, the watchlist \
            entries involved (imported STIX ids reused), deterministic ids: exporting twice gives the same bytes.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only items first seen since: an RFC 3339 time, a date YYYY-MM-DD or a duration (36h, 7d).")
    var since: String?

    @Option(parsing: .upToNextOption, help: "Only items linked to these campaign ids.")
    var campaign: [String] = []

    @Option(help: "Write the bundle to this file (atomically) instead of stdout.")
    var output: String?

    @Option(help: "TLP marking of every object: white (default; TLP 2.0's CLEAR), green, amber or red.")
    var tlp: TLPMarking = .white

    func validate() throws { _ = try parseSinceOption(since) }

    func run() async throws {
        _ = global.bootstrapLogging()
        do {
            let options = RunOptions(configDir: global.config, databasePath: global.db, outDir: global.out)
            let watchlist = try Watchlist.load(path: options.watchlistPath)
            for c in campaign where !watchlist.campaigns.contains(where: { $0.id == c }) {
                throw PipelineError.configuration("--campaign \(c): no such campaign in the watchlist")
            }
            let contact = (try? SourcesFile.load(path: options.sourcesPath))?.contact ?? "veille"
            guard databaseExists(global.db) else {
                throw PipelineError.database("database \(global.db) does not exist (run `veille run` first)")
            }
            let store = try NightlyRun.openStore(global.db)
            let items = try store.linkedItems(since: try parseSinceOption(since))
            let bundle = STIXExportBuilder(watchlist: watchlist, contact: contact, tlp: tlp)
                .bundle(items: items, campaigns: Set(campaign))
            let data = Data((bundle.pretty() + "\n").utf8)
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch let e as ConfigError {
            printError(e.description)
            throw ExitCode(2)
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        } catch let e as StorageError {
            printError(e.description)
            throw ExitCode(4)
        }
    }
}
