import Foundation
import TestSupport
import Testing

@testable import Fetching

/// The address policy proven over a real server: public-looking names mapped to 127.0.0.1.
struct FetcherAddressPolicyTests {
    @Test func sourceIsFetchedButWhatItLeadsToIsRefused() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let source = server.url("/feed.xml", host: "feeds.example")
        let link = server.url("/admin", host: "intranet.example")
        try server.write("feed.xml", "<rss><item><link>\(link)</link></item></rss>")
        try server.write("admin", "secret")
        let fetcher = Fetcher(
            userAgent: "veille/test",
            resolve: [server.resolveEntry(for: "feeds.example"), server.resolveEntry(for: "intranet.example")])

        let feed = try await fetcher.fetch(FetchRequest(url: source, trust: .operatorURL))
        #expect(feed.status == 200)
        await #expect(throws: FetchError.refused(url: link, reason: "127.0.0.1 is loopback")) {
            try await fetcher.fetch(FetchRequest(url: link, trust: .content(origin: source)))
        }
        #expect(server.requests().map(\.hostName) == ["feeds.example"])
    }

    @Test func redirectFromAnOperatorURLIsContent() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let source = server.url("/feed.xml", host: "feeds.example")
        let target = server.url("/admin", host: "intranet.example")
        try server.route("feeds.example/feed.xml", .redirect(to: target))
        let fetcher = Fetcher(
            userAgent: "veille/test",
            resolve: [server.resolveEntry(for: "feeds.example"), server.resolveEntry(for: "intranet.example")])
        await #expect(throws: FetchError.refused(url: source, reason: "redirect to \(target): 127.0.0.1 is loopback")) {
            try await fetcher.fetch(FetchRequest(url: source))
        }
        #expect(server.requests().map(\.hostName) == ["feeds.example"])
    }

    @Test func aLocalSourceLeadsToLoopbackOnly() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("page.html", "<p>ok</p>")
        let origin = server.url("/feed.xml")
        let page = try await Fetcher(userAgent: "veille/test")
            .fetch(FetchRequest(url: server.url("/page.html"), trust: .content(origin: origin)))
        #expect(page.status == 200)
        #expect(AddressPolicy.isLocalOrigin(server.url("/feed.xml", host: "localhost")))
    }
}
