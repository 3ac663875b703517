import Extraction
import Fetching
import Foundation
import Logging
import Storage
import VeilleCore

/// Everything a stage needs during one run: the database, the one way to fetch (polite, with the address
/// policy), the schedule, the clock and the logger.
public struct RunContext: Sendable {
    /// Fetches one URL: every request of a run goes through it (feeds, pages, robots.txt, Sénat pages).
    public typealias Fetch = @Sendable (FetchRequest) async throws -> FetchResponse

    public let store: Store
    public let fetch: Fetch
    public let schedule: Schedule
    public let logger: Logger
    public let runID: Int64
    /// `--force`: ignore stored validators.
    public let force: Bool
    public let now: @Sendable () -> Date
    /// Per-site extraction rules (`Feeds/sites.yaml`).
    public let siteRules: SiteRules

    public init(
        store: Store, fetch: @escaping Fetch, schedule: Schedule = Schedule(), logger: Logger, runID: Int64,
        force: Bool, now: @escaping @Sendable () -> Date, siteRules: SiteRules = .none
    ) {
        self.store = store
        self.fetch = fetch
        self.schedule = schedule
        self.logger = logger
        self.runID = runID
        self.force = force
        self.now = now
        self.siteRules = siteRules
    }

    /// The request for a source's own URL (a feed, the Sénat CSV): written by the operator, so always
    /// fetched; conditional on the stored validators unless `--force`.
    func sourceRequest(_ source: SourceConfig, state: SourceRecord?) -> FetchRequest {
        FetchRequest(
            url: source.url, purpose: Self.purpose(of: source.kind), etag: force ? nil : state?.etag,
            lastModified: force ? nil : state?.lastModified,
            timeout: source.timeout, maxBytes: source.maxBytes, trust: .operatorURL)
    }

    /// What a source's own URL is, for the fetch path.
    static func purpose(of kind: SourceConfig.Kind) -> FetchPurpose {
        switch kind {
        case .feed: return .feed
        case .senateQuestions: return .csv
        case .assembleeQuestions: return .archive
        }
    }

    /// Records a failed attempt of `source` (consecutive failures, back-off) and returns its outcome.
    /// Nothing already stored is touched. The error is put into words here, where it is logged and stored.
    func fail(_ source: SourceConfig, log: FetchLog, error problem: any Error, blocked: Bool = false) -> SourceOutcome {
        let error = "\(problem)"
        var log = log
        log.error = error
        let at = now()
        let failures = ((try? store.sourceState(source.id))??.consecutiveFailures ?? 0) + 1
        logger.warning("source \(source.id): \(error)", metadata: ["source.id": "\(source.id)"])
        do {
            try store.recordFailure(
                source: source.id, run: runID, fetch: log, error: error, blocked: blocked, at: at,
                nextDue: blocked
                    ? schedule.nextAfterSuccess(every: source.every, now: at)
                    : schedule.nextAfterFailure(every: source.every, failures: failures, now: at))
        } catch {
            logger.error("source \(source.id): cannot record the failure: \(error)")
        }
        return SourceOutcome(
            source: source.id, status: blocked ? .blocked : .failed, error: error,
            httpStatus: log.httpStatus, bytes: log.bytes)
    }
}
