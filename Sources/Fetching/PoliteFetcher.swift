import Foundation

/// Fetching as a good citizen: robots.txt, one request at a time per host with a minimum gap, retries
/// with backoff on timeouts and 5xx, and `Retry-After` on 429 and 503.
///
/// Every request goes through the throttle of the host it is sent to: the page itself, **each redirect
/// hop** (a hop is a request of its own, followed here rather than inside the transfer), each retry and
/// the robots.txt fetch. Every hop but a robots.txt request is first checked against its own host's
/// robots.txt. Waits use the throttle's clock, so tests drive time by hand.
///
/// Flow of ``fetch(_:)``: up to ``RetryPolicy/maxTries`` tries; each try follows the redirects hop by
/// hop (``Redirects/follow(_:exchange:)``), and each hop 1. passes ``admit`` (a host the run deferred),
/// 2. is allowed by its host's robots.txt, else the fetch ends with
/// ``FetchError/disallowedByRobots(url:redirect:)`` (that robots.txt's `Crawl-delay`, up to
/// ``maxCrawlDelay``, becomes the host's gap when larger than the declared one), 3. holds its host's
/// permit while it is sent. A 2xx–4xx final answer (but 429) is returned; a 429, a 5xx, a timeout or a
/// network failure is tried again after the backoff (or the server's `Retry-After`, which also pauses
/// the host that sent it); the last answer or error is what the caller gets, with
/// ``FetchResponse/tries`` set.
public final class PoliteFetcher<C: Clock>: Sendable where C.Duration == Duration {
    /// How one request (one hop) is sent: ``Fetcher/exchange(_:)`` in production, a fake in tests. A
    /// redirect comes back as a response with ``FetchResponse/location`` set.
    public typealias Transport = @Sendable (FetchRequest) async throws -> FetchResponse
    /// Called before each hop is checked and queued for its host; throws to refuse it.
    public typealias Admit = @Sendable (FetchRequest) async throws -> Void

    /// The longest robots.txt `Crawl-delay` honoured, in seconds (reason: a site asking for minutes between
    /// requests would hold a nightly run for hours over a few new articles; 30 s is already gentler than
    /// any browser).
    public static var maxCrawlDelay: Double { 30 }

    /// The per-host throttle every request goes through.
    public let throttle: HostThrottle<C>
    /// The per-run robots.txt cache, nil when robots.txt is not consulted.
    public let robots: RobotsCache?
    /// When to try again.
    public let retry: RetryPolicy
    private let transport: Transport
    private let admit: Admit
    private let now: @Sendable () -> Date

    /// Creates a polite fetcher.
    ///
    /// - Parameters:
    ///   - throttle: the run's throttle (its clock is used for every wait).
    ///   - retry: the retry policy.
    ///   - robots: whether to consult robots.txt; `stored` carries the previous run's copies.
    ///   - now: wall-clock time, for HTTP dates in `Retry-After`.
    ///   - admit: a check every hop passes first (a deferred host); none by default.
    ///   - sharedRobots: robots.txt copies shared with other workers, if any.
    ///   - transport: how one request is sent.
    public init(
        throttle: HostThrottle<C>, retry: RetryPolicy = RetryPolicy(), robots: Bool = true,
        stored: [String: RobotsCache.Stored] = [:], sharedRobots: (any SharedRobotsStore)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        admit: @escaping Admit = { _ in }, transport: @escaping Transport
    ) {
        self.throttle = throttle
        self.retry = retry
        self.transport = transport
        self.admit = admit
        self.now = now
        // robots.txt is a request like any other: its hops (it may redirect) through their hosts' gates.
        let robotsFetch: RobotsCache.Transport = { request in
            try await Redirects.follow(request) { hop in
                try await admit(hop)
                return try await throttle.withPermit(host: HostKey.of(hop.url)) { try await transport(hop) }
            }
        }
        self.robots = robots ? RobotsCache(stored: stored, shared: sharedRobots, transport: robotsFetch) : nil
    }

    /// Declares a source's `delay` for the host of its URL (the largest declared per host applies).
    public func declare(delay: TimeInterval, for url: String) async {
        await throttle.setDelay(Self.duration(delay), for: HostKey.of(url))
    }

    /// Fetches politely; see the type's discussion.
    ///
    /// - Throws: ``FetchError`` (the last try's, or ``FetchError/disallowedByRobots(url:redirect:)``);
    ///   what ``admit`` throws; `CancellationError`.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        var random = SystemRandomNumberGenerator()
        var tries = 0
        while true {
            tries += 1
            let outcome: Result<FetchResponse, Error>
            do {
                outcome = .success(try await Redirects.follow(request) { try await self.send($0) })
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(var response):
                response.tries = tries
                var hint: RetryAfter?
                if let value = response.retryAfter, response.status == 429 || response.status == 503 {
                    let parsed = RetryAfter.parse(value, now: now())
                    response.retryAfterProblem = parsed.problem
                    if let seconds = parsed.seconds {
                        // The host that answered, which a redirect may have made another than the first.
                        await throttle.pause(host: HostKey.of(response.finalURL), for: Self.duration(seconds))
                    }
                    hint = parsed
                }
                guard tries < retry.maxTries, retry.isRetryable(status: response.status),
                    let wait = retry.wait(beforeTry: tries + 1, retryAfter: hint, using: &random)
                else { return response }
                try await sleep(wait)
            case .failure(let error):
                guard tries < retry.maxTries, retry.isRetryable(error) else { throw error }
                try await sleep(retry.backoff(beforeTry: tries + 1, using: &random))
            }
        }
    }

    /// Sends one hop: admitted, allowed by its host's robots.txt (unless it is robots.txt), then under
    /// its host's permit.
    func send(_ hop: FetchRequest) async throws -> FetchResponse {
        try await admit(hop)
        let host = HostKey.of(hop.url)
        if let robots, hop.purpose != .robots {
            guard await robots.isAllowed(hop.url, trust: hop.trust) else {
                throw FetchError.disallowedByRobots(
                    url: hop.requestedURL, redirect: hop.redirects > 0 ? hop.url : nil)
            }
            if let seconds = await robots.crawlDelay(hop.url, trust: hop.trust), seconds > 0 {
                await throttle.setDelay(Self.duration(min(seconds, Self.maxCrawlDelay)), for: host)
            }
        }
        return try await throttle.withPermit(host: host) { [transport, throttle] in
            var sent = hop
            sent.backlog = await throttle.queued(host: host)
            return try await transport(sent)
        }
    }

    private func sleep(_ seconds: TimeInterval) async throws {
        guard seconds > 0 else { return }
        let clock = throttle.clock
        try await clock.sleep(until: clock.now.advanced(by: Self.duration(seconds)), tolerance: nil)
    }

    static func duration(_ seconds: TimeInterval) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension PoliteFetcher where C == ContinuousClock {
    /// A polite fetcher over a ``Fetcher`` on the real clock.
    public convenience init(
        fetcher: Fetcher, defaultDelay: TimeInterval = 1, retry: RetryPolicy = RetryPolicy(),
        robots: Bool = true, stored: [String: RobotsCache.Stored] = [:]
    ) {
        self.init(
            throttle: HostThrottle(defaultDelay: .milliseconds(Int64((defaultDelay * 1000).rounded()))),
            retry: retry, robots: robots, stored: stored, transport: { try await fetcher.exchange($0) })
    }
}
