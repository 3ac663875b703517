import Digests
import Foundation
import Storage
import VeilleCore

/// The digest stage, at the end of every run (and `veille digest` alone).
///
/// Without `Feeds/digests.yaml`: the foundation's run digest files (Markdown and JSON of the run). With it:
/// the digests of the file, each delta delivered exactly once per (digest, recipient) through the outbox
/// (``DigestDelivery``). Throwing means exit code 5; the run's deltas stay stored and pending.
struct DigestStage: Sendable {
    let context: RunContext
    let options: RunOptions
    let config: SourcesFile

    /// Writes or sends the digests of run `context.runID`, which started at `from`.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``DigestError`` when a digest could not be delivered (exit 5; deltas stay stored), or
    ///   ``PipelineError/configuration(_:)`` for a broken `digests.yaml`.
    func deliver(from: Date) throws -> [String] {
        let store = context.store
        let trouble = try Self.trouble(store: store, config: config, watchlistPath: options.watchlistPath)
        guard let digests = try Self.loadDigests(configDir: options.configDir) else {
            // This run's deltas, and those of runs killed before they wrote their digest: nothing stored is
            // left out of every file.
            // The file is named after the oldest run it carries, so that a run killed after writing it and
            // before recording it (below) has its file replaced by the next run's, never doubled.
            let runs = try store.undigestedInterruptedRuns() + [context.runID]
            let oldest = runs.min() ?? context.runID
            let start = oldest == context.runID ? from : (try store.runStartedAt(oldest) ?? from)
            let deltas = try store.deltas(.runs(runs))
            let digest = RunDigest(
                runs: runs, from: start, to: context.now(), deltas: deltas,
                sourceOrder: config.sources.map(\.id), trouble: trouble)
            let paths = try DigestFiles.writeRunDigest(digest, folder: options.outDir, at: start)
            try store.markDigested(run: context.runID, recovered: runs.filter { $0 != context.runID })
            return paths
        }
        let delivery = try Self.delivery(
            store: store, digests: digests, options: options, config: config,
            trouble: trouble, now: context.now)
        return try delivery.deliver(currentRun: context.runID)
    }

    /// Records, before run `run` stores anything, where each digest of `Feeds/digests.yaml` seen for the first
    /// time starts: after the deltas of the runs before it. A digest then covers this run's deltas even when
    /// the run is killed before its digest stage (the next run's digest counts the first crawl's baseline
    /// instead of starting after it).
    ///
    /// - Throws: ``PipelineError/database(_:)`` when the start cannot be stored.
    static func recordStarts(options: RunOptions, store: Store, run: Int64, at: Date) throws {
        guard let digests = try loadDigests(configDir: options.configDir) else { return }
        do {
            let start = try store.lastDeltaID(before: run)
            for d in digests.digests { _ = try store.digestStart(d.id, defaultStart: start, at: at) }
        } catch {
            throw PipelineError.database(.during("recording where the digests start", error))
        }
    }

    /// Validates `Feeds/digests.yaml` (when it exists) against the watchlist and the sources, so that a run
    /// with a broken file does not start: call it with the other config checks, before the lock.
    ///
    /// - Throws: ``PipelineError/configuration(_:)`` naming the file, the entry and the key (exit 2).
    static func check(options: RunOptions, config: SourcesFile) throws {
        guard let digests = try loadDigests(configDir: options.configDir) else { return }
        _ = try validated(digests, options: options, config: config)
    }

    /// Checks `digests` against the watchlist (when there is one) and the sources.
    ///
    /// - Returns: the watchlist, for the campaign and actor names a digest shows.
    /// - Throws: ``PipelineError/configuration(_:)`` (exit 2).
    static func validated(_ digests: DigestsConfig, options: RunOptions, config: SourcesFile) throws -> Watchlist? {
        var watchlist: Watchlist?
        if FileManager.default.fileExists(atPath: options.watchlistPath) {
            do { watchlist = try Watchlist.load(path: options.watchlistPath) } catch {
                throw PipelineError.configuration(.error(error))
            }
        }
        do {
            try digests.validate(
                watchlist: watchlist, sources: config.sources.map(\.id),
                file: (options.configDir as NSString).appendingPathComponent("digests.yaml"))
        } catch { throw PipelineError.configuration(.error(error)) }
        return watchlist
    }

    /// `Feeds/digests.yaml`, nil when it does not exist.
    ///
    /// - Throws: ``PipelineError/configuration(_:)`` naming the file, the entry and the key (exit 2).
    static func loadDigests(configDir: String) throws -> DigestsConfig? {
        let path = (configDir as NSString).appendingPathComponent("digests.yaml")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try DigestsConfig.load(path: path) } catch { throw PipelineError.configuration(.error(error)) }
    }

    /// The delivery of `digests`, with the watchlist's names and the sources in trouble.
    static func delivery(
        store: Store, digests: DigestsConfig, options: RunOptions, config: SourcesFile,
        trouble: [RunDigest.Trouble], now: @escaping @Sendable () -> Date
    ) throws -> DigestDelivery {
        let watchlist = try validated(digests, options: options, config: config)
        return DigestDelivery(
            store: store, config: digests, watchlist: watchlist, outDir: options.outDir,
            sourceOrder: config.sources.map(\.id), trouble: trouble, now: now)
    }

    /// Enabled sources of the config whose last attempt failed or was blocked, then enabled sources whose
    /// own host is listed in the watchlist's `domains:` (status `listed`).
    static func trouble(store: Store, config: SourcesFile, watchlistPath: String? = nil) throws -> [RunDigest.Trouble] {
        let configured = Set(config.sources.filter(\.enabled).map(\.id))
        let failing = try store.sourceStates().filter { $0.inTrouble && configured.contains($0.id) }.map {
            RunDigest.Trouble(
                source: $0.id, error: $0.lastError ?? $0.status?.rawValue ?? "", failures: $0.consecutiveFailures,
                status: $0.status ?? .failed)
        }
        guard let watchlistPath else { return failing }
        let listed = ListedSources.flags(config: config, watchlistPath: watchlistPath)
        return failing
            + config.sources.filter { configured.contains($0.id) && listed[$0.id] != nil }.map {
                RunDigest.Trouble(source: $0.id, error: listed[$0.id] ?? "", failures: 0, status: .listed)
            }
    }
}

/// `veille digest` without a run: what the command needs from the pipeline module.
public enum DigestCommandSupport {
    /// Sends or writes what is pending now (taking the lock), or with `dryRun` prints the next digests.
    ///
    /// - Returns: the paths written, or the dry-run text.
    /// - Throws: ``PipelineError``: 2 for bad config, 3 for a held lock, 4 for the database, 5 for delivery.
    public static func run(options: RunOptions, digest: String?, dryRun: Bool) throws -> (
        paths: [String], text: String?
    ) {
        let (delivery, lock) = try prepare(options: options, digest: digest, takeLock: !dryRun)
        defer { withExtendedLifetime(lock) {} }
        if dryRun {
            do { return ([], try delivery.preview(only: digest)) } catch { throw PipelineError.database(.error(error)) }
        }
        do {
            // On PostgreSQL, never beside a worker's digest (the workers' digest lock).
            return (try delivery.store.holdingDigestLock { try delivery.deliver(currentRun: nil, only: digest) }, nil)
        } catch let e as DigestError {
            throw PipelineError.delivery(.error(e))
        } catch let e as StorageError {
            throw PipelineError.database(.error(e))
        }
    }

    /// Renders a past run's digest again into `path`.
    public static func replay(options: RunOptions, run: Int64, digest: String, path: String) throws {
        let (delivery, _) = try prepare(options: options, digest: digest, takeLock: false)
        guard (try? delivery.store.runExists(run)) == true else { throw PipelineError.configuration("no run \(run)") }
        do { try delivery.replay(run: run, digest: digest, to: path) } catch let e as DigestError {
            throw PipelineError.delivery(.error(e))
        } catch { throw PipelineError.database(.error(error)) }
    }

    static func prepare(options: RunOptions, digest: String?, takeLock: Bool) throws -> (DigestDelivery, RunLock?) {
        let config = try NightlyRun.loadSources(options.sourcesPath)
        guard let digests = try DigestStage.loadDigests(configDir: options.configDir) else {
            throw PipelineError.configuration(
                "\((options.configDir as NSString).appendingPathComponent("digests.yaml")) does not exist: without it, `veille run` writes the run digest files"
            )
        }
        if let digest, !digests.digests.contains(where: { $0.id == digest }) {
            throw PipelineError.configuration(
                "unknown digest '\(digest)' (known: \(digests.digests.map(\.id).joined(separator: ", ")))")
        }
        let lock = takeLock ? try RunLock(databasePath: options.databasePath) : nil
        let store = try NightlyRun.openStore(options.databasePath)
        let trouble: [RunDigest.Trouble]
        do {
            trouble = try DigestStage.trouble(store: store, config: config, watchlistPath: options.watchlistPath)
        } catch {
            throw PipelineError.database(.error(error))
        }
        let delivery = try DigestStage.delivery(
            store: store, digests: digests, options: options, config: config,
            trouble: trouble, now: options.now)
        return (delivery, lock)
    }
}
