import Foundation
import TestSupport
import Testing

@testable import Fetching

/// Links and redirects from a public-looking source to internal addresses in every spelling: never
/// fetched. These put link-local, private and metadata addresses in front of the crawler, so they run
/// only inside a loopback-only network namespace:
/// `unshare -rn sh -c 'ip link set lo up; swift test --skip-build --filter HostileAddressTests'`.
@Suite(.enabled(if: NetworkIsolation.isLoopbackOnly, "needs a loopback-only network namespace (unshare -rn)"))
struct HostileAddressTests {
    /// Target host (with `PORT` replaced by the server's port) and the reason it is refused.
    static let targets: [(String, String)] = [
        ("169.254.169.254", "169.254.169.254 is link-local"),
        ("2852039166", "169.254.169.254 is link-local"),
        ("0xa9fea9fe", "169.254.169.254 is link-local"),
        ("0251.0376.0251.0376", "169.254.169.254 is link-local"),
        ("169.254.43518", "169.254.169.254 is link-local"),
        ("[::ffff:169.254.169.254]", "::ffff:169.254.169.254 is link-local"),
        ("[fe80::1]", "fe80::1 is link-local"),
        ("metadata.example", "169.254.169.254 is link-local"),
        ("10.0.0.1", "10.0.0.1 is private"),
        ("192.168.1.1", "192.168.1.1 is private"),
        ("172.16.5.4", "172.16.5.4 is private"),
        ("100.64.0.1", "100.64.0.1 is private"),
        ("[fd00:ec2::254]", "fd00:ec2::254 is private"),
        ("127.0.0.1", "127.0.0.1 is loopback"),
        ("127.0.0.2", "127.0.0.2 is loopback"),
        ("[::1]", "::1 is loopback"),
        ("0.0.0.0", "0.0.0.0 is unspecified"),
        ("[::]", ":: is unspecified"),
    ]

    @Test(arguments: targets)
    func contentLinksAreRefused(_ host: String, _ reason: String) async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", "<rss/>")
        let source = server.url("/feed.xml", host: "feeds.example")
        let fetcher = Fetcher(
            userAgent: "veille/test",
            resolve: [
                server.resolveEntry(for: "feeds.example"), "metadata.example:\(server.port):169.254.169.254",
            ])
        #expect(try await fetcher.fetch(FetchRequest(url: source)).status == 200)
        let link = "http://\(host):\(server.port)/latest/meta-data/"
        await #expect(throws: FetchError.refused(url: link, reason: reason)) {
            try await fetcher.fetch(FetchRequest(url: link, timeout: 3, trust: .content(origin: source)))
        }
    }

    @Test(arguments: targets)
    func redirectsAreRefused(_ host: String, _ reason: String) async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let source = server.url("/feed.xml", host: "feeds.example")
        let target = "http://\(host):\(server.port)/latest/meta-data/"
        try server.route("/feed.xml", .redirect(to: target))
        let fetcher = Fetcher(
            userAgent: "veille/test",
            resolve: [
                server.resolveEntry(for: "feeds.example"), "metadata.example:\(server.port):169.254.169.254",
            ])
        let error = await #expect(throws: FetchError.self) {
            try await fetcher.fetch(FetchRequest(url: source, timeout: 3))
        }
        guard case .refused(let url, let why)? = error else {
            Issue.record("not refused: \(String(describing: error))")
            return
        }
        #expect(url == source)
        #expect(why.hasPrefix("redirect to "))
        #expect(why.hasSuffix(": " + reason))
        #expect(server.requests().count == 1)
    }

    @Test(arguments: [
        "file:///etc/passwd", "gopher://127.0.0.1:70/_GET", "dict://127.0.0.1:11211/stats", "ftp://10.0.0.1/",
    ])
    func nonHTTPLinksAreNotFetched(_ link: String) async throws {
        await #expect(throws: FetchError.unsupportedScheme(url: link)) {
            try await Fetcher(userAgent: "veille/test")
                .fetch(FetchRequest(url: link, trust: .content(origin: "https://www.lemonde.fr/rss")))
        }
    }
}
