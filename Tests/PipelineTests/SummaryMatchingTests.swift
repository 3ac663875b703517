import Foundation
import Matching
import Pipeline
import Storage
import TestSupport
import Testing

/// Issue 24: the feed's summary is matched beside the title and the text, on summary-only and full-text
/// feeds, with and without `articles: true`; `veille rematch` adds the links a store built without it lacks.
@Suite struct SummaryMatchingTests {
    /// An RSS item whose description (the summary) names Bakou; with `content`, a `content:encoded` that
    /// does not (a full-text feed). Written by hand for these tests.
    static func feed(_ base: String, summary: String, content: String? = nil) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Le Journal</title>
        <link>\(base)/</link>
        <item><title>Campagne de désinformation : le rapport</title><guid>art-1</guid><link>\(base)/articles/1.html</link>
        <description>\(summary)</description>\(content.map { "<content:encoded><![CDATA[<p>\($0)</p>]]></content:encoded>" } ?? "")</item>
        </channel></rss>
        """
    }

    static let lead = "Des comptes relayés depuis Bakou ciblent le débat public français."
    static let body =
        "Le rapport décrit des visuels et des vidéos relayés par des centaines de comptes inauthentiques, dans plusieurs langues."

    /// A world with one source (`articles` as given) serving `feed` and an article page without the mention
    /// (or with it, `pageMentions`).
    func world(articles: Bool, content: String?, summary: String = lead, pageMentions: Bool = false) async throws
        -> PipelineWorld
    {
        let w = try await PipelineWorld()
        try w.configure(
            [],
            extra:
                "  - id: journal\n    url: \(w.server.url("/feed.xml"))\n    articles: \(articles)\n    timeout: 5s\n")
        try w.server.write("feed.xml", Self.feed(w.server.baseURL, summary: summary, content: content))
        let page =
            ArticleStageTests.body
            + (pageMentions ? ["Les comptes étaient pilotés depuis Bakou, selon les enquêteurs."] : [])
        try w.server.write("articles/1.html", ArticleStageTests.page(page))
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"), to: w.config.appendingPathComponent("watchlist.yaml"))
        return w
    }

    /// The evidence fields of the item's `azerbaijan` link (nil when not linked).
    func fields(_ w: PipelineWorld) throws -> [String]? {
        let item = try #require(try w.store().deltas(.since(.distantPast)).first { $0.guid == "art-1" })
        guard
            let link = try w.store().links(items: [item.itemID])[item.itemID]?.first(where: {
                $0.entityID == "azerbaijan"
            })
        else { return nil }
        let list = try #require(try JSONSerialization.jsonObject(with: Data(link.evidence.utf8)) as? [[String: Any]])
        for e in list where e["field"] as? String == "summary" {
            #expect(e["found"] as? String == "Bakou")
            let start = try #require(e["start"] as? Int)
            #expect(Self.lead.utf8.dropFirst(start).prefix(5).elementsEqual("Bakou".utf8))
        }
        return list.map { $0["field"] as? String ?? "" }
    }

    @Test(arguments: [false, true])
    func aSummaryOnlyFeedIsLinkedByItsSummary(articles: Bool) async throws {
        let w = try await world(articles: articles, content: nil)
        _ = try await w.run()
        // Without articles the summary is the text (matched once, as the text); with them the article
        // replaced it as the text and the summary is matched on its own.
        #expect(try fields(w) == [articles ? "summary" : "text"])
    }

    @Test(arguments: [false, true])
    func aFullTextFeedIsLinkedByItsSummary(articles: Bool) async throws {
        let w = try await world(articles: articles, content: Self.body)
        _ = try await w.run()
        #expect(try fields(w) == ["summary"])
    }

    @Test func aMentionInTheSummaryAndTheArticleIsOneLinkWithBothPieces() async throws {
        let w = try await world(articles: true, content: nil, pageMentions: true)
        _ = try await w.run()
        #expect(try fields(w) == ["summary", "text"])
        let item = try #require(try w.store().deltas(.since(.distantPast)).first { $0.guid == "art-1" })
        #expect(item.actors == ["azerbaijan"])
    }

    @Test func noMentionAnywhereIsNoLink() async throws {
        let w = try await world(articles: true, content: Self.body, summary: "Un résumé court.")
        _ = try await w.run()
        #expect(try fields(w) == nil)
    }

    /// A store whose links were made from title and text alone (as before issue 24): a rematch adds exactly
    /// the links that only a summary carries, removes none, and records no delta.
    @Test func rematchAddsExactlyTheSummaryLinks() async throws {
        let w = try await world(articles: true, content: nil)
        _ = try await w.run()
        let store = try w.store()
        let stage = try #require(try MatchStage.load(path: w.config.appendingPathComponent("watchlist.yaml").path))
        let items = try store.items(firstSeenSince: nil)
        var old: [Int64: [ItemLink]] = [:]
        for item in items { old[item.id] = stage.links(title: item.title, text: item.text) }
        try store.replaceLinks(old, watchlistHash: stage.compiled.versionHash, at: Date())
        let item = try #require(items.first)
        #expect(try store.links(items: [item.id])[item.id] == nil)
        let deltas = try store.deltas(.since(.distantPast)).count

        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        let run = try CLITests.run(["rematch", "--json"] + common)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.split(separator: "\n").map(String.init)
                == [
                    "{\"change\":\"added\",\"item\":\(item.id),\"entity\":\"azerbaijan\","
                        + "\"title\":\"Campagne de désinformation : le rapport\",\"words\":[\"Bakou\"]}"
                ])
        #expect(try fields(w) == ["summary"])
        #expect(try store.deltas(.since(.distantPast)).count == deltas)
        let again = try CLITests.run(["rematch", "--json"] + common)
        #expect(again.code == 0 && again.stdout.isEmpty)
    }

    /// `rematch` matches on every core: the links come back in item order, as one thread finds them.
    @Test func linksOfManyItemsOnSeveralWorkersAreInItemOrder() throws {
        let stage = try #require(try MatchStage.load(path: PipelineWorld.fixture("watchlist.yaml").path))
        let words = ["Bakou", "rien", "azéri", "#boycottParis2024", "météo", "Azerbaïdjan", "soleil"]
        var items: [MatchableItem] = []
        for i in 0..<300 {
            let text: String = words[(i / 7) % 7] + " et " + words[(i / 49) % 7]
            let summary: String? = i % 3 == 0 ? words[(i + 3) % 7] : nil
            items.append(MatchableItem(id: Int64(i), title: words[i % 7], text: text, summary: summary))
        }
        let one = items.map { stage.links(title: $0.title, summary: $0.summary, text: $0.text) }
        #expect(stage.links(of: items, workers: 4) == one)
        #expect(stage.links(of: items, workers: 1) == one)
        #expect(one.filter { !$0.isEmpty }.count > 100)
    }
}
