import Fetching
import Foundation
import Logging
import Storage
import VeilleCore

/// How a run fetches: builds the run's ``CrawlPolicy`` (Fetching) over the plain ``Fetcher`` (8 transfers
/// in flight at most, the address policy) on the real clock, with the sources' delays and the robots.txt
/// copies the previous run stored, and saves those copies back once the run's fetching is over. The
/// README's "Politeness" section says what the policy does.
struct FetchPolicy: Sendable {
    let fetch: RunContext.Fetch
    private let crawl: CrawlPolicy<ContinuousClock>
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// The gap between two requests to a host when no source says otherwise.
    static let defaultDelay: TimeInterval = SourceConfig.defaultDelay
    /// Transfers in flight across all hosts.
    static let maxInFlight = 8

    /// Builds the run's fetch path for these sources.
    ///
    /// - Parameters:
    ///   - sources: the configured sources (their `delay`s matter per host; the largest wins).
    ///   - contact: the contact URL for the User-Agent.
    ///   - store: where the previous run's robots.txt copies are read from.
    ///   - sharedGate: the per-host gate shared with other workers (a coordinated run); nil alone.
    ///   - sharedRobots: robots.txt copies shared with other workers; nil alone.
    static func make(
        sources: [SourceConfig], contact: String?, options: RunOptions, store: Store,
        logger: Logger, sharedGate: (any SharedHostGate)? = nil, sharedRobots: (any SharedRobotsStore)? = nil
    ) async -> FetchPolicy {
        let userAgent = Fetcher.userAgent(version: NightlyRun.version, contact: contact)
        let fetcher = Fetcher(userAgent: userAgent, maxConcurrent: maxInFlight, resolve: options.resolve)
        let stored: [String: RobotsCache.Stored]
        do {
            stored = try store.robotsCopies().mapValues {
                RobotsCache.Stored(body: $0.body, etag: $0.etag, lastModified: $0.lastModified)
            }
        } catch {
            logger.warning("robots.txt copies unreadable, fetched afresh: \(error)")
            stored = [:]
        }
        let crawl = CrawlPolicy(
            clock: ContinuousClock(), defaultDelay: .milliseconds(Int64((defaultDelay * 1000).rounded())),
            slack: HostThrottle<ContinuousClock>.realClockSlack, stored: stored, sharedGate: sharedGate,
            sharedRobots: sharedRobots, now: options.now, logger: logger,
            exchange: { try await fetcher.exchange($0) })
        for source in sources where source.enabled {
            await crawl.declare(delay: source.delay, for: source.url)
            if let pages = source.pages { await crawl.declare(delay: source.delay, for: pages) }
        }
        return FetchPolicy(
            fetch: { try await crawl.fetch($0) }, crawl: crawl, logger: logger, now: options.now)
    }

    /// Called once the run's fetching is over: saves the robots.txt copies and their validators for the
    /// next run, and logs what went over the wire.
    ///
    /// - Parameter saveRobots: false in a coordinated run, whose copies live in the shared tables (one
    ///   worker's own copies are not the whole night's).
    func finish(store: Store, saveRobots: Bool = true) async {
        if saveRobots { await saveRobotsCopies(store: store) }
        let totals = await crawl.ledger.totals
        logger.info(
            "fetched \(totals.requests) requests (\(totals.notModified) not modified), \(totals.wireBytes) bytes",
            metadata: [
                "fetch.requests": "\(totals.requests)", "fetch.not_modified": "\(totals.notModified)",
                "fetch.bytes": "\(totals.wireBytes)",
            ])
    }

    private func saveRobotsCopies(store: Store) async {
        let copies = await crawl.robotsSnapshot().mapValues {
            Store.RobotsCopy(body: $0.body, etag: $0.etag, lastModified: $0.lastModified)
        }
        do {
            try store.saveRobotsCopies(copies, at: now())
        } catch {
            logger.warning("robots.txt copies not saved: \(error)")
        }
    }
}
