import Foundation
import TestSupport
import Testing

@testable import Fetching

/// A scripted transport: per URL, a list of outcomes (the last one repeats); unknown URLs answer 404.
final class ScriptedTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [String: [Result<FetchResponse, FetchError>]]
    private(set) var calls: [String] = []

    init(_ script: [String: [Result<FetchResponse, FetchError>]]) { self.script = script }

    func callAsFunction(_ request: FetchRequest) async throws -> FetchResponse {
        let outcome: Result<FetchResponse, FetchError> = lock.withLock {
            calls.append(request.url)
            guard var list = script[request.url], let first = list.first else {
                return .success(FetchResponse(status: 404, finalURL: request.url))
            }
            if list.count > 1 {
                list.removeFirst()
                script[request.url] = list
            }
            return first
        }
        return try outcome.get()
    }

    func count(_ url: String) -> Int { lock.withLock { calls.filter { $0 == url }.count } }
}

/// Retries, Retry-After and robots.txt through the polite fetcher, on a manual clock.
struct PoliteFetcherTests {
    static let feed = "http://news.example/feed.xml"

    static func answer(_ status: Int, retryAfter: String? = nil) -> Result<FetchResponse, FetchError> {
        .success(FetchResponse(status: status, finalURL: feed, retryAfter: retryAfter))
    }

    func polite(_ transport: ScriptedTransport, clock: ManualClock, robots: Bool = false) -> PoliteFetcher<ManualClock>
    {
        PoliteFetcher(
            throttle: HostThrottle(clock: clock, defaultDelay: .zero), robots: robots,
            now: { RetryTests.now }, transport: { try await transport($0) })
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.feed: [Self.answer(503), Self.answer(500), Self.answer(200)]])
        let fetcher = polite(transport, clock: clock)
        let task = Task { try await fetcher.fetch(FetchRequest(url: Self.feed)) }
        for _ in 0..<2 {
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(10))
        }
        let response = try await task.value
        #expect(response.status == 200)
        #expect(response.tries == 3)
    }

    @Test func giveUpAfterThreeTries() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.feed: [.failure(.timeout(url: Self.feed, seconds: 30))]])
        let fetcher = polite(transport, clock: clock)
        let task = Task { try await fetcher.fetch(FetchRequest(url: Self.feed)) }
        for _ in 0..<2 {
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(10))
        }
        await #expect(throws: FetchError.timeout(url: Self.feed, seconds: 30)) { try await task.value }
        #expect(transport.count(Self.feed) == 3)
    }

    @Test func clientErrorsAndRefusalsAreNotRetried() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.feed: [Self.answer(404)]])
        let response = try await polite(transport, clock: clock).fetch(FetchRequest(url: Self.feed))
        #expect(response.status == 404)
        #expect(response.tries == 1)
        let refused = ScriptedTransport([Self.feed: [.failure(.refused(url: Self.feed, reason: "10.0.0.1 is private"))]]
        )
        await #expect(throws: FetchError.refused(url: Self.feed, reason: "10.0.0.1 is private")) {
            try await polite(refused, clock: clock).fetch(FetchRequest(url: Self.feed))
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.feed: [Self.answer(429, retryAfter: "30"), Self.answer(200)]])
        let fetcher = polite(transport, clock: clock)
        let task = Task { try await fetcher.fetch(FetchRequest(url: Self.feed)) }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(29))
        #expect(clock.sleeperCount == 1)
        #expect(transport.count(Self.feed) == 1)
        clock.advance(by: .seconds(1))
        #expect(try await task.value.status == 200)
    }

    @Test func retryAfterBeyondTheRunIsReportedAndPausesTheHost() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.feed: [Self.answer(503, retryAfter: "Fri, 01 Jan 2100 00:00:00 GMT")]])
        let fetcher = polite(transport, clock: clock)
        let response = try await fetcher.fetch(FetchRequest(url: Self.feed))
        #expect(response.status == 503)
        #expect(response.tries == 1)
        #expect(response.retryAfterProblem == "Retry-After \"Fri, 01 Jan 2100 00:00:00 GMT\" clamped to one day")
        let next = Task {
            try await fetcher.throttle.acquire(host: "news.example")
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(86_400))
        #expect(try await next.value == ManualClock.Instant(offset: .seconds(86_400)))
    }

    @Test(arguments: [
        (
            Result<FetchResponse, FetchError>.success(
                FetchResponse(status: 200, finalURL: "", body: Array("User-agent: *\nDisallow: /feed".utf8))), false
        ),
        (.success(FetchResponse(status: 404, finalURL: "")), true),
        (.success(FetchResponse(status: 403, finalURL: "")), true),
        (.success(FetchResponse(status: 500, finalURL: "")), false),
        (.failure(.network(url: "", message: "reset")), false),
        (.failure(.tooManyRedirects(url: "", limit: 5)), true),
    ])
    func robotsOutcomes(_ robots: Result<FetchResponse, FetchError>, _ allowed: Bool) async throws {
        let transport = ScriptedTransport(["http://news.example/robots.txt": [robots], Self.feed: [Self.answer(200)]])
        let fetcher = polite(transport, clock: ManualClock(), robots: true)
        if allowed {
            #expect(try await fetcher.fetch(FetchRequest(url: Self.feed)).status == 200)
        } else {
            await #expect(throws: FetchError.disallowedByRobots(url: Self.feed)) {
                try await fetcher.fetch(FetchRequest(url: Self.feed))
            }
            #expect(transport.count(Self.feed) == 0)
        }
        _ = try? await fetcher.fetch(FetchRequest(url: "http://news.example/other"))
        #expect(transport.count("http://news.example/robots.txt") == 1)
    }

    /// robots.txt's `Crawl-delay` spaces the requests to its host (capped at ``PoliteFetcher/maxCrawlDelay``),
    /// from the request after the robots.txt fetch on.
    @Test(.timeLimit(.minutes(1)), arguments: [(5.0, 5.0), (3600.0, 30.0)])
    func crawlDelayIsHonoured(_ asked: Double, _ applied: Double) async throws {
        let robots = FetchResponse(
            status: 200, finalURL: "", body: Array("User-agent: *\nCrawl-delay: \(asked)\n".utf8))
        let other = "http://news.example/other.xml"
        let transport = ScriptedTransport([
            "http://news.example/robots.txt": [.success(robots)], Self.feed: [Self.answer(200)],
            other: [Self.answer(200)],
        ])
        let clock = ManualClock()
        let fetcher = polite(transport, clock: clock, robots: true)
        let first = Task { try await fetcher.fetch(FetchRequest(url: Self.feed)) }
        await clock.waitForSleepers(1) // the feed waits for the crawl delay after robots.txt
        #expect(transport.count(Self.feed) == 0)
        clock.advance(by: .milliseconds(Int64(applied * 1000) - 1))
        #expect(transport.count(Self.feed) == 0)
        clock.advance(by: .milliseconds(1))
        #expect(try await first.value.status == 200)
        let second = Task {
            try await fetcher.fetch(FetchRequest(url: other))
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(applied))
        #expect(try await second.value == ManualClock.Instant(offset: .seconds(applied * 2)))
        #expect(await fetcher.throttle.delay(for: "news.example") == .milliseconds(Int64(applied * 1000)))
    }
}
