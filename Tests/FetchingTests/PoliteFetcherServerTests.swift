import Foundation
import TestSupport
import Testing

@testable import Fetching

/// The polite fetcher over the real fetcher and server: robots.txt fetched once, then obeyed.
struct PoliteFetcherServerTests {
    @Test func robotsTxtIsFetchedOnceAndObeyed() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("robots.txt", "User-agent: veille\nDisallow: /private/\n")
        try server.write("feed.xml", "<rss/>")
        try server.write("private/page.html", "<p>no</p>")
        let polite = PoliteFetcher(fetcher: Fetcher(userAgent: "veille/test"), defaultDelay: 0)
        #expect(try await polite.fetch(FetchRequest(url: server.url("/feed.xml"))).status == 200)
        await #expect(throws: FetchError.disallowedByRobots(url: server.url("/private/page.html"))) {
            try await polite.fetch(FetchRequest(url: server.url("/private/page.html")))
        }
        #expect(server.requests().map(\.path) == ["/robots.txt", "/feed.xml"])
        let stored = await polite.robots?.snapshot()
        #expect(stored?[server.baseURL]?.etag != nil)
    }

    @Test func hugeRobotsTxtIsReadUpToTheCap() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write(
            "robots.txt", "User-agent: *\nDisallow: /private/\n" + String(repeating: "#\n", count: 400_000))
        try server.setDefault("compress", false)
        let polite = PoliteFetcher(fetcher: Fetcher(userAgent: "veille/test"), defaultDelay: 0)
        await #expect(throws: FetchError.disallowedByRobots(url: server.url("/private/x"))) {
            try await polite.fetch(FetchRequest(url: server.url("/private/x")))
        }
    }
}
