import ArgumentParser
import Foundation
import Logging
import Pipeline

/// `veille run`: the nightly job over the due sources (or all of them with `--all`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The nightly job: due sources → fetch → parse → store deltas → digest.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Every enabled source now, due or not.")
    var all = false

    @Flag(help: "Ignore stored validators (re-process; deltas only for real differences).")
    var force = false

    @Flag(help: "Exit 1 when a source failed.")
    var strict = false

    func run() async throws {
        let logger = global.bootstrapLogging()
        let options = RunOptions(
            command: .run, configDir: global.config, databasePath: global.db, outDir: global.out,
            all: all, force: force, strict: strict)
        try await execute(options, logger: logger, progress: ProgressLine.forTerminal(global))
    }
}

/// `veille crawl --source ID…`: those sources now, whatever their schedule.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl", abstract: "Crawl the named sources now, whatever their schedule.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("source"), help: "A source id (repeat for several).")
    var sources: [String] = []

    @Flag(help: "Ignore stored validators.")
    var force = false

    @Flag(help: "Exit 1 when a source failed.")
    var strict = false

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("name at least one --source ID") }
    }

    func run() async throws {
        let logger = global.bootstrapLogging()
        let options = RunOptions(
            command: .crawl, configDir: global.config, databasePath: global.db, outDir: global.out,
            force: force, sourceIDs: sources, strict: strict)
        try await execute(options, logger: logger, progress: ProgressLine.forTerminal(global))
    }
}

/// Runs the pipeline and turns its result into the README's exit code.
///
/// - Parameter progress: the live line on a terminal (``ProgressLine``); nil elsewhere.
func execute(_ options: RunOptions, logger: Logger, progress: ProgressLine? = nil) async throws {
    var options = options
    options.progress = progress?.callback
    defer { progress?.finish() }
    do {
        let report = try await NightlyRun(options: options, logger: logger).run()
        progress?.finish()
        FileHandle.standardError.write(Data((report.summaryLine + "\n").utf8))
        for path in report.digestPaths { print(path) }
        if options.strict, report.outcomes.contains(where: \.failed) { throw ExitCode(1) }
    } catch let e as PipelineError {
        printError(e.description)
        throw ExitCode(e.exitCode)
    }
}
