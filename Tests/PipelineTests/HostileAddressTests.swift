import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The address policy proven through the whole pipeline: a local source (127.0.0.1) whose items link to
/// the metadata address in its spellings, private ranges, `file://` and `gopher://`, and whose feed
/// redirects to the metadata address. The article pages and the redirect are refused, never fetched;
/// the loopback page is fetched. These put internal addresses in front of the crawler, so they run only
/// inside a loopback-only network namespace (`make test` runs `--filter HostileAddressTests` there):
/// `unshare -rn sh -c 'ip link set lo up; swift test --skip-build --filter HostileAddressTests'`.
@Suite(.enabled(if: NetworkIsolation.isLoopbackOnly, "needs a loopback-only network namespace (unshare -rn)"))
struct HostileAddressTests {
    /// Item links that must be refused (PORT: the server's), with a word of the refusal.
    static let links: [(String, String)] = [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://2852039166/latest/meta-data/", "link-local"),
        ("http://0xa9fea9fe/latest/meta-data/", "link-local"),
        ("http://[::ffff:169.254.169.254]/latest/meta-data/", "link-local"),
        ("http://10.0.0.1:PORT/page.html", "private"),
        ("http://192.168.1.1:PORT/page.html", "private"),
        ("http://0.0.0.0:PORT/page.html", "unspecified"),
        ("file:///etc/passwd", "http"),
        ("gopher://127.0.0.1:PORT/page.html", "http"),
    ]

    @Test func contentLinksAndRedirectsToInternalAddressesAreRefused() async throws {
        let w = try await PipelineWorld()
        let port = "\(w.server.port)"
        var items = "<item><guid>ok</guid><title>Loopback</title><link>\(w.server.url("/page.html"))</link></item>"
        for (index, link) in Self.links.enumerated() {
            items +=
                "<item><guid>l-\(index)</guid><title>Lien \(index)</title><link>\(link.0.replacingOccurrences(of: "PORT", with: port))</link></item>"
        }
        try w.server.write("feed.xml", "<rss version=\"2.0\"><channel><title>Liens</title>\(items)</channel></rss>")
        try w.server.write(
            "page.html",
            "<html><body><article><p>\(String(repeating: "Une page locale ordinaire, servie en boucle locale. ", count: 8))</p></article></body></html>"
        )
        try w.server.route("/moved.xml", .redirect(to: "http://169.254.169.254/feed.xml"))
        try w.server.route("/moved-decimal.xml", .redirect(to: "http://2852039166/feed.xml", status: 301))
        try Hostile.configure(
            w,
            [
                Hostile.feed(w, id: "links", path: "/feed.xml", more: "articles: true"),
                Hostile.feed(w, id: "moved", path: "/moved.xml"),
                Hostile.feed(w, id: "moved-decimal", path: "/moved-decimal.xml"),
            ])
        let report = try await w.run()
        let outcomes = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.source, $0) })
        #expect(outcomes["links"]?.status == .ok)
        for id in ["moved", "moved-decimal"] {
            #expect(
                outcomes[id]?.status == .failed && outcomes[id]?.error?.contains("link-local") == true,
                "\(id): \(String(describing: outcomes[id]))")
        }
        let rows = try Hostile.query(
            w.db, "SELECT i.guid, a.state, a.lastError FROM item i LEFT JOIN article a ON a.itemId = i.id")
        let byGUID = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] ?? "", $0) })
        #expect(byGUID["ok"]?[1] == "done", "the loopback page of a local source is fetched")
        for (index, link) in Self.links.enumerated() {
            let row = byGUID["l-\(index)"]
            #expect(row?[1] != "done" && row?[2]?.contains(link.1) == true, "\(link.0): \(String(describing: row))")
        }
        // Only loopback requests reached the server; nothing else could have been sent in this namespace.
        #expect(w.server.requests().allSatisfy { !$0.path.contains("meta-data") })
    }
}
