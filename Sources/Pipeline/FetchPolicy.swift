import Fetching
import Foundation
import Logging
import Storage
import VeilleCore

/// How a run fetches: the one place that builds the fetch path every stage shares (operations issue).
///
/// One ``PoliteFetcher`` per run over the plain ``Fetcher`` (8 transfers in flight at most, the address
/// policy), on the real clock:
/// 1. robots.txt, product token `veille`, fetched once per site and run, with the validators stored by
///    the previous run (a 304 reuses the stored copy); the copies are saved back by ``finish(store:)``;
/// 2. one request at a time per host, with the largest `delay` any source declares for that host;
/// 3. up to 3 tries on timeouts, network failures, 429 and 5xx, with exponential backoff and jitter;
///    a `Retry-After` on 429 or 503 is honoured (clamped to a day); one longer than a run waits
///    (``RetryPolicy/maxWait``) leaves the host alone for the rest of the run (``HostDeferred``);
/// 4. a final 429 or 5xx becomes an error that says how many tries were made
///    (`fetch https://…: HTTP 503 after 3 tries`), with any problem of its `Retry-After` value;
/// 5. a URL whose site's robots.txt answered 5xx or could not be reached is not fetched (RFC 9309) and
///    fails with that reason (``RobotsUnavailable``): the host is unwell, the source is not "blocked".
struct FetchPolicy: Sendable {
    let fetch: RunContext.Fetch
    private let polite: PoliteFetcher<ContinuousClock>
    private let ledger: FetchLedger
    private let logger: Logger

    /// The gap between two requests to a host when no source says otherwise (the issue's default).
    static let defaultDelay: TimeInterval = SourceConfig.defaultDelay
    /// Transfers in flight across all hosts (the issue's global limit).
    static let maxInFlight = 8

    /// Builds the run's fetch path for these sources.
    ///
    /// - Parameters:
    ///   - sources: the configured sources (their `delay`s matter per host; the largest wins).
    ///   - contact: the contact URL for the User-Agent.
    ///   - store: where the previous run's robots.txt copies are read from.
    static func make(
        sources: [SourceConfig], contact: String?, options: RunOptions, store: Store,
        logger: Logger
    ) async -> FetchPolicy {
        let userAgent = Fetcher.userAgent(version: Pipeline.version, contact: contact)
        let fetcher = Fetcher(userAgent: userAgent, maxConcurrent: maxInFlight, resolve: options.resolve)
        let retry = RetryPolicy()
        let ledger = FetchLedger()
        let stored: [String: RobotsCache.Stored]
        do {
            stored = try store.robotsCopies().mapValues {
                RobotsCache.Stored(body: $0.body, etag: $0.etag, lastModified: $0.lastModified)
            }
        } catch {
            logger.warning("robots.txt copies unreadable, fetched afresh: \(error)")
            stored = [:]
        }
        let transport: PoliteFetcher<ContinuousClock>.Transport = { request in
            // robots.txt requests (RobotsCache's: capped and truncated) are watched: when one fails, the
            // site's sources fail with that reason instead of reading as "blocked by robots.txt".
            let robotsSite =
                request.truncate && request.url.hasSuffix("/robots.txt") ? RobotsCache.site(of: request.url) : nil
            do {
                try await ledger.checkDeferred(request.url)
                let response = try await fetcher.fetch(request)
                await ledger.count(response)
                if let robotsSite, response.status >= 500 {
                    await ledger.robotsUnavailable(robotsSite, reason: "\(request.url): HTTP \(response.status)")
                }
                try await ledger.deferIfAskedTo(response, request: request, maxWait: retry.maxWait, now: Date())
                return response
            } catch {
                if let robotsSite {
                    let reason = (error as? FetchError).map { "\($0.url): \($0.reason)" } ?? "\(error)"
                    await ledger.robotsUnavailable(robotsSite, reason: reason)
                }
                throw error
            }
        }
        let polite = PoliteFetcher(
            throttle: HostThrottle(defaultDelay: duration(defaultDelay)), retry: retry,
            robots: true, stored: stored, transport: transport)
        for source in sources where source.enabled {
            await polite.declare(delay: source.delay, for: source.url)
            if let pages = source.pages { await polite.declare(delay: source.delay, for: pages) }
        }
        let fetch: RunContext.Fetch = { request in
            try await ledger.checkDeferred(request.url)
            let response: FetchResponse
            do {
                response = try await polite.fetch(request)
            } catch let error as FetchError {
                // RFC 9309: an unreachable robots.txt disallows the site for this run; that is the host's
                // failure (counted, backed off), not a publisher's refusal.
                if case .disallowedByRobots = error, let site = RobotsCache.site(of: request.url),
                    let reason = await ledger.robotsProblem(site)
                {
                    throw RobotsUnavailable(url: request.url, reason: reason)
                }
                throw error
            }
            if let problem = response.retryAfterProblem {
                logger.warning("fetch \(request.url): \(problem)", metadata: ["fetch.url": "\(request.url)"])
            }
            if response.status == 429 || (500...599).contains(response.status) {
                throw GaveUp(
                    url: request.url, status: response.status, tries: response.tries,
                    retryAfterProblem: response.retryAfterProblem)
            }
            return response
        }
        return FetchPolicy(fetch: fetch, polite: polite, ledger: ledger, logger: logger)
    }

    /// Called once the run's fetching is over: saves the robots.txt copies and their validators for the
    /// next run, and logs what went over the wire.
    func finish(store: Store) async {
        if let robots = polite.robots {
            let copies = await robots.snapshot().mapValues {
                Store.RobotsCopy(body: $0.body, etag: $0.etag, lastModified: $0.lastModified)
            }
            do {
                try store.saveRobotsCopies(copies, at: Date())
            } catch {
                logger.warning("robots.txt copies not saved: \(error)")
            }
        }
        let totals = await ledger.totals
        logger.info(
            "fetched \(totals.requests) requests (\(totals.notModified) not modified), \(totals.wireBytes) bytes",
            metadata: [
                "fetch.requests": "\(totals.requests)", "fetch.not_modified": "\(totals.notModified)",
                "fetch.bytes": "\(totals.wireBytes)",
            ])
    }

    static func duration(_ seconds: TimeInterval) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }

    /// A fetch that still answered 429 or 5xx after its tries.
    struct GaveUp: Error, CustomStringConvertible, Sendable {
        var url: String
        var status: Int
        var tries: Int
        var retryAfterProblem: String?

        var description: String {
            "fetch \(url): HTTP \(status) after \(tries) \(tries == 1 ? "try" : "tries")"
                + (retryAfterProblem.map { " (\($0))" } ?? "")
        }
    }

    /// A URL not fetched because its site's robots.txt could not be read this run (5xx, network error).
    struct RobotsUnavailable: Error, CustomStringConvertible, Sendable {
        var url: String
        var reason: String

        var description: String { "fetch \(url): not fetched this run, robots.txt unavailable (\(reason))" }
    }

    /// A host that asked (429 or 503 with `Retry-After`) to be left alone longer than a run waits.
    struct HostDeferred: Error, CustomStringConvertible, Sendable {
        var url: String
        var host: String
        var status: Int?
        var retryAfter: String

        var description: String {
            let answer = status.map { "HTTP \($0) with " } ?? "\(host) sent "
            return "fetch \(url): \(answer)Retry-After \(retryAfter): not fetched again this run"
        }
    }
}

/// What a run's requests did (every transfer, robots.txt and retries included), and the hosts that asked
/// to be left alone for the rest of the run.
actor FetchLedger {
    struct Totals: Sendable {
        var requests = 0
        var notModified = 0
        var wireBytes = 0
    }

    private(set) var totals = Totals()
    private var deferred: [String: (until: Date, retryAfter: String)] = [:]
    private var robotsProblems: [String: String] = [:]

    func count(_ response: FetchResponse) {
        totals.requests += 1
        if response.notModified { totals.notModified += 1 }
        totals.wireBytes += response.bytesReceived + response.headerBytes
    }

    /// Notes that a site's robots.txt could not be read this run.
    func robotsUnavailable(_ site: String, reason: String) { robotsProblems[site] = reason }

    /// Why a site's robots.txt could not be read this run, nil when it could.
    func robotsProblem(_ site: String) -> String? { robotsProblems[site] }

    /// Throws ``FetchPolicy/HostDeferred`` when the URL's host asked to be left alone.
    func checkDeferred(_ url: String) throws {
        let host = HostThrottle<ContinuousClock>.host(of: url)
        guard let entry = deferred[host], entry.until > Date() else { return }
        throw FetchPolicy.HostDeferred(url: url, host: host, status: nil, retryAfter: entry.retryAfter)
    }

    /// On a 429 or 503 whose `Retry-After` is longer than a run waits: remembers the host and throws.
    func deferIfAskedTo(_ response: FetchResponse, request: FetchRequest, maxWait: TimeInterval, now: Date) throws {
        guard response.status == 429 || response.status == 503, let value = response.retryAfter,
            let seconds = RetryAfter.parse(value, now: now).seconds, seconds > maxWait
        else { return }
        let host = HostThrottle<ContinuousClock>.host(of: request.url)
        let shown = "\(Int(seconds)) s"
        deferred[host] = (now.addingTimeInterval(seconds), shown)
        throw FetchPolicy.HostDeferred(url: request.url, host: host, status: response.status, retryAfter: shown)
    }
}
