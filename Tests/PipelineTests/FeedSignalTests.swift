import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The feed as a change signal for article pages, over a loopback mirror and several nights
/// on a fixed clock: a feed entry that changes (text, summary, `updated`, title) has its page fetched
/// again the same night with a conditional GET, and only a changed article is a `changed` delta; without a
/// signal, only linked items' pages are re-checked (daily), and other pages cost no request at all.
@Suite struct FeedSignalTests {
    /// One entry of the mirror's feed; the page is `/articles/<n>.html`. Written by hand for these tests.
    struct Entry {
        var n: Int
        var title = "Campagne de désinformation : le rapport"
        var summary = "Un rapport décrit une campagne coordonnée."
        var content: String?
        var updated = "2026-12-01T08:00:00Z"
    }

    /// RSS 2.0, with `content:encoded` when an entry has content.
    static func rss(_ base: String, _ entries: [Entry]) -> String {
        let items = entries.map { e in
            "<item><title>\(e.title)</title><guid isPermaLink=\"false\">art-\(e.n)</guid>"
                + "<link>\(base)/articles/\(e.n).html</link><description>\(e.summary)</description>"
                + (e.content.map { "<content:encoded><![CDATA[<p>\($0)</p>]]></content:encoded>" } ?? "") + "</item>"
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title>Le Journal</title><link>\(base)/</link>
            \(items.joined(separator: "\n"))
            </channel></rss>
            """
    }

    /// Atom 1.0, with each entry's `updated` date.
    static func atom(_ base: String, _ entries: [Entry]) -> String {
        let items = entries.map { e in
            "<entry><id>urn:journal:art-\(e.n)</id><title>\(e.title)</title>"
                + "<link href=\"\(base)/articles/\(e.n).html\"/><updated>\(e.updated)</updated>"
                + "<summary>\(e.summary)</summary></entry>"
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Le Journal</title><id>urn:journal</id>
            <updated>2026-12-01T08:00:00Z</updated>
            \(items.joined(separator: "\n"))
            </feed>
            """
    }

    /// A file digest in JSON listing every delta (the words removed and added of a `changed` one); with the
    /// watchlist, items linked to the actor `azerbaijan` are listed too.
    static func digestsYAML(watchlist: Bool) -> String {
        """
        digests:
          - id: archive
            channel: file
            format: json
            unmatched: true
            quiet: false
        \(watchlist ? "    actors: [azerbaijan]\n" : "")
        """
    }

    /// A world with one `articles: true` source on the mirror (no gap between requests to loopback).
    static func world(path: String = "/feed.xml", watchlist: Bool = false) async throws -> PipelineWorld {
        let w = try await PipelineWorld()
        try Hostile.configure(
            w, [Hostile.feed(w, id: "journal", path: path, more: "articles: true\nrecheck: 7d")])
        try digestsYAML(watchlist: watchlist).write(
            to: w.config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        if watchlist {
            try FileManager.default.copyItem(
                at: PipelineWorld.fixture("watchlist.yaml"), to: w.config.appendingPathComponent("watchlist.yaml"))
        }
        return w
    }

    static let night = 86_400.0

    /// The deltas of a night's run, as (kind, guid).
    static func deltas(_ w: PipelineWorld, _ report: RunReport) throws -> [String] {
        try w.store().deltas(.run(report.runID)).map { "\($0.kind) \($0.guid ?? "?")" }
    }

    /// The `change` object of the digest JSON's item for `guid`, in the digest written by `report`.
    static func change(_ report: RunReport, guid: String) throws -> [String: String] {
        let path = try #require(report.digestPaths.first { $0.hasSuffix(".json") })
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        for section in (object["sections"] as? [[String: Any]]) ?? [] {
            for item in (section["items"] as? [[String: Any]]) ?? [] {
                guard (item["item"] as? [String: Any])?["guid"] as? String == guid else { continue }
                return ((item["change"] as? [String: Any]) ?? [:]).compactMapValues { $0 as? String }
            }
        }
        Issue.record("no item \(guid) in \(path)")
        return [:]
    }

    static func storedSummary(_ w: PipelineWorld, guid: String) throws -> String? {
        try Hostile.query(w.db, "SELECT summary FROM item WHERE guid = '\(guid)'").first?[0] ?? nil
    }

    static let update = "Mise à jour, 10h48 : le ministère a confirmé la suspension de quarante comptes."

    // (a)
    @Test func aSummaryEditWithABodyEditIsOneChangedWithItsWords() async throws {
        let w = try await Self.world()
        var entry = Entry(n: 1)
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body))
        let t0 = Date()
        #expect(try Self.deltas(w, try await w.run(now: t0)) == ["new art-1"])

        entry.summary = "Un rapport décrit une campagne coordonnée. Mise à jour : quarante comptes suspendus."
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body + [Self.update]))
        let second = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, second) == ["changed art-1"])
        #expect(second.outcomes.first?.changedCount == 1)
        let change = try Self.change(second, guid: "art-1")
        #expect(change["added"] == Self.update)
        #expect(change["removed"] == nil)
        let pages = w.server.requests(path: "/articles/1.html")
        #expect(pages.map(\.status) == [200, 200])
        #expect(pages.last?.isConditional == true)
        // The new summary is stored; the item's text is the new article, not the feed's summary.
        #expect(try Self.storedSummary(w, guid: "art-1") == entry.summary)
        #expect(try w.store().search("suspension").count == 1)
        #expect(try w.store().search("suspendus").isEmpty)

        // The next night nothing moves: no delta, and no request for the page.
        let third = try await w.run(now: t0.addingTimeInterval(2 * Self.night))
        #expect(try Self.deltas(w, third).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").count == 2)
    }

    // (b)
    @Test func aFullTextFeedsEditedBodyIsOneChanged() async throws {
        let w = try await Self.world()
        let figures = "Le rapport recense 12 000 comptes inauthentiques actifs depuis 2023."
        var entry = Entry(n: 1, content: ArticleStageTests.body.joined(separator: " ") + " " + figures)
        var page = ArticleStageTests.body + [figures]
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry, Entry(n: 2)]))
        try w.server.write("articles/1.html", ArticleStageTests.page(page))
        try w.server.write("articles/2.html", ArticleStageTests.page(ArticleStageTests.body.reversed()))
        let t0 = Date()
        _ = try await w.run(now: t0)

        // Only the body in `content:encoded` changes (the description and the title stay): a figure corrected.
        let corrected = "Le rapport recense 1 200 comptes inauthentiques actifs depuis 2023."
        entry.content = ArticleStageTests.body.joined(separator: " ") + " " + corrected
        page[page.count - 1] = corrected
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry, Entry(n: 2)]))
        try w.server.write("articles/1.html", ArticleStageTests.page(page))
        let second = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, second) == ["changed art-1"])
        let change = try Self.change(second, guid: "art-1")
        #expect(change["removed"] == "12 000")
        #expect(change["added"] == "1 200")
        #expect(change["title_was"] == nil)
        // The unchanged entry's page was not asked for again.
        #expect(w.server.requests(path: "/articles/2.html").count == 1)
        #expect(w.server.requests(path: "/articles/1.html").count == 2)
    }

    // (c)
    @Test func aMovedUpdatedDateIsAConditionalRequestAndNoDelta() async throws {
        let w = try await Self.world(path: "/feed.atom")
        var entry = Entry(n: 1)
        try w.server.write("feed.atom", Self.atom(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body))
        let t0 = Date()
        _ = try await w.run(now: t0)

        // `updated` moves, nothing else: a conditional GET, answered 304, and no delta.
        entry.updated = "2026-12-02T09:30:00Z"
        try w.server.write("feed.atom", Self.atom(w.server.baseURL, [entry]))
        let second = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, second).isEmpty)
        let afterSecond = w.server.requests(path: "/articles/1.html")
        #expect(afterSecond.map(\.status) == [200, 304])
        #expect(afterSecond.last?.isConditional == true)

        // It moves again while only the page's furniture changed: 200, the same article text, no delta.
        entry.updated = "2026-12-03T07:15:00Z"
        try w.server.write("feed.atom", Self.atom(w.server.baseURL, [entry]))
        try w.server.write(
            "articles/1.html",
            ArticleStageTests.page(ArticleStageTests.body).replacingOccurrences(
                of: "Mentions légales", with: "Mentions légales — Nous écrire"))
        let third = try await w.run(now: t0.addingTimeInterval(2 * Self.night))
        #expect(try Self.deltas(w, third).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 304, 200])

        // The same `updated` again: no signal, no request.
        _ = try await w.run(now: t0.addingTimeInterval(3 * Self.night))
        #expect(w.server.requests(path: "/articles/1.html").count == 3)
    }

    // (d)
    @Test func aLinkedItemEditedWithoutSignalIsChangedAtTheNextDailyRecheck() async throws {
        let w = try await Self.world(watchlist: true)
        let linked =
            ArticleStageTests.body + ["Plusieurs de ces comptes avaient déjà relayé des contenus favorables à Bakou."]
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [Entry(n: 1)]))
        try w.server.write("articles/1.html", ArticleStageTests.page(linked))
        let t0 = Date()
        _ = try await w.run(now: t0)
        #expect(try w.store().deltas(.since(.distantPast)).first?.actors == ["azerbaijan"])

        // A stealth edit; the feed says nothing (it answers 304). Twelve hours later the re-check is not due.
        try w.server.write("articles/1.html", ArticleStageTests.page(linked + [Self.update]))
        let early = try await w.run(now: t0.addingTimeInterval(Self.night / 2))
        #expect(try Self.deltas(w, early).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").count == 1)

        // The next day's re-check finds it.
        let next = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(w.server.requests(path: "/feed.xml").last?.status == 304)
        #expect(try Self.deltas(w, next) == ["changed art-1"])
        #expect(try Self.change(next, guid: "art-1")["added"] == Self.update)
    }

    // (e)
    @Test func anUnlinkedItemWithoutSignalCostsNoRequest() async throws {
        let w = try await Self.world()
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [Entry(n: 1)]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body))
        let t0 = Date()
        _ = try await w.run(now: t0)
        // The page is edited behind the feed's back, night after night; the feed does not change.
        for night in 1...3 {
            try w.server.write(
                "articles/1.html", ArticleStageTests.page(ArticleStageTests.body + ["Ajout de la nuit \(night)."]))
            let report = try await w.run(now: t0.addingTimeInterval(Double(night) * Self.night))
            #expect(try Self.deltas(w, report).isEmpty)
        }
        // The server's log: the feed asked for each night, the page once, on the first night.
        #expect(w.server.requests(path: "/feed.xml").map(\.status) == [200, 304, 304, 304])
        #expect(w.server.requests(path: "/articles/1.html").count == 1)
        #expect(w.server.requests().filter { $0.path.hasPrefix("/articles/") }.count == 1)
    }

    @Test func aTitleEditWithABodyEditIsOneChangedWithBoth() async throws {
        let w = try await Self.world()
        var entry = Entry(n: 1)
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body))
        let t0 = Date()
        _ = try await w.run(now: t0)

        entry.title = "Campagne de désinformation : le rapport (mis à jour)"
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write(
            "articles/1.html", ArticleStageTests.page(ArticleStageTests.body + [Self.update], title: entry.title))
        let second = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, second) == ["changed art-1"])
        #expect(second.outcomes.first?.changedCount == 1)
        let change = try Self.change(second, guid: "art-1")
        #expect(change["title_was"] == "Campagne de désinformation : le rapport")
        #expect(change["added"] == Self.update)
    }

    @Test func aSignaledPageThatFailsIsRetriedAndTheArticleStays() async throws {
        let w = try await Self.world()
        var entry = Entry(n: 1)
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body))
        let t0 = Date()
        _ = try await w.run(now: t0)

        // The summary changes and the page answers 403 that night (not retried within a run).
        entry.summary = "Mise à jour : quarante comptes suspendus."
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(ArticleStageTests.body + [Self.update]))
        try w.server.route("/articles/1.html", .status(403))
        let failed = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, failed).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 403])
        // The feed's text did not replace the article.
        #expect(try w.store().search("inauthentiques").count == 1)

        // The next night the feed is unchanged (304) and the page answers: the edit is found.
        try w.server.route("/articles/1.html", nil)
        let retried = try await w.run(now: t0.addingTimeInterval(2 * Self.night))
        #expect(w.server.requests(path: "/feed.xml").last?.status == 304)
        #expect(try Self.deltas(w, retried) == ["changed art-1"])
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 403, 200])
        // Answered: no further request.
        _ = try await w.run(now: t0.addingTimeInterval(3 * Self.night))
        #expect(w.server.requests(path: "/articles/1.html").count == 3)
    }

    @Test func anItemWhosePageWasGivenUpOnTakesTheFeedsEdits() async throws {
        let w = try await Self.world()
        var entry = Entry(n: 1)
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.route("/articles/1.html", .status(403))
        let t0 = Date()
        for night in 0..<3 { _ = try await w.run(now: t0.addingTimeInterval(Double(night) * Self.night)) }
        #expect(try Hostile.query(w.db, "SELECT state FROM article") == [["gave-up"]])

        // No article will come: the feed's text is the item's, and its edit is a change (no page request).
        entry.summary = "Un rapport décrit une campagne coordonnée. Elle visait le débat public."
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        let edited = try await w.run(now: t0.addingTimeInterval(3 * Self.night))
        #expect(try Self.deltas(w, edited) == ["changed art-1"])
        #expect(try Self.change(edited, guid: "art-1")["added"] == "Elle visait le débat public.")
        #expect(w.server.requests(path: "/articles/1.html").count == 3)
    }

    /// The issue's mock press in small: on a full-text feed, title-only edits and body-only edits are all seen,
    /// each at the cost of one conditional request, and the unchanged entry costs none.
    @Test func everyEditOfANightIsSeenAndOnlyChangedEntriesCostARequest() async throws {
        let w = try await Self.world()
        let paragraphs = (1...6).map { ArticleStageTests.body + ["Détail propre à l'article \($0)."] }
        var entries = (1...6).map { n in
            Entry(n: n, title: "Article \(n) du journal", content: paragraphs[n - 1].joined(separator: " "))
        }
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, entries))
        for n in 1...6 { try w.server.write("articles/\(n).html", ArticleStageTests.page(paragraphs[n - 1])) }
        let t0 = Date()
        _ = try await w.run(now: t0)

        for n in [1, 2] { entries[n - 1].title += " (titre corrigé)" }
        for n in [3, 4, 5] {
            let edited = paragraphs[n - 1] + [Self.update]
            entries[n - 1].content = edited.joined(separator: " ")
            try w.server.write("articles/\(n).html", ArticleStageTests.page(edited))
        }
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, entries))
        let before = w.server.requests().count
        let second = try await w.run(now: t0.addingTimeInterval(Self.night))
        #expect(try Self.deltas(w, second) == (1...5).map { "changed art-\($0)" })
        #expect(second.outcomes.first?.changedCount == 5)
        let pages = w.server.requests().dropFirst(before).filter { $0.path.hasPrefix("/articles/") }
        #expect(pages.map(\.path).sorted() == (1...5).map { "/articles/\($0).html" })
        #expect(pages.allSatisfy { $0.isConditional })
        #expect(pages.filter { $0.status == 304 }.map(\.path).sorted() == ["/articles/1.html", "/articles/2.html"])
        for n in [3, 4, 5] {
            let change = try Self.change(second, guid: "art-\(n)")
            #expect(change["added"] == Self.update)
        }
    }

    /// A linked item's page that fails on its feed signal is not asked for again by the daily re-check of
    /// the same night; the signal is tried again the next night.
    @Test func aLinkedSignaledPageThatFailsIsAskedForOncePerNight() async throws {
        let w = try await Self.world(watchlist: true)
        let linked =
            ArticleStageTests.body + ["Plusieurs de ces comptes avaient déjà relayé des contenus favorables à Bakou."]
        var entry = Entry(n: 1)
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(linked))
        let t0 = Date()
        _ = try await w.run(now: t0)

        entry.summary = "Mise à jour : quarante comptes suspendus."
        try w.server.write("feed.xml", Self.rss(w.server.baseURL, [entry]))
        try w.server.write("articles/1.html", ArticleStageTests.page(linked + [Self.update]))
        try w.server.route("/articles/1.html", .status(403))
        let failed = try await w.run(now: t0.addingTimeInterval(2 * Self.night))
        #expect(try Self.deltas(w, failed).isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 403])

        try w.server.route("/articles/1.html", nil)
        let retried = try await w.run(now: t0.addingTimeInterval(3 * Self.night))
        #expect(try Self.deltas(w, retried) == ["changed art-1"])
        #expect(w.server.requests(path: "/articles/1.html").map(\.status) == [200, 403, 200])
    }
}
