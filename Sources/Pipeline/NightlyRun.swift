import Coordination
import Digests
import Extraction
import Fetching
import Foundation
import Logging
import Storage
import VeilleCore

/// One run of the nightly job: due sources → fetch → parse → store deltas → digest.
///
/// A failing source never aborts the run: it becomes a failed outcome, counts toward its consecutive
/// failures and shows in the digest's "sources in trouble". Only bad config, an unusable database, a held
/// lock or a failed delivery end the run with an error (``PipelineError``, whose exit code the README lists).
public struct NightlyRun: Sendable {
    /// veille's version, in the User-Agent and the run records.
    public static let version = "0.1.0"

    public let options: RunOptions
    public let logger: Logger

    public init(options: RunOptions, logger: Logger = Logger(label: "veille")) {
        self.options = options
        self.logger = logger
    }

    /// Loads and validates the config, takes the lock, runs, and writes the digest.
    ///
    /// - Throws: ``PipelineError`` for bad config (2), a held lock (3), an unusable database (4) or a
    ///   digest that could not be written (5, after the run's deltas are stored).
    public func run() async throws -> RunReport {
        // On PostgreSQL, `run` is a worker of the night shared by every `veille run` on that database.
        if options.command == .run, PostgresURL.isPostgres(options.databasePath) {
            return try await CoordinatedRun(run: self).run()
        }
        let config = try Self.loadSources(options.sourcesPath)
        try checkSourceIDs(config.sources)
        try DigestStage.check(options: options, config: config)
        let matcher = try MatchStage.load(path: options.watchlistPath)
        let siteRules = try Self.loadSiteRules(options.sitesPath)
        let lock = try RunLock(databasePath: options.databasePath)
        defer { withExtendedLifetime(lock) {} }
        let store = try Self.openStore(options.databasePath)
        // On PostgreSQL other processes (the night's workers, another crawl) may be fetching from the same
        // hosts: the per-host gate and the robots.txt copies are the database's, as for a worker.
        let shared = try await CoordinatedRun.sharedPoliteness(options: options, logger: logger)
        defer { shared?.database.close() }
        let selected = select(config.sources, store: store)
        let startedAt = options.now()
        let runID: Int64
        do {
            // On PostgreSQL the night's workers own the runs still open (the first of a night closes those
            // of killed workers).
            if shared == nil { try store.closeInterruptedRuns(at: startedAt) }
            try store.syncSources(config.sources.map { ($0.id, $0.kind, $0.url) })
            runID = try store.beginRun(command: options.command.rawValue, at: startedAt)
        } catch {
            throw PipelineError.database(.error(error))
        }
        try DigestStage.recordStarts(options: options, store: store, run: runID, at: startedAt)
        let policy = await FetchPolicy.make(
            sources: config.sources, contact: config.contact, options: options,
            store: store, logger: logger, sharedGate: shared?.gate, sharedRobots: shared?.robots)
        let context = RunContext(
            store: store, fetch: policy.fetch, logger: logger, runID: runID,
            force: options.force, now: options.now, siteRules: siteRules)
        let outcomes = await crawlAll(selected, context: context)
        await ArticleStage(context: context).recheck(sources: config.sources.filter(\.enabled))
        await policy.finish(store: store, saveRobots: shared == nil)
        let end: @Sendable () async throws -> CoordinatedRun.DigestFailure = { [options] in
            do {
                try matcher?.apply(store: store, at: options.now())
                try store.discardUnlinkedEvidence()
            } catch {
                throw PipelineError.database(.during("matching", error))
            }
            do {
                // Sending mail waits on the network: on a thread of its own, not a cooperative one.
                let stage = DigestStage(context: context, options: options, config: config)
                return .init(paths: try await BlockingWork.run { try stage.deliver(from: startedAt) }, error: nil)
            } catch {
                return .init(paths: [], error: error)
            }
        }
        // On PostgreSQL, under the workers' digest lock: one process at a time matches and sends.
        let ended: CoordinatedRun.DigestFailure
        if let shared {
            do { ended = try await DigestLock.withLock(shared.database, end) } catch {
                throw CoordinatedRun.mapped(error, "sending the digest")
            }
        } else {
            ended = try await end()
        }

        var report = RunReport(
            runID: runID, startedAt: startedAt, finishedAt: options.now(), outcomes: outcomes,
            digestPaths: ended.paths, digestError: ended.error)
        if selected.isEmpty { report.nextDue = nextDue(config.sources, store: store) }
        return try finish(report, store: store)
    }

    /// Closes the report's run — `undelivered` when its digest could not be written, so that the next run's
    /// digest carries its deltas — and returns the report, or throws the digest's error (exit 5).
    func finish(_ report: RunReport, store: Store) throws -> RunReport {
        var report = report
        report.finishedAt = options.now()
        do {
            try store.finishRun(
                report.runID, status: report.digestError == nil ? .completed : .undelivered,
                summary: report.json.serialized(), at: report.finishedAt)
        } catch {
            throw PipelineError.database(.error(error))
        }
        if let e = report.digestError { throw PipelineError.delivery(.error(e)) }
        return report
    }

    /// Every source named on the command line must exist (exit 2, listing the known ids).
    func checkSourceIDs(_ sources: [SourceConfig]) throws {
        let known = Set(sources.map(\.id))
        for id in options.sourceIDs where !known.contains(id) {
            throw PipelineError.configuration(
                "unknown source '\(id)' (known: \(sources.map(\.id).joined(separator: ", ")))")
        }
    }

    /// The sources this invocation takes: named ones (`crawl`), every enabled one (`--all`), or the due ones.
    func select(_ sources: [SourceConfig], store: Store) -> [SourceConfig] {
        if !options.sourceIDs.isEmpty {
            let wanted = Set(options.sourceIDs)
            return sources.filter { wanted.contains($0.id) }
        }
        let enabled = sources.filter(\.enabled)
        if options.all { return enabled }
        let states = Dictionary(
            ((try? store.sourceStates()) ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let now = options.now()
        return enabled.filter { source in
            guard let state = states[source.id], state.url == source.url else { return true }
            return Schedule().isDue(state, now: now)
        }
    }

    /// The enabled source due first, for `veille run` when none is due now (nil when some source has never
    /// been crawled or the states cannot be read).
    func nextDue(_ sources: [SourceConfig], store: Store) -> (source: String, at: Date)? {
        guard options.sourceIDs.isEmpty, !options.all else { return nil }
        let states = Dictionary(
            ((try? store.sourceStates()) ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let due = sources.filter(\.enabled).compactMap { s in states[s.id]?.nextDueAt.map { (source: s.id, at: $0) } }
        return due.min { $0.at < $1.at }
    }

    func crawlAll(_ sources: [SourceConfig], context: RunContext) async -> [SourceOutcome] {
        await withTaskGroup(of: (Int, SourceOutcome).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask { (index, await Self.crawl(source, context: context)) }
            }
            var out = [SourceOutcome?](repeating: nil, count: sources.count)
            var done = 0
            for await (i, o) in group {
                out[i] = o
                done += 1
                options.progress?(o, done, sources.count)
            }
            return out.compactMap { $0 }
        }
    }

    /// Crawls one source with the crawler of its kind.
    static func crawl(_ source: SourceConfig, context: RunContext) async -> SourceOutcome {
        switch source.kind {
        case .feed: return await FeedCrawler(context: context).crawl(source)
        case .senateQuestions: return await SenateCrawler(context: context).crawl(source)
        case .assembleeQuestions: return await AssembleeCrawler(context: context).crawl(source)
        }
    }

    /// Loads `sources.yaml`, mapping problems to exit code 2.
    public static func loadSources(_ path: String) throws -> SourcesFile {
        do { return try SourcesFile.load(path: path) } catch let e as ConfigError {
            throw PipelineError.configuration(.error(e))
        }
    }

    /// Loads `sites.yaml` (per-site extraction rules) when it exists, mapping problems to exit code 2.
    public static func loadSiteRules(_ path: String) throws -> SiteRules {
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        do { return try SiteRules.load(path: path) } catch { throw PipelineError.configuration(.error(error)) }
    }

    /// Opens the database, mapping problems to exit code 4.
    public static func openStore(_ path: String) throws -> Store {
        do { return try Store(path: path) } catch { throw PipelineError.database(.error(error)) }
    }
}
