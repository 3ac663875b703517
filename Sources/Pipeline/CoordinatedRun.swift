import Coordination
import Fetching
import Foundation
import Logging
import Storage
import Synchronization
import VeilleCore

/// How a `veille run` on PostgreSQL takes part in the night it shares with other workers (the README's
/// "Several workers on one PostgreSQL database").
public struct WorkerSettings: Sendable {
    /// This worker's id, unique across machines (`host:pid:random` by default).
    public var worker: String
    /// How long a claim on a source holds without renewal (renewed every third of it).
    public var lease: Duration
    /// Sources claimed per statement.
    public var batch: Int
    /// Sources crawled at once.
    public var concurrency: Int
    /// How long a killed worker can keep a host (and a robots.txt fetch) to itself.
    public var hold: Duration
    /// How long a lost database connection is retried before the worker stops.
    public var retry: Duration

    /// The defaults the README gives.
    public init(
        worker: String = SourceLeases.newWorkerID(), lease: Duration = .seconds(60), batch: Int = 4,
        concurrency: Int = 32, hold: Duration = .seconds(120), retry: Duration = .seconds(30)
    ) {
        self.worker = worker
        self.lease = lease
        self.batch = batch
        self.concurrency = concurrency
        self.hold = hold
        self.retry = retry
    }
}

/// `veille run` on PostgreSQL: one worker of the night shared by every `veille run` on that database.
///
/// Setting up (joining or opening the night, recording the sources and this worker's run) and the end
/// (matching, the digest) run under ``DigestLock``, one worker at a time. In between the worker claims
/// the night's sources in small batches (``NightWorker``) and crawls each with the run's crawlers, through
/// the database's per-host gate and shared robots.txt. The digest of `Feeds/digests.yaml` is sent by the
/// first worker to finish once the whole night is done, and recorded as sent: the others send none,
/// so each delta reaches each recipient once. Without `digests.yaml` each worker writes its own run's
/// digest files (its own deltas).
struct CoordinatedRun: Sendable {
    let run: NightlyRun
    var options: RunOptions { run.options }
    var logger: Logger { run.logger }

    func run() async throws -> RunReport {
        let config = try NightlyRun.loadSources(options.sourcesPath)
        try DigestStage.check(options: options, config: config)
        let matcher = try MatchStage.load(path: options.watchlistPath)
        let siteRules = try NightlyRun.loadSiteRules(options.sitesPath)
        let unfenced = try NightlyRun.openStore(options.databasePath)
        let database = try await openDatabase()
        defer { database.close() }
        let settings = options.worker
        let leases = SourceLeases(database: database, worker: settings.worker, lease: settings.lease)
        let startedAt = options.now()
        let (night, runID) = try await locked(database, "starting the run") { [run, options] in
            let selected = run.select(config.sources, store: unfenced)
            let (night, opened) = try await leases.joinOrOpen(sources: selected.map(\.id))
            // The first worker of a night closes the runs of workers killed in earlier nights; no
            // worker of this night has begun its run yet (they do so under this lock, after it).
            if opened { try unfenced.closeInterruptedRuns(at: startedAt) }
            try unfenced.syncSources(config.sources.map { ($0.id, $0.kind, $0.url) })
            let runID = try unfenced.beginRun(command: options.command.rawValue, at: startedAt)
            try DigestStage.recordStarts(options: options, store: unfenced, run: runID, at: startedAt)
            return (night, runID)
        }
        logger.notice("worker \(settings.worker): night \(night), run \(runID)")
        // Every write of a source's crawl first checks this worker still holds its lease (and holds it
        // until the write commits): a worker frozen past its lease writes nothing once resumed.
        let store = unfenced.fenced(by: SourceFence(night: night, worker: settings.worker))
        let lost = LostDatabase()
        let policy = await FetchPolicy.make(
            sources: config.sources, contact: config.contact, options: options, store: store, logger: logger,
            sharedGate: WatchedGate(
                gate: DatabaseHostGate(database: database, worker: settings.worker, hold: settings.hold), lost: lost),
            sharedRobots: SharedRobots(database: database, worker: settings.worker, claimFor: settings.hold))
        let context = RunContext(
            store: store, fetch: policy.fetch, logger: logger, runID: runID,
            force: options.force, now: options.now, siteRules: siteRules)
        let outcomes: [SourceOutcome]
        do {
            outcomes = try await crawl(
                night: night, sources: config.sources, leases: leases, context: context, lost: lost)
        } catch {
            await policy.finish(store: store, saveRobots: false)
            try? store.finishRun(runID, status: .interrupted, summary: nil, at: options.now())
            throw Self.mapped(error, "crawling night \(night)")
        }
        await policy.finish(store: store, saveRobots: false)

        var report = RunReport(
            runID: runID, startedAt: startedAt, finishedAt: options.now(), outcomes: outcomes,
            digestPaths: [], digestError: nil)
        let digestError = try await locked(database, "sending the digest") { [options, context] () -> DigestFailure? in
            do {
                try matcher?.apply(store: store, at: options.now())
                try store.discardUnlinkedEvidence()
            } catch {
                throw PipelineError.database(.during("matching", error))
            }
            let outbox = try DigestStage.loadDigests(configDir: options.configDir) != nil
            if outbox, try await leases.digestSent(night: night) { return nil }
            do {
                let stage = DigestStage(context: context, options: options, config: config)
                let paths = try await BlockingWork.run { try stage.deliver(from: startedAt) }
                if outbox { try await leases.markDigestSent(night: night) }
                return DigestFailure(paths: paths, error: nil)
            } catch let error as CoordinationError {
                throw error
            } catch {
                return DigestFailure(paths: [], error: error)
            }
        }
        report.digestPaths = digestError?.paths ?? []
        report.digestError = digestError?.error
        return try run.finish(report, store: store)
    }

    /// What the digest step gave: the paths written, or the delivery's error.
    struct DigestFailure: Sendable {
        var paths: [String]
        var error: (any Error)?
    }

    /// Claims and crawls the night's sources until none is left (this worker's share of them), each
    /// with its article re-checks, under its lease.
    ///
    /// - Throws: ``CoordinationError`` when the database stays lost (the worker's leases are released).
    /// - Parameter lost: set by the host gate when the database stays lost: the crawl then stops the worker
    ///   rather than finish its source (another worker crawls it again).
    func crawl(
        night: String, sources: [SourceConfig], leases: SourceLeases, context: RunContext, lost: LostDatabase
    ) async throws -> [SourceOutcome] {
        let byID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let book = OutcomeBook()
        let worker = NightWorker(
            leases: leases, concurrency: options.worker.concurrency, batch: options.worker.batch, logger: logger)
        let work = Task {
            try await worker.run(night: night) { id in
                try await crawlOne(id, byID: byID, context: context, lost: lost, book: book)
            }
        }
        // The database lost in the middle of a crawl: stop now, whatever the other crawls wait for, and
        // give this worker's leases back (the process ends with them).
        let finished = Once<Result<Void, any Error>>()
        Task {
            let result = await work.result
            finished.resolve(result.map { _ in () })
        }
        Task {
            while lost.error == nil, !finished.isResolved { try? await Task.sleep(for: .milliseconds(100)) }
            if let error = lost.error { finished.resolve(.failure(error)) }
        }
        let result = await finished.value
        if case .failure = result, lost.error != nil {
            work.cancel()
            await release(night: night, leases: leases)
        }
        try result.get()
        return await book.outcomes
    }

    /// Gives back this worker's leases, trying for up to one lease while the database is away.
    func release(night: String, leases: SourceLeases) async {
        let deadline = ContinuousClock.now.advanced(by: leases.lease)
        while ContinuousClock.now < deadline {
            if let count = try? await leases.releaseAll(night: night) {
                logger.notice("released \(count) leases of night \(night)")
                return
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Crawls one claimed source; throws when the host gate found the database lost.
    func crawlOne(
        _ id: String, byID: [String: SourceConfig], context: RunContext, lost: LostDatabase, book: OutcomeBook
    ) async throws -> String {
        guard let source = byID[id] else { return "failed: not in this worker's sources.yaml" }
        let fence = context.store.fence
        fence?.reset(id)
        let outcome = await NightlyRun.crawl(source, context: context)
        if let error = lost.error { throw error }
        // Writes refused by the fence: the source is another worker's now, not finished by this one.
        if fence?.lost(id) == true { throw LeaseLost(source: id) }
        if source.articles { await ArticleStage(context: context).recheck(sources: [source]) }
        if fence?.lost(id) == true { throw LeaseLost(source: id) }
        let done = await book.add(outcome)
        options.progress?(outcome, done, done)
        return outcome.failed ? "failed: \(outcome.error ?? "")" : outcome.status.rawValue
    }

    /// The coordination pool on the run's database (at least 2 connections: the digest lock holds one
    /// while the work under it uses another); exit 4 with the reason when it cannot be reached.
    func openDatabase() async throws -> CoordinationDatabase {
        try await Self.openDatabase(options: options, logger: logger)
    }

    /// The database's per-host gate and robots.txt copies, for a run on PostgreSQL that is not a worker
    /// of the night (`veille crawl`): nil on SQLite. The caller closes the pool.
    static func sharedPoliteness(options: RunOptions, logger: Logger) async throws
        -> (database: CoordinationDatabase, gate: DatabaseHostGate, robots: SharedRobots)?
    {
        guard PostgresURL.isPostgres(options.databasePath) else { return nil }
        let database = try await openDatabase(options: options, logger: logger)
        let settings = options.worker
        return (
            database, DatabaseHostGate(database: database, worker: settings.worker, hold: settings.hold),
            SharedRobots(database: database, worker: settings.worker, claimFor: settings.hold)
        )
    }

    static func openDatabase(options: RunOptions, logger: Logger) async throws -> CoordinationDatabase {
        do {
            var location = try PostgresLocation(url: options.databasePath)
            if location.password == nil { location.password = ProcessInfo.processInfo.environment["PGPASSWORD"] }
            location.maximumConnections = max(location.maximumConnections, 2)
            var coordLogger = logger
            coordLogger[metadataKey: "worker"] = "\(options.worker.worker)"
            return try await CoordinationDatabase.open(
                location, retryBudget: options.worker.retry, connectTimeout: max(options.worker.retry, .seconds(10)),
                logger: coordLogger)
        } catch {
            throw Self.mapped(error, "opening the coordination tables")
        }
    }

    /// Runs `body` under the digest lock, the errors mapped to exit codes.
    func locked<T: Sendable>(
        _ database: CoordinationDatabase, _ step: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do { return try await DigestLock.withLock(database, body) } catch { throw Self.mapped(error, step) }
    }

    /// A pipeline error as it is; a database or coordination error as exit 4 naming the step.
    static func mapped(_ error: any Error, _ step: String) -> any Error {
        if error is PipelineError || error is CancellationError { return error }
        return PipelineError.database(.during(step, error))
    }
}

/// The outcomes of the sources this worker crawled, in the order they finished.
actor OutcomeBook {
    private(set) var outcomes: [SourceOutcome] = []

    /// Adds one; returns how many there are.
    func add(_ outcome: SourceOutcome) -> Int {
        outcomes.append(outcome)
        return outcomes.count
    }
}

/// The database lost past the retry budget, as the host gate met it in the middle of a crawl.
final class LostDatabase: Sendable {
    private let value = Mutex<CoordinationError?>(nil)
    /// The error, once met.
    var error: CoordinationError? { value.withLock { $0 } }
    func set(_ error: CoordinationError) { value.withLock { $0 = $0 ?? error } }
}

/// The database host gate, noting a lost database for the worker (``LostDatabase``).
struct WatchedGate: SharedHostGate {
    let gate: DatabaseHostGate
    let lost: LostDatabase

    func acquire(host: String) async throws {
        do { try await gate.acquire(host: host) } catch let error as CoordinationError {
            if case .connection = error { lost.set(error) }
            throw error
        }
    }

    func release(host: String, gap: Duration) async { await gate.release(host: host, gap: gap) }

    func pause(host: String, for duration: Duration) async { await gate.pause(host: host, for: duration) }
}

/// A value set once by whichever of several tasks gets there first, awaited by one other.
final class Once<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, waiter: CheckedContinuation<Value, Never>?)>((nil, nil))

    var isResolved: Bool { state.withLock { $0.value != nil } }

    /// Sets the value unless it was set already.
    func resolve(_ value: Value) {
        let waiter = state.withLock { s -> CheckedContinuation<Value, Never>? in
            guard s.value == nil else { return nil }
            s.value = value
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: value)
    }

    /// The value, once set.
    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let now = state.withLock { s -> Value? in
                    if let value = s.value { return value }
                    s.waiter = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        }
    }
}
