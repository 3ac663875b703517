import Foundation
import TestSupport
import Testing

@testable import Fetching

/// Every redirect hop is a request of its own: through the gate of the host it is sent to, after that
/// host's robots.txt, with the gap counted from the end of the previous response. Real fetcher and
/// loopback servers; time on a manual clock; every assertion on what the servers logged.
@Suite struct RedirectPolitenessTests {
    /// A polite fetcher over the real fetcher, on `clock`.
    static func polite(
        _ clock: ManualClock, delay: Duration, robots: Bool = true, retry: RetryPolicy = RetryPolicy(),
        transport: PoliteFetcher<ManualClock>.Transport? = nil
    ) -> PoliteFetcher<ManualClock> {
        let fetcher = Fetcher(userAgent: "veille/test")
        return PoliteFetcher(
            throttle: HostThrottle(clock: clock, defaultDelay: delay), retry: retry, robots: robots,
            now: { RetryTests.now }, transport: transport ?? { try await fetcher.exchange($0) })
    }

    @Test(.timeLimit(.minutes(1))) func aSameHostRedirectWaitsTheDelay() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("robots.txt", "User-agent: *\nDisallow: /abonnes/\n")
        try server.write("articles/1.html", "<p>article</p>")
        try server.route("/a/1", .redirect(to: "/articles/1.html", status: 301))
        let clock = ManualClock()
        let polite = Self.polite(clock, delay: .seconds(1))
        let fetch = Task { try await polite.fetch(FetchRequest(url: server.url("/a/1"), purpose: .page)) }
        // robots.txt is a request: the short link waits the gap after it…
        await clock.waitForSleepers(1)
        #expect(server.requests().map(\.path) == ["/robots.txt"])
        clock.advance(by: .seconds(1))
        // …and the redirect target waits the gap after the short link's 301.
        await clock.waitForSleepers(1)
        #expect(server.requests().map(\.path) == ["/robots.txt", "/a/1"])
        clock.advance(by: .milliseconds(999))
        #expect(clock.sleeperCount == 1)
        #expect(server.requests().count == 2)
        clock.advance(by: .milliseconds(1))
        let response = try await fetch.value
        #expect(response.status == 200 && response.redirects == 1)
        #expect(response.finalURL == server.url("/articles/1.html"))
        #expect(server.requests().map(\.path) == ["/robots.txt", "/a/1", "/articles/1.html"])
        #expect(server.peakConcurrency == 1)
    }

    @Test(.timeLimit(.minutes(1))) func aCrossHostRedirectTakesTheSecondHostsPermitAndHonoursItsRetryAfter()
        async throws
    {
        let first = try await TestHTTPServer.start()
        defer { first.stop() }
        let second = try await TestHTTPServer.start(bind: "127.0.0.2")
        defer { second.stop() }
        try first.route("/a/1", .redirect(to: second.url("/articles/1.html")))
        try second.write("articles/1.html", "<p>article</p>")
        try second.route("/articles/1.html", .status(503, headers: ["Retry-After": "30"]))
        let clock = ManualClock()
        let polite = Self.polite(clock, delay: .zero, retry: RetryPolicy(maxTries: 1))
        let secondHost = "127.0.0.2"

        // The second host's permit is held elsewhere: the hop into it waits, the first host is not held.
        try await polite.throttle.acquire(host: secondHost)
        let held = Task { try await polite.fetch(FetchRequest(url: first.url("/a/1"), purpose: .page)) }
        while await polite.throttle.queued(host: secondHost) < 1 { await Task.yield() }
        #expect(first.requests().map(\.path) == ["/robots.txt", "/a/1"])
        #expect(second.requests().isEmpty)
        await polite.throttle.release(host: secondHost)
        let busy = try await held.value
        #expect(busy.status == 503 && busy.finalURL == second.url("/articles/1.html"))
        #expect(second.requests().map(\.path) == ["/robots.txt", "/articles/1.html"])

        // Its Retry-After paused the second host, not the first: the short link is requested at once, the
        // hop into the paused host waits the 30 s.
        try second.route("/articles/1.html", nil)
        let again = Task { try await polite.fetch(FetchRequest(url: first.url("/a/1"), purpose: .page)) }
        await clock.waitForSleepers(1)
        #expect(first.requests(path: "/a/1").count == 2)
        clock.advance(by: .seconds(29))
        #expect(clock.sleeperCount == 1)
        #expect(second.requests(path: "/articles/1.html").count == 1)
        clock.advance(by: .seconds(1))
        #expect(try await again.value.status == 200)
        #expect(second.requests(path: "/articles/1.html").count == 2)
        #expect(second.requests(path: "/robots.txt").count == 1)
    }

    @Test func aRedirectIntoADisallowedPathIsNotRequestedAndReportedAsBlocked() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("robots.txt", "User-agent: *\nDisallow: /abonnes/\n")
        try server.write("abonnes/7.html", "<p>réservé</p>")
        try server.route("/a/7", .redirect(to: "/abonnes/7.html", status: 301))
        let polite = Self.polite(ManualClock(), delay: .zero)
        let short = server.url("/a/7")
        await #expect(
            throws: FetchError.disallowedByRobots(url: short, redirect: server.url("/abonnes/7.html"))
        ) {
            try await polite.fetch(FetchRequest(url: short, purpose: .page))
        }
        #expect(server.requests().map(\.path) == ["/robots.txt", "/a/7"])
        let error = FetchError.disallowedByRobots(url: short, redirect: server.url("/abonnes/7.html"))
        #expect(
            error.description == "fetch \(short): redirect to \(server.url("/abonnes/7.html")): blocked by robots.txt")
    }

    /// The response takes 300 ms (the manual clock follows the transfer's own time): the next request to
    /// the host waits the delay from the end of that response, not from its start.
    @Test(.timeLimit(.minutes(1))) func theGapCountsFromTheEndOfASlowResponse() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("slow.xml", "<rss/>")
        try server.write("next.xml", "<rss/>")
        try server.route("/slow.xml", .delayed(0.3))
        let clock = ManualClock()
        let fetcher = Fetcher(userAgent: "veille/test")
        let polite = Self.polite(clock, delay: .seconds(1), robots: false) { request in
            let response = try await fetcher.exchange(request)
            clock.advance(by: .milliseconds(Int64((response.duration * 1000).rounded(.up))))
            return response
        }
        let slow = try await polite.fetch(FetchRequest(url: server.url("/slow.xml")))
        let took = clock.now.offset
        #expect(slow.duration >= 0.3 && took >= .milliseconds(300))
        let next = Task {
            _ = try await polite.fetch(FetchRequest(url: server.url("/next.xml")))
            return clock.now
        }
        await clock.waitForSleepers(1)
        // One second after the slow request started, the host has not had its gap yet.
        clock.advance(by: .seconds(1) - took)
        #expect(clock.sleeperCount == 1)
        #expect(server.requests(path: "/next.xml").isEmpty)
        clock.advance(by: took)
        _ = try await next.value
        #expect(server.requests().map(\.path) == ["/slow.xml", "/next.xml"])
    }

    /// The same, as the server's own clock sees it: the server logs a request when it starts answering
    /// (after the 300 ms), so the next request arrives at least the delay after that.
    @Test func theServerSeesTheGapAfterTheSlowResponse() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("slow.xml", "<rss/>")
        try server.write("next.xml", "<rss/>")
        try server.route("/slow.xml", .delayed(0.3))
        let polite = PoliteFetcher(fetcher: Fetcher(userAgent: "veille/test"), defaultDelay: 0.2, robots: false)
        async let a = polite.fetch(FetchRequest(url: server.url("/slow.xml")))
        try await Task.sleep(nanoseconds: 20_000_000)
        async let b = polite.fetch(FetchRequest(url: server.url("/next.xml")))
        _ = try await (a, b)
        let log = server.requests()
        #expect(log.map(\.path) == ["/slow.xml", "/next.xml"])
        #expect(log[1].time - log[0].time >= 0.2)
    }
}
