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

    @OptionGroup(title: "Workers sharing a PostgreSQL database (--db postgres://…; ignored on SQLite)")
    var worker: WorkerOptions

    func run() async throws {
        let logger = global.bootstrapLogging()
        var options = RunOptions(
            command: .run, configDir: global.config, databasePath: global.db, outDir: global.out,
            all: all, force: force, strict: strict)
        options.worker = worker.settings
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

/// The lease settings of `veille run` as one worker of a night on PostgreSQL.
struct WorkerOptions: ParsableArguments {
    @Option(help: "Seconds a claim on a source holds without renewal (renewed every third).")
    var lease: Double = 60

    @Option(help: "Sources claimed at a time.")
    var batch: Int = 4

    @Option(help: "Sources crawled at once by this worker.")
    var concurrency: Int = 32

    @Option(help: "Seconds a killed worker can keep a host (or a robots.txt fetch) to itself.")
    var hold: Double = 120

    @Option(help: "Seconds a lost database connection is retried before the worker stops, its leases released.")
    var retry: Double = 30

    @Option(help: "This worker's id (default host:pid:random).")
    var worker: String?

    func validate() throws {
        guard lease >= 1, hold >= 1, retry >= 0 else {
            throw ValidationError("--lease and --hold need at least 1 second, --retry 0 or more")
        }
        guard batch >= 1, concurrency >= 1 else { throw ValidationError("--batch and --concurrency need at least 1") }
    }

    var settings: WorkerSettings {
        var settings = WorkerSettings(
            lease: Self.duration(lease), batch: batch, concurrency: concurrency, hold: Self.duration(hold),
            retry: Self.duration(retry))
        if let worker { settings.worker = worker }
        return settings
    }

    static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
}
