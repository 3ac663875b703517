import Foundation

/// Fetching as a good citizen (the operations issue): robots.txt, one request at a time per host with a
/// minimum gap, retries with backoff on timeouts and 5xx, and `Retry-After` on 429 and 503.
///
/// Every request goes through the host throttle: the page itself, each retry and the robots.txt fetch.
/// Waits use the throttle's clock, so tests drive time by hand.
///
/// Flow of ``fetch(_:)``: robots.txt allows the URL, else ``FetchError/disallowedByRobots(url:)`` (its
/// `Crawl-delay`, up to ``maxCrawlDelay``, becomes the host's gap when larger than the declared one); then
/// up to ``RetryPolicy/maxTries`` tries, each holding the host's permit: a 2xx–4xx answer (but 429) is
/// returned; a 429, a 5xx, a timeout or a network failure is tried again after the backoff (or the
/// server's `Retry-After`, which also pauses the host); the last answer or error is what the caller gets,
/// with ``FetchResponse/tries`` set.
public final class PoliteFetcher<C: Clock>: Sendable where C.Duration == Duration {
    /// How one request is made (``Fetcher/fetch(_:)`` in production, a fake in tests).
    public typealias Transport = @Sendable (FetchRequest) async throws -> FetchResponse

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
    private let now: @Sendable () -> Date

    /// Creates a polite fetcher.
    ///
    /// - Parameters:
    ///   - throttle: the run's throttle (its clock is used for every wait).
    ///   - retry: the retry policy.
    ///   - robots: whether to consult robots.txt; `stored` carries the previous run's copies.
    ///   - now: wall-clock time, for HTTP dates in `Retry-After`.
    ///   - transport: how one request is made.
    public init(
        throttle: HostThrottle<C>, retry: RetryPolicy = RetryPolicy(), robots: Bool = true,
        stored: [String: RobotsCache.Stored] = [:], now: @escaping @Sendable () -> Date = { Date() },
        transport: @escaping Transport
    ) {
        self.throttle = throttle
        self.retry = retry
        self.transport = transport
        self.now = now
        let throttled: Transport = { request in
            try await throttle.withPermit(host: HostThrottle<C>.host(of: request.url)) { try await transport(request) }
        }
        self.robots = robots ? RobotsCache(stored: stored, transport: throttled) : nil
    }

    /// Declares a source's `delay` for the host of its URL (the largest declared per host applies).
    public func declare(delay: TimeInterval, for url: String) async {
        await throttle.setDelay(.milliseconds(Int64((delay * 1000).rounded())), for: HostThrottle<C>.host(of: url))
    }

    /// Fetches politely; see the type's discussion.
    ///
    /// - Throws: ``FetchError`` (the last try's, or ``FetchError/disallowedByRobots(url:)``);
    ///   `CancellationError`.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let host = HostThrottle<C>.host(of: request.url)
        if let robots {
            guard await robots.isAllowed(request.url, trust: request.trust) else {
                throw FetchError.disallowedByRobots(url: request.url)
            }
            if let seconds = await robots.crawlDelay(request.url, trust: request.trust), seconds > 0 {
                await throttle.setDelay(Self.duration(min(seconds, Self.maxCrawlDelay)), for: host)
            }
        }
        var random = SystemRandomNumberGenerator()
        var tries = 0
        while true {
            tries += 1
            let outcome: Result<FetchResponse, Error>
            do {
                let response = try await throttle.withPermit(host: host) { [transport] in try await transport(request) }
                outcome = .success(response)
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
                    if let seconds = parsed.seconds { await throttle.pause(host: host, for: Self.duration(seconds)) }
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
            retry: retry, robots: robots, stored: stored, transport: { try await fetcher.fetch($0) })
    }
}
