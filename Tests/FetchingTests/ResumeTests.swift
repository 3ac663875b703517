import Foundation
import TestSupport
import Testing

@testable import Fetching

/// The range-capable request: a cut transfer kept with `keepPartial`, then resumed with `Range` + `If-Range`,
/// against a real download server on 127.0.0.1.
struct ResumeTests {
    static let body = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

    func fetcher() -> Fetcher {
        Fetcher(userAgent: Fetcher.userAgent(version: "0.0-test", contact: "https://example.org/veille"))
    }

    @Test func aCutTransferIsKeptThenResumed() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("a.zip", bytes: Self.body)
        try server.route("/a.zip", .download(cutAfter: 10_000, cuts: 1))
        var request = FetchRequest(url: server.url("/a.zip"))
        // Without keepPartial a cut transfer is an error, as before.
        await #expect(throws: FetchError.self) { _ = try await fetcher().fetch(request) }
        try server.route("/a.zip", .download(cutAfter: 10_000, cuts: 2))
        request.keepPartial = true
        let first = try await fetcher().fetch(request)
        #expect(first.status == 200 && first.interrupted != nil)
        #expect(first.body == Array(Self.body.prefix(10_000)))
        let validator = try #require(first.etag)
        request.resume = FetchResume(from: first.body.count, validator: validator)
        let rest = try await fetcher().fetch(request)
        #expect(rest.status == 206 && rest.interrupted == nil)
        #expect(rest.contentRange == "bytes 10000-39999/40000")
        #expect(first.body + rest.body == Self.body)
        let log = server.requests(path: "/a.zip")
        #expect(log.last?.headers["range"] == "bytes=10000-" && log.last?.headers["if-range"] == validator)
        #expect(log.last?.headers["accept-encoding"] == "identity")
    }

    @Test func aChangedResourceComesWholeInsteadOfARange() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("a.zip", bytes: Self.body)
        try server.route("/a.zip", .download())
        var request = FetchRequest(url: server.url("/a.zip"))
        request.resume = FetchResume(from: 5_000, validator: "\"an-old-etag\"")
        let whole = try await fetcher().fetch(request)
        #expect(whole.status == 200 && whole.body == Self.body && whole.contentRange == nil)
    }
}
