import Foundation
import TestSupport
import Testing

@testable import Fetching

/// Fetching against a real HTTP server on 127.0.0.1, one server per test.
struct FetcherTests {
    static let feed = String(repeating: "<item><title>Un titre répété</title></item>\n", count: 200)

    func fetcher(maxConcurrent: Int = 8, resolve: [String] = []) -> Fetcher {
        Fetcher(
            userAgent: Fetcher.userAgent(version: "0.0-test", contact: "https://example.org/veille"),
            maxConcurrent: maxConcurrent, resolve: resolve)
    }

    @Test func conditionalGetTurnsIntoNotModified() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", Self.feed)
        let fetcher = fetcher()
        let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
        #expect(first.status == 200)
        #expect(first.body == Array(Self.feed.utf8))
        let etag = try #require(first.etag)
        #expect(first.lastModified != nil)
        #expect(first.contentType == "application/xml")

        let second = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/feed.xml"), etag: etag,
                lastModified: first.lastModified))
        #expect(second.notModified)
        #expect(second.body.isEmpty)
        #expect(second.bytesReceived == 0)
        #expect(second.headerBytes > 0)
        let log = server.requests(path: "/feed.xml")
        #expect(log.map(\.status) == [200, 304])
        #expect(log.last?.headers["if-none-match"] == etag)
        #expect(log.last?.headers["if-modified-since"] == first.lastModified)
        #expect(log.first?.headers["user-agent"] == "veille/0.0-test (+https://example.org/veille)")

        try server.write("feed.xml", Self.feed + "<item>new</item>")
        let third = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), etag: etag))
        #expect(third.status == 200)
        #expect(third.etag != etag)
    }

    @Test func lastModifiedAloneGivesNotModified() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", Self.feed, modified: Date(timeIntervalSince1970: 1_700_000_000))
        try server.setDefault("etag", false)
        let first = try await fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        #expect(first.etag == nil)
        #expect(first.lastModified == "Tue, 14 Nov 2023 22:13:20 GMT")
        let second = try await fetcher().fetch(
            FetchRequest(url: server.url("/feed.xml"), lastModified: first.lastModified))
        #expect(second.notModified)
    }

    @Test func gzipIsAskedForAndDecoded() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", Self.feed)
        let response = try await fetcher().fetch(
            FetchRequest(url: server.url("/feed.xml"), accept: "application/rss+xml"))
        #expect(response.body == Array(Self.feed.utf8))
        #expect(response.bytesReceived < response.body.count / 4)
        let request = try #require(server.requests().first)
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(request.headers["accept-encoding"]?.contains("deflate") == true)
        #expect(request.headers["accept"] == "application/rss+xml")
    }

    @Test func redirectIsFollowed() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", "<rss/>")
        try server.route("/old", .redirect(to: "/feed.xml", status: 301))
        let response = try await fetcher().fetch(FetchRequest(url: server.url("/old")))
        #expect(response.status == 200)
        #expect(response.redirects == 1)
        #expect(response.finalURL == server.url("/feed.xml"))
        #expect(response.body == Array("<rss/>".utf8))
    }

    @Test func redirectLoopStopsAtTheLimit() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/a", .redirect(to: "/b"))
        try server.route("/b", .redirect(to: "/a"))
        await #expect(throws: FetchError.tooManyRedirects(url: server.url("/a"), limit: 5)) {
            try await fetcher().fetch(FetchRequest(url: server.url("/a")))
        }
        #expect(server.requests().count == 6)
    }

    @Test(arguments: ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/x"])
    func redirectOutOfHTTPIsRefused(_ target: String) async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/feed.xml", .redirect(to: target))
        let url = server.url("/feed.xml")
        await #expect(
            throws: FetchError.refused(url: url, reason: "redirect to \(target): only http and https are followed")
        ) {
            try await fetcher().fetch(FetchRequest(url: url))
        }
    }

    @Test func onlyHTTPURLsAreFetched() async throws {
        await #expect(throws: FetchError.unsupportedScheme(url: "file:///etc/passwd")) {
            try await fetcher().fetch(FetchRequest(url: "file:///etc/passwd"))
        }
        await #expect(throws: FetchError.invalidURL(url: "no scheme here")) {
            try await fetcher().fetch(FetchRequest(url: "no scheme here"))
        }
    }

    @Test func errorStatusesAreResponses() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/broken", .status(500, body: "oops"))
        try server.route("/busy", .status(503, headers: ["Retry-After": "120"]))
        try server.route("/slow-down", .status(429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]))
        let broken = try await fetcher().fetch(FetchRequest(url: server.url("/broken")))
        #expect(broken.status == 500)
        #expect(broken.body == Array("oops".utf8))
        let busy = try await fetcher().fetch(FetchRequest(url: server.url("/busy")))
        #expect(busy.status == 503)
        #expect(busy.retryAfter == "120")
        let slow = try await fetcher().fetch(FetchRequest(url: server.url("/slow-down")))
        #expect(slow.retryAfter == "Wed, 21 Oct 2015 07:28:00 GMT")
        let missing = try await fetcher().fetch(FetchRequest(url: server.url("/missing.xml")))
        #expect(missing.status == 404)
    }

    @Test func charsetComesFromContentType() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("page.html", "<p>é</p>")
        try server.route("/page.html", .file(contentType: "Text/HTML; charset=\"ISO-8859-1\""))
        let response = try await fetcher().fetch(FetchRequest(url: server.url("/page.html")))
        #expect(response.contentType == "text/html")
        #expect(response.charset == "ISO-8859-1")
    }

    @Test func keepAliveConnectionsAreReusedWithinATrustClass() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", "<rss/>")
        let fetcher = fetcher(maxConcurrent: 1)
        let origin = server.url("/feed.xml")
        _ = try await fetcher.fetch(FetchRequest(url: origin))
        _ = try await fetcher.fetch(FetchRequest(url: origin))
        _ = try await fetcher.fetch(FetchRequest(url: origin, trust: .content(origin: origin)))
        let requests = server.requests()
        let ports = requests.map(\.clientPort)
        // A pool thread keeps its connections while it waits for work, up to its idle timeout. When the
        // test itself was starved longer than that between two requests (parallel suites holding the
        // cooperative threads), the thread and its connection are rightly gone: nothing to assert then.
        let gap = requests[1].time - requests[0].time
        if gap < TransferPool.idleTimeout - 1 {
            #expect(ports[0] == ports[1], "second request \(gap) s after the first")
        }
        // Content never rides a connection opened for an operator URL: its address was never checked.
        #expect(ports[2] != ports[0])
    }

    @Test func linksWithSpacesAndAccentsAreFetched() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("société/un article.html", "<p>ok</p>")
        let response = try await fetcher().fetch(
            FetchRequest(url: "  " + server.url("/société/un article.html#top") + "\n"))
        #expect(response.status == 200)
        #expect(server.requests().first?.path == "/soci%C3%A9t%C3%A9/un%20article.html")
    }
}
