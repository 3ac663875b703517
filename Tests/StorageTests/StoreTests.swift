import Foundation
import Testing

@testable import Storage

/// The delta rules (README, "Deltas"), on a real SQLite file.
@Suite struct StoreTests {
    let dir: String
    let store: Store

    init() throws {
        dir = NSTemporaryDirectory() + "veille-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try Store(path: dir + "/v.sqlite")
        try store.syncSources([("feed-a", .feed, "https://example.org/a.xml")])
    }

    func apply(_ items: [IncomingItem], at t: TimeInterval, etag: String? = nil) throws -> ApplyOutcome {
        let at = Date(timeIntervalSince1970: 1_700_000_000 + t)
        let run = try store.beginRun(command: "run", at: at)
        defer { try? store.finishRun(run, status: .completed, summary: nil, at: at) }
        return try store.applyFetch(
            source: "feed-a", run: run, fetch: FetchLog(url: "https://example.org/a.xml", httpStatus: 200, etag: etag),
            items: items, at: at, nextDue: at.addingTimeInterval(3600))
    }

    static let a = IncomingItem(guid: "g-a", url: "https://e.org/a", title: "Titre A", text: "Texte A", textVersion: 1)
    static let b = IncomingItem(guid: "g-b", url: "https://e.org/b", title: "Titre B", text: "Texte B", textVersion: 1)

    @Test func firstCrawlIsABaselineThenNewItemsAreNew() throws {
        let first = try apply([Self.a, Self.b], at: 0)
        #expect(
            first.baseline && first.deltas.count == 2 && first.deltas.allSatisfy { $0.kind == .new && $0.baseline })
        var c = Self.b
        c.guid = "g-c"
        c.url = "https://e.org/c"
        let second = try apply([c, Self.a, Self.b], at: 10)
        #expect(!second.baseline)
        #expect(second.deltas.map(\.kind) == [.new] && second.deltas[0].baseline == false)
    }

    @Test func unchangedAndWhitespaceOnlyEditsProduceNothing() throws {
        _ = try apply([Self.a], at: 0)
        var a2 = Self.a
        a2.title = "  Titre\u{00A0}A \n"
        a2.text = "Texte   A"
        #expect(try apply([a2], at: 10).deltas.isEmpty)
    }

    /// The summary is matched (issue 24): a new summary alone flags the item for matching, without a delta.
    @Test func aChangedSummaryIsMatchedAgainWithoutADelta() throws {
        var a = Self.a
        a.summary = "Résumé A"
        _ = try apply([a], at: 0)
        #expect(try store.itemsNeedingMatch().map(\.summary) == ["Résumé A"])
        try store.replaceLinks([1: []], watchlistHash: "h", at: Date())
        #expect(try apply([a], at: 10).deltas.isEmpty)
        #expect(try store.itemsNeedingMatch().isEmpty)
        a.summary = "Résumé A, depuis Bakou"
        #expect(try apply([a], at: 20).deltas.isEmpty)
        #expect(try store.itemsNeedingMatch().map(\.summary) == ["Résumé A, depuis Bakou"])
    }

    @Test func aChangedTitleIsAChangeWithThePreviousRevisionKept() throws {
        _ = try apply([Self.a], at: 0)
        var a2 = Self.a
        a2.title = "Titre A, corrigé"
        let out = try apply([a2], at: 10)
        #expect(out.deltas.map(\.kind) == [.changed])
        let exported = try store.deltas(.ids(out.deltas.map(\.id)))
        #expect(exported.first?.previousTitle == "Titre A" && exported.first?.title == "Titre A, corrigé")
    }

    @Test func movesAreNotChanges() throws {
        _ = try apply([Self.a, Self.b], at: 0)
        var movedGUID = Self.a
        movedGUID.guid = "g-a-new" // GUID changes, URL stays
        var movedURL = Self.b
        movedURL.url = "https://e.org/b?utm_source=x#top" // same normalized URL
        var movedURL2 = Self.b
        movedURL2.url = "https://e.org/b-renamed" // URL changes, GUID stays
        let out = try apply([movedGUID, movedURL], at: 10)
        #expect(out.deltas.isEmpty)
        #expect(try apply([movedGUID, movedURL2], at: 20).deltas.isEmpty)
        #expect(try store.itemCounts()["feed-a"] == 2)
    }

    @Test func distinctItemsSharingOneURLStayDistinct() throws {
        var x = Self.a
        x.url = "https://e.org/home"
        var y = Self.b
        y.url = "https://e.org/home"
        let out = try apply([x, y], at: 0)
        #expect(out.deltas.count == 2)
        #expect(try apply([x, y], at: 10).deltas.isEmpty)
    }

    @Test func aNewerExtractorChangesTextSilently() throws {
        _ = try apply([Self.a], at: 0)
        var a2 = Self.a
        a2.text = "Texte A, mieux extrait"
        a2.textVersion = 2
        #expect(try apply([a2], at: 10).deltas.isEmpty)
        var a3 = a2
        a3.text = "Texte A, réécrit par l'éditeur"
        #expect(try apply([a3], at: 20).deltas.map(\.kind) == [.changed])
    }

    @Test func validatorsAreStoredWithTheItems() throws {
        _ = try apply([Self.a], at: 0, etag: "\"v1\"")
        let state = try #require(try store.sourceState("feed-a"))
        #expect(state.etag == "\"v1\"" && state.status == .ok && state.firstSuccessAt != nil)
    }

    @Test func failuresCountAndTouchNothing() throws {
        _ = try apply([Self.a], at: 0, etag: "\"v1\"")
        let run = try store.beginRun(command: "run", at: Date())
        for _ in 0..<2 {
            try store.recordFailure(
                source: "feed-a", run: run, fetch: FetchLog(url: "https://example.org/a.xml", error: "x"),
                error: "HTTP 500", blocked: false, at: Date(), nextDue: Date())
        }
        let state = try #require(try store.sourceState("feed-a"))
        #expect(state.consecutiveFailures == 2 && state.status == .failed && state.etag == "\"v1\"" && state.inTrouble)
        #expect(try store.itemCounts()["feed-a"] == 1)
    }

    @Test func exportFollowsTheContract() throws {
        let out = try apply([Self.a], at: 0)
        let d = try #require(try store.deltas(.ids(out.deltas.map(\.id))).first)
        let json = d.json.serialized()
        #expect(json.hasPrefix(#"{"run":"#))
        for key in [
            #""kind":"new""#, #""baseline":true"#, #""source":"feed-a""#, #""guid":"g-a""#,
            #""canonical_url":null"#, #""campaigns":[]"#, #""actors":[]"#, #""at":"2023-11-14T22:13:20Z""#,
        ] {
            #expect(json.contains(key), "\(key) in \(json)")
        }
    }

    @Test func searchIndexFollowsItems() throws {
        _ = try apply([Self.a], at: 0)
        let hits = try store.search("texte")
        #expect(hits.count == 1 && hits[0].snippet.contains("«Texte»"))
        #expect(try store.search("\"unbalanced OR").isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }
}
