import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The article stage over the loopback server: pages fetched and extracted, retries, re-checks of linked
/// items (stealth edits and takedowns) and evidence.
@Suite struct ArticleStageTests {
    /// A news page, written by hand for these tests, with page furniture around the article.
    static func page(_ paragraphs: [String], title: String = "Campagne de désinformation : le rapport") -> String {
        """
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>\(title) - Le Journal</title>
        <meta property="og:title" content="\(title)"></head><body>
        <nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/politique">Politique</a></nav>
        <article><h1>\(title)</h1><p class="byline">Par Jeanne Martin</p>
        \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        </article>
        <aside><h2>À lire aussi</h2><ul><li><a href="/a">Autre chose</a></li><li><a href="/b">Encore autre chose</a></li></ul></aside>
        <footer>© Le Journal — Mentions légales — Contact</footer></body></html>
        """
    }

    static let body = [
        "Le service de vigilance a publié mardi un rapport détaillant une campagne coordonnée de comptes inauthentiques visant le débat public français, avec des visuels et des vidéos relayés par des centaines de comptes.",
        "Selon le document, les contenus ont été diffusés en plusieurs langues et amplifiés par des réseaux de sites miroirs, dont certains imitaient des médias existants pour tromper les lecteurs.",
        "Les auteurs du rapport recommandent une vigilance accrue à l'approche des échéances électorales et appellent les plateformes à retirer les comptes identifiés.",
    ]

    static func feed(
        _ base: String, summary: String = "Un résumé court.", title: String = "Campagne de désinformation : le rapport"
    ) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Le Journal</title><link>\(base)/</link>
        <item><title>\(title)</title><guid>art-1</guid><link>\(base)/articles/1.html</link><description>\(summary)</description></item>
        </channel></rss>
        """
    }

    func world() async throws -> PipelineWorld {
        let w = try await PipelineWorld()
        try w.configure(
            [],
            extra:
                "  - id: journal\n    url: \(w.server.url("/feed.xml"))\n    articles: true\n    recheck: 7d\n    timeout: 5s\n"
        )
        try w.server.write("feed.xml", Self.feed(w.server.baseURL))
        return w
    }

    func item(_ w: PipelineWorld) throws -> DeltaExport {
        try #require(try w.store().deltas(.since(.distantPast)).first { $0.guid == "art-1" })
    }

    @Test func theArticleReplacesTheSummaryWithoutADelta() async throws {
        let w = try await world()
        try w.server.write("articles/1.html", Self.page(Self.body))
        let first = try await w.run()
        #expect(first.outcomes.first?.status == .ok)
        let deltas = try w.store().deltas(.run(first.runID))
        #expect(deltas.map(\.kind) == [.new])
        let text = try #require(try w.store().search("inauthentiques").first)
        #expect(text.title == "Campagne de désinformation : le rapport")
        #expect(try w.store().search("Mentions légales").isEmpty)

        // A summary edit fetches the page again (conditional GET): unchanged, no delta; title edits count.
        try w.server.write("feed.xml", Self.feed(w.server.baseURL, summary: "Un autre résumé."))
        #expect(try w.store().deltas(.run(try await w.run().runID)).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 304])
        try w.server.write(
            "feed.xml", Self.feed(w.server.baseURL, summary: "Un autre résumé.", title: "Le rapport, corrigé"))
        #expect(try w.store().deltas(.run(try await w.run().runID)).map(\.kind) == [.changed])
        #expect(try w.store().search("inauthentiques").count == 1)
    }

    @Test func aFailingPageIsRetriedThreeTimesAndTheItemKeepsItsSummary() async throws {
        let w = try await world()
        // A 403: not retried within a run (a 5xx would be, by the polite fetcher), so each run is one try.
        try w.server.route("/articles/1.html", .status(403))
        for _ in 0..<4 { _ = try await w.run() }
        #expect(w.server.requests(path: "/articles/1.html").count == 3)
        #expect(try w.store().search("résumé").count == 1)
    }

    @Test func linkedPagesAreRecheckedForStealthEditsAndTakedowns() async throws {
        let w = try await world()
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"),
            to: w.config.appendingPathComponent("watchlist.yaml"))
        var linkedBody = Self.body
        linkedBody.append("Plusieurs de ces comptes avaient déjà relayé des contenus favorables à Bakou.")
        try w.server.write("articles/1.html", Self.page(linkedBody))
        let t0 = Date()
        _ = try await w.run(now: t0)
        let id = try item(w).itemID
        #expect(try item(w).actors == ["azerbaijan"])

        // Unchanged page a day later: a conditional GET answered 304, no delta.
        _ = try await w.run(now: t0.addingTimeInterval(86_400))
        #expect(w.server.requests(path: "/articles/1.html").last?.status == 304)

        // A stealth edit: a changed delta with both revisions.
        var edited = linkedBody
        edited[1] =
            "Selon le document, les contenus ont été diffusés en plusieurs langues ; le passage sur les sites miroirs a été retiré."
        try w.server.write("articles/1.html", Self.page(edited))
        let editRun = try await w.run(now: t0.addingTimeInterval(2 * 86_400))
        let change = try #require(try w.store().deltas(.run(editRun.runID)).first)
        #expect(change.kind == .changed)
        #expect(change.previousText?.contains("sites miroirs, dont certains") == true)
        #expect(change.text?.contains("a été retiré") == true)
        let evidence = try w.store().evidence(item: id)
        #expect(evidence.count == 2)
        #expect(evidence.allSatisfy { !$0.raw.isEmpty && $0.sha256.count == 64 })

        // A takedown: removed, once.
        try w.server.remove("articles/1.html")
        let removedRun = try await w.run(now: t0.addingTimeInterval(3 * 86_400))
        #expect(try w.store().deltas(.run(removedRun.runID)).map(\.kind) == [.removed])
        #expect(try w.store().deltas(.run(try await w.run(now: t0.addingTimeInterval(4 * 86_400)).runID)).isEmpty)
    }

    @Test func unlinkedPagesAreNeverRecheckedAndKeepNoEvidence() async throws {
        let w = try await world()
        try w.server.write("articles/1.html", Self.page(Self.body))
        let t0 = Date()
        _ = try await w.run(now: t0)
        _ = try await w.run(now: t0.addingTimeInterval(86_400))
        #expect(w.server.requests(path: "/articles/1.html").count == 1)
        #expect(try w.store().evidence(item: try item(w).itemID).isEmpty)
    }

    @Test func articleLinksToPrivateAddressesAreRefused() async throws {
        // A public-looking source name mapped to loopback: content links to another name are refused.
        let w = try await PipelineWorld()
        let feedURL = w.server.url("/feed.xml", host: "news.example")
        try w.server.write("feed.xml", Self.feed("http://intranet.example:\(w.server.port)"))
        try w.server.write("articles/1.html", Self.page(Self.body))
        try w.configure([], extra: "  - id: journal\n    url: \(feedURL)\n    articles: true\n    timeout: 5s\n")
        var options = w.options()
        options.resolve = [w.server.resolveEntry(for: "news.example"), w.server.resolveEntry(for: "intranet.example")]
        let report = try await NightlyRun(options: options).run()
        #expect(report.outcomes.first?.status == .ok)
        #expect(w.server.requests(path: "/articles/1.html").isEmpty)
        #expect(try w.store().search("inauthentiques").isEmpty)
    }
}
