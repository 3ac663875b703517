import Foundation
import Testing
import VeilleCore

@testable import Storage

/// Identity, moves, GUID churn, silent changes and deltas, read back row by row (``ItemRecord``,
/// ``DeltaRecord``) from a real SQLite file and a real PostgreSQL database (each test runs on both).
@Suite struct ItemIdentityTests {
    let store: Store

    init(_ backend: TestBackend) throws {
        store = try backend.makeStore()
        try store.syncSources([("s", .feed, "https://example.org/s.xml"), ("t", .feed, "https://example.org/t.xml")])
    }

    /// One fetch of `source` at `t` seconds, in a run of its own; returns the run and what changed.
    @discardableResult
    func apply(
        _ items: [IncomingItem], at t: TimeInterval, source: String = "s", keepText: Bool = false
    ) throws -> (run: Int64, outcome: ApplyOutcome) {
        let at = Self.time(t)
        let run = try store.beginRun(command: "run", at: at)
        let outcome = try store.applyFetch(
            source: source, run: run, fetch: FetchLog(url: "https://example.org/\(source).xml", httpStatus: 200),
            items: items, at: at, nextDue: at.addingTimeInterval(3600), keepTextOnUpdate: keepText)
        try store.finishRun(run, status: .completed, summary: nil, at: at)
        return (run, outcome)
    }

    static func time(_ t: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + t) }

    func items(_ source: String = "s") throws -> [ItemRecord] {
        try store.snapshot { s in
            try s.rows("SELECT \(ItemRecord.columns) FROM item WHERE sourceId = ? ORDER BY id", [source])
                .map(ItemRecord.init(row:))
        }
    }

    func deltas() throws -> [DeltaRecord] {
        try store.snapshot { s in try s.rows("SELECT * FROM delta ORDER BY id", []).map(DeltaRecord.init(row:)) }
    }

    func revisionReasons(_ item: Int64) throws -> [String] {
        try store.snapshot { s in
            try s.values("SELECT reason FROM itemRevision WHERE itemId = ? ORDER BY id", [item], as: String.self)
        }
    }

    static func entry(_ guid: String?, _ url: String?, title: String = "Titre", text: String = "Texte") -> IncomingItem
    {
        IncomingItem(guid: guid, url: url, title: title, text: text, textVersion: 1)
    }

    @Test(arguments: TestBackend.all) static func aNewItemIsStoredWholeWithItsBaselineDelta(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        let (run, outcome) = try t.apply([Self.entry("g1", "https://E.org/a?utm_source=x")], at: 0)
        let item = try #require(try t.items().first)
        #expect(item.guid == "g1" && item.url == "https://E.org/a?utm_source=x")
        #expect(item.normalizedUrl == URLNormalizer.normalize("https://E.org/a?utm_source=x"))
        #expect(item.firstSeenAt == Self.time(0) && item.lastSeenAt == Self.time(0) && item.firstRunId == run)
        #expect(item.needsMatch && item.textVersion == 1)
        let delta = try #require(try t.deltas().first)
        #expect(delta.kind == .new && delta.baseline && delta.runId == run && delta.itemId == item.id)
        #expect(delta.sourceId == "s" && delta.at == Self.time(0) && delta.previousRevisionId == nil)
        #expect(delta.revisionId != nil && outcome.deltas.map(\.id) == [delta.id].compactMap { $0 })
        #expect(try t.revisionReasons(try #require(item.id)) == ["first"])
    }

    @Test(arguments: TestBackend.all) static func theSameGUIDInAnotherSourceIsAnotherItem(_ backend: TestBackend) throws
    {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a")], at: 0, source: "s")
        try t.apply([Self.entry("g1", "https://e.org/a")], at: 0, source: "t")
        #expect(try t.items("s").count == 1 && t.items("t").count == 1)
        #expect(try t.deltas().map(\.kind) == [.new, .new])
    }

    @Test(arguments: TestBackend.all) static func withoutAGUIDTheNormalizedURLIsTheIdentity(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        try t.apply([Self.entry(nil, "https://e.org/a")], at: 0)
        let (_, outcome) = try t.apply([Self.entry(nil, "https://e.org/a?utm_campaign=y#top")], at: 10)
        #expect(outcome.deltas.isEmpty && outcome.moves == 0)
        #expect(try t.items().count == 1)
        #expect(try t.items().first?.url == "https://e.org/a?utm_campaign=y#top")
        #expect(try t.items().first?.lastSeenAt == Self.time(10))
    }

    @Test(arguments: TestBackend.all) static func aGUIDThatChurnsOnTheSameURLIsAMoveNotANewItem(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a")], at: 0)
        for (k, guid) in ["g2", "g3", "g4"].enumerated() {
            let (_, outcome) = try t.apply([Self.entry(guid, "https://e.org/a")], at: TimeInterval(10 * (k + 1)))
            #expect(outcome.moves == 1 && outcome.deltas.isEmpty, "\(guid)")
        }
        let stored = try t.items()
        #expect(stored.count == 1 && stored.first?.guid == "g4")
        #expect(try t.deltas().count == 1)
    }

    @Test(arguments: TestBackend.all) static func aURLThatMovesUnderTheSameGUIDIsAMove(_ backend: TestBackend) throws {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a")], at: 0)
        let (_, outcome) = try t.apply([Self.entry("g1", "https://e.org/renamed")], at: 10)
        #expect(outcome.moves == 1 && outcome.deltas.isEmpty)
        #expect(try t.items().map(\.normalizedUrl) == [URLNormalizer.normalize("https://e.org/renamed")])
    }

    @Test(arguments: TestBackend.all) static func entriesSharingAURLInOneBatchStayDistinctItems(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        let batch = [Self.entry("g1", "https://e.org/home"), Self.entry("g2", "https://e.org/home")]
        try t.apply(batch, at: 0)
        let (_, again) = try t.apply(batch, at: 10)
        #expect(again.deltas.isEmpty && again.moves == 0)
        #expect(try t.items().map(\.guid) == ["g1", "g2"])
    }

    @Test(arguments: TestBackend.all) static func duplicatesWithinABatchCountOnce(_ backend: TestBackend) throws {
        let t = try Self(backend)
        let (_, outcome) = try t.apply(
            [Self.entry("g1", "https://e.org/a"), Self.entry("g1", "https://e.org/b")], at: 0)
        #expect(outcome.items == 1 && outcome.deltas.count == 1)
        #expect(try t.items().map(\.url) == ["https://e.org/a"])
    }

    @Test(arguments: TestBackend.all) static func aChangeIsADeltaPointingAtBothRevisions(_ backend: TestBackend) throws
    {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a", text: "Avant")], at: 0)
        try t.store.transaction { s in try s.execute("UPDATE item SET needsMatch = FALSE") }
        let (run, outcome) = try t.apply([Self.entry("g1", "https://e.org/a", text: "Après")], at: 10)
        #expect(outcome.changedCount == 1 && outcome.newCount == 0)
        let item = try #require(try t.items().first)
        #expect(item.text == "Après" && item.needsMatch)
        let changed = try #require(try t.deltas().last)
        #expect(changed.kind == .changed && !changed.baseline && changed.runId == run)
        let first = try #require(try t.deltas().first)
        #expect(changed.previousRevisionId == first.revisionId && changed.revisionId != first.revisionId)
        #expect(try t.revisionReasons(try #require(item.id)) == ["first", "changed"])
    }

    @Test(arguments: TestBackend.all) static func aNewerExtractorsTextIsASilentRevisionWithoutDelta(
        _ backend: TestBackend
    ) throws {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a", text: "Texte brut")], at: 0)
        var better = Self.entry("g1", "https://e.org/a", text: "Texte mieux extrait")
        better.textVersion = 2
        let (_, outcome) = try t.apply([better], at: 10)
        #expect(outcome.deltas.isEmpty)
        let item = try #require(try t.items().first)
        #expect(item.text == "Texte mieux extrait" && item.textVersion == 2)
        #expect(try t.revisionReasons(try #require(item.id)) == ["first", "silent"])
        #expect(try t.deltas().count == 1)
    }

    @Test(arguments: TestBackend.all) static func aNewTitleWithANewerExtractorIsStillAChange(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a", title: "Un")], at: 0)
        var both = Self.entry("g1", "https://e.org/a", title: "Deux", text: "Texte réextrait")
        both.textVersion = 2
        #expect(try t.apply([both], at: 10).outcome.deltas.map(\.kind) == [.changed])
    }

    @Test(arguments: TestBackend.all) static func articleSourcesKeepTheirTextWhenTheFeedSummaryChanges(
        _ backend: TestBackend
    ) throws {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a", text: "Article entier")], at: 0, keepText: true)
        let (_, outcome) = try t.apply(
            [Self.entry("g1", "https://e.org/a", text: "Résumé du flux")], at: 10, keepText: true)
        #expect(outcome.deltas.isEmpty)
        #expect(try t.items().first?.text == "Article entier")
        #expect(try t.store.snapshot { s in try s.value("SELECT COUNT(*) FROM article", [], as: Int.self) } == 1)
    }

    @Test(arguments: TestBackend.all) static func recordsRoundTripTheStoredStrings(_ backend: TestBackend) throws {
        let t = try Self(backend)
        try t.apply([Self.entry("g1", "https://e.org/a")], at: 0)
        let raw = try t.store.snapshot { s in
            try s.values(
                "SELECT kind FROM delta UNION ALL SELECT status FROM source WHERE id = 's' UNION ALL SELECT kind FROM source WHERE id = 's'",
                [], as: String.self)
        }
        #expect(raw == ["new", "ok", "feed"])
        #expect(try t.store.sourceState("s")?.status == .ok && t.store.sourceState("s")?.kind == .feed)
    }
}
