import Foundation
import Logging

/// A run's whole fetch path, the one every stage shares: a ``PoliteFetcher`` over one transport, with a
/// ``FetchLedger``.
///
/// 1. robots.txt, product token `veille`, fetched once per site and run, with the validators stored by
///    the previous run (a 304 reuses the stored copy), checked for every request and redirect hop but
///    robots.txt itself;
/// 2. one request at a time per host, at least the host's gap from the end of one to the start of the
///    next (the largest `delay` declared for that host, or its robots.txt `Crawl-delay` when larger);
/// 3. up to 3 tries on timeouts, network failures, 429 and 5xx, with exponential backoff and jitter;
///    a `Retry-After` on 429 or 503 pauses the host that sent it (clamped to a day); one longer than a
///    run waits (``RetryPolicy/maxWait``) leaves that host alone for the rest of the run: every later
///    request or redirect hop to it fails with ``FetchError/hostDeferred(url:host:status:retryAfter:)``;
/// 4. a final 429 or 5xx becomes ``FetchError/gaveUp(url:status:tries:retryAfterProblem:)``
///    (`fetch https://…: HTTP 503 after 3 tries`), with any problem of its `Retry-After` value;
/// 5. a URL whose site's robots.txt answered 5xx or could not be reached is not fetched (RFC 9309) and
///    fails with ``FetchError/robotsUnavailable(url:reason:)``: the host is unwell, the URL is not
///    "blocked".
public struct CrawlPolicy<C: Clock>: Sendable where C.Duration == Duration {
    /// The polite fetcher (its throttle, robots.txt cache and retry policy).
    public let polite: PoliteFetcher<C>
    /// What the run's requests did.
    public let ledger: FetchLedger<C>
    private let logger: Logger

    /// Builds a run's fetch path.
    ///
    /// - Parameters:
    ///   - clock: every wait and deferral is measured on it (`ContinuousClock()` in production).
    ///   - defaultDelay: the gap for a host no source declared a delay for.
    ///   - slack: added to every gap (``HostThrottle/realClockSlack`` on the real clock).
    ///   - stored: the previous run's robots.txt copies.
    ///   - now: wall-clock time, for HTTP dates in `Retry-After`.
    ///   - sharedGate: the per-host gate shared with other workers (several processes on one database);
    ///     nil in a single-process run.
    ///   - sharedRobots: robots.txt copies shared with other workers, if any.
    ///   - exchange: how one request is sent (``Fetcher/exchange(_:)``).
    public init(
        clock: C, defaultDelay: Duration, slack: Duration = .zero, retry: RetryPolicy = RetryPolicy(),
        stored: [String: RobotsCache.Stored] = [:], sharedGate: (any SharedHostGate)? = nil,
        sharedRobots: (any SharedRobotsStore)? = nil, now: @escaping @Sendable () -> Date,
        logger: Logger = Logger(label: "veille.fetch"), exchange: @escaping PoliteFetcher<C>.Transport
    ) {
        let ledger = FetchLedger(clock: clock)
        let maxWait = retry.maxWait
        self.ledger = ledger
        self.logger = logger
        self.polite = PoliteFetcher(
            throttle: HostThrottle(clock: clock, defaultDelay: defaultDelay, slack: slack, shared: sharedGate),
            retry: retry, robots: true, stored: stored, sharedRobots: sharedRobots, now: now,
            admit: { try await ledger.checkDeferred($0) },
            transport: { hop in
                let response = try await exchange(hop)
                await ledger.count(response)
                try await ledger.deferIfAskedTo(response, request: hop, maxWait: maxWait, now: now())
                return response
            })
    }

    /// Declares a source's `delay` for the host of `url` (the largest declared per host applies).
    public func declare(delay: TimeInterval, for url: String) async {
        await polite.declare(delay: delay, for: url)
    }

    /// Fetches one URL by the policy; see the type's discussion.
    ///
    /// - Returns: a response whose status is neither 429 nor 5xx.
    /// - Throws: ``FetchError``; `CancellationError`.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let response: FetchResponse
        do {
            response = try await polite.fetch(request)
        } catch FetchError.disallowedByRobots(let url, let redirect) {
            // RFC 9309: an unreachable robots.txt disallows the site for this run; that is the host's
            // failure (counted, backed off), not a publisher's refusal.
            if let robots = polite.robots, let site = RobotsCache.site(of: redirect ?? url),
                let reason = await robots.problem(forSite: site)
            {
                throw FetchError.robotsUnavailable(url: url, reason: reason)
            }
            throw FetchError.disallowedByRobots(url: url, redirect: redirect)
        }
        if let problem = response.retryAfterProblem {
            logger.warning("fetch \(request.url): \(problem)", metadata: ["fetch.url": "\(request.url)"])
        }
        if response.status == 429 || (500...599).contains(response.status) {
            throw FetchError.gaveUp(
                url: request.url, status: response.status, tries: response.tries,
                retryAfterProblem: response.retryAfterProblem)
        }
        return response
    }

    /// The robots.txt bodies and validators to keep for the next run.
    public func robotsSnapshot() async -> [String: RobotsCache.Stored] {
        await polite.robots?.snapshot() ?? [:]
    }
}
