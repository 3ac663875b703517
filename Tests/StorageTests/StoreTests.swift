import Foundation
import Testing

@testable import Storage

/// The delta rules (README, "Deltas"), on a real SQLite file and on a real PostgreSQL database: each test
/// runs once per backend, on a store of its own.
@Suite struct StoreTests {
    /// One test's store, with the source `feed-a`.
    struct Fixture {
        let store: Store

        init(_ backend: TestBackend) throws {
            store = try backend.makeStore()
            try store.syncSources([("feed-a", .feed, "https://example.org/a.xml")])
        }

        func apply(_ items: [IncomingItem], at t: TimeInterval, etag: String? = nil) throws -> ApplyOutcome {
            let at = Date(timeIntervalSince1970: 1_700_000_000 + t)
            let run = try store.beginRun(command: "run", at: at)
            defer { try? store.finishRun(run, status: .completed, summary: nil, at: at) }
            return try store.applyFetch(
                source: "feed-a", run: run,
                fetch: FetchLog(url: "https://example.org/a.xml", httpStatus: 200, etag: etag),
                items: items, at: at, nextDue: at.addingTimeInterval(3600))
        }
    }

    static let a = IncomingItem(guid: "g-a", url: "https://e.org/a", title: "Titre A", text: "Texte A", textVersion: 1)
    static let b = IncomingItem(guid: "g-b", url: "https://e.org/b", title: "Titre B", text: "Texte B", textVersion: 1)

    @Test(arguments: TestBackend.all) func firstCrawlIsABaselineThenNewItemsAreNew(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        let first = try f.apply([Self.a, Self.b], at: 0)
        #expect(
            first.baseline && first.deltas.count == 2 && first.deltas.allSatisfy { $0.kind == .new && $0.baseline })
        var c = Self.b
        c.guid = "g-c"
        c.url = "https://e.org/c"
        let second = try f.apply([c, Self.a, Self.b], at: 10)
        #expect(!second.baseline)
        #expect(second.deltas.map(\.kind) == [.new] && second.deltas[0].baseline == false)
    }

    @Test(arguments: TestBackend.all) func unchangedAndWhitespaceOnlyEditsProduceNothing(_ backend: TestBackend) throws
    {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0)
        var a2 = Self.a
        a2.title = "  Titre\u{00A0}A \n"
        a2.text = "Texte   A"
        #expect(try f.apply([a2], at: 10).deltas.isEmpty)
    }

    /// The summary is matched (issue 24): a new summary alone flags the item for matching, without a delta.
    @Test(arguments: TestBackend.all) func aChangedSummaryIsMatchedAgainWithoutADelta(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        var a = Self.a
        a.summary = "Résumé A"
        _ = try f.apply([a], at: 0)
        #expect(try f.store.itemsNeedingMatch().map(\.summary) == ["Résumé A"])
        try f.store.replaceLinks([1: []], watchlistHash: "h", at: Date())
        #expect(try f.apply([a], at: 10).deltas.isEmpty)
        #expect(try f.store.itemsNeedingMatch().isEmpty)
        a.summary = "Résumé A, depuis Bakou"
        #expect(try f.apply([a], at: 20).deltas.isEmpty)
        #expect(try f.store.itemsNeedingMatch().map(\.summary) == ["Résumé A, depuis Bakou"])
    }

    @Test(arguments: TestBackend.all) func aChangedTitleIsAChangeWithThePreviousRevisionKept(_ backend: TestBackend)
        throws
    {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0)
        var a2 = Self.a
        a2.title = "Titre A, corrigé"
        let out = try f.apply([a2], at: 10)
        #expect(out.deltas.map(\.kind) == [.changed])
        let exported = try f.store.deltas(.ids(out.deltas.map(\.id)))
        #expect(exported.first?.previousTitle == "Titre A" && exported.first?.title == "Titre A, corrigé")
    }

    @Test(arguments: TestBackend.all) func movesAreNotChanges(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a, Self.b], at: 0)
        var movedGUID = Self.a
        movedGUID.guid = "g-a-new" // GUID changes, URL stays
        var movedURL = Self.b
        movedURL.url = "https://e.org/b?utm_source=x#top" // same normalized URL
        var movedURL2 = Self.b
        movedURL2.url = "https://e.org/b-renamed" // URL changes, GUID stays
        let out = try f.apply([movedGUID, movedURL], at: 10)
        #expect(out.deltas.isEmpty)
        #expect(try f.apply([movedGUID, movedURL2], at: 20).deltas.isEmpty)
        #expect(try f.store.itemCounts()["feed-a"] == 2)
    }

    @Test(arguments: TestBackend.all) func distinctItemsSharingOneURLStayDistinct(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        var x = Self.a
        x.url = "https://e.org/home"
        var y = Self.b
        y.url = "https://e.org/home"
        let out = try f.apply([x, y], at: 0)
        #expect(out.deltas.count == 2)
        #expect(try f.apply([x, y], at: 10).deltas.isEmpty)
    }

    @Test(arguments: TestBackend.all) func aNewerExtractorChangesTextSilently(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0)
        var a2 = Self.a
        a2.text = "Texte A, mieux extrait"
        a2.textVersion = 2
        #expect(try f.apply([a2], at: 10).deltas.isEmpty)
        var a3 = a2
        a3.text = "Texte A, réécrit par l'éditeur"
        #expect(try f.apply([a3], at: 20).deltas.map(\.kind) == [.changed])
    }

    @Test(arguments: TestBackend.all) func validatorsAreStoredWithTheItems(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0, etag: "\"v1\"")
        let state = try #require(try f.store.sourceState("feed-a"))
        #expect(state.etag == "\"v1\"" && state.status == .ok && state.firstSuccessAt != nil)
    }

    @Test(arguments: TestBackend.all) func failuresCountAndTouchNothing(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0, etag: "\"v1\"")
        let run = try f.store.beginRun(command: "run", at: Date())
        for _ in 0..<2 {
            try f.store.recordFailure(
                source: "feed-a", run: run, fetch: FetchLog(url: "https://example.org/a.xml", error: "x"),
                error: "HTTP 500", blocked: false, at: Date(), nextDue: Date())
        }
        let state = try #require(try f.store.sourceState("feed-a"))
        #expect(state.consecutiveFailures == 2 && state.status == .failed && state.etag == "\"v1\"" && state.inTrouble)
        #expect(try f.store.itemCounts()["feed-a"] == 1)
    }

    @Test(arguments: TestBackend.all) func exportFollowsTheContract(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        let out = try f.apply([Self.a], at: 0)
        let d = try #require(try f.store.deltas(.ids(out.deltas.map(\.id))).first)
        let json = d.json.serialized()
        #expect(json.hasPrefix(#"{"run":"#))
        for key in [
            #""kind":"new""#, #""baseline":true"#, #""source":"feed-a""#, #""guid":"g-a""#,
            #""canonical_url":null"#, #""campaigns":[]"#, #""actors":[]"#, #""at":"2023-11-14T22:13:20Z""#,
        ] {
            #expect(json.contains(key), "\(key) in \(json)")
        }
    }

    @Test(arguments: TestBackend.all) func searchIndexFollowsItems(_ backend: TestBackend) throws {
        let f = try Fixture(backend)
        _ = try f.apply([Self.a], at: 0)
        let hits = try f.store.search("texte")
        #expect(hits.count == 1 && hits[0].snippet.contains("«Texte»"))
        #expect(try f.store.search("\"unbalanced OR").isEmpty)
        #expect(try f.store.integrityCheck() == "ok")
    }
}
