import Foundation
import GRDB
import Testing
import VeilleCore

@testable import Storage

/// Identity, moves, GUID churn, silent changes and deltas, read back row by row (``ItemRecord``,
/// ``DeltaRecord``) from a real SQLite file.
@Suite struct ItemIdentityTests {
    let dir: String
    let store: Store

    init() throws {
        dir = NSTemporaryDirectory() + "veille-identity-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try Store(path: dir + "/v.sqlite")
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
        try store.read { db in try ItemRecord.filter(Column("sourceId") == source).order(Column("id")).fetchAll(db) }
    }

    func deltas() throws -> [DeltaRecord] {
        try store.read { db in try DeltaRecord.order(Column("id")).fetchAll(db) }
    }

    func revisionReasons(_ item: Int64) throws -> [String] {
        try store.read { db in
            try String.fetchAll(
                db, sql: "SELECT reason FROM itemRevision WHERE itemId = ? ORDER BY id", arguments: [item])
        }
    }

    static func entry(_ guid: String?, _ url: String?, title: String = "Titre", text: String = "Texte") -> IncomingItem
    {
        IncomingItem(guid: guid, url: url, title: title, text: text, textVersion: 1)
    }

    @Test func aNewItemIsStoredWholeWithItsBaselineDelta() throws {
        let (run, outcome) = try apply([Self.entry("g1", "https://E.org/a?utm_source=x")], at: 0)
        let item = try #require(try items().first)
        #expect(item.guid == "g1" && item.url == "https://E.org/a?utm_source=x")
        #expect(item.normalizedUrl == URLNormalizer.normalize("https://E.org/a?utm_source=x"))
        #expect(item.firstSeenAt == Self.time(0) && item.lastSeenAt == Self.time(0) && item.firstRunId == run)
        #expect(item.needsMatch && item.textVersion == 1)
        let delta = try #require(try deltas().first)
        #expect(delta.kind == .new && delta.baseline && delta.runId == run && delta.itemId == item.id)
        #expect(delta.sourceId == "s" && delta.at == Self.time(0) && delta.previousRevisionId == nil)
        #expect(delta.revisionId != nil && outcome.deltas.map(\.id) == [delta.id].compactMap { $0 })
        #expect(try revisionReasons(try #require(item.id)) == ["first"])
    }

    @Test func theSameGUIDInAnotherSourceIsAnotherItem() throws {
        try apply([Self.entry("g1", "https://e.org/a")], at: 0, source: "s")
        try apply([Self.entry("g1", "https://e.org/a")], at: 0, source: "t")
        #expect(try items("s").count == 1 && items("t").count == 1)
        #expect(try deltas().map(\.kind) == [.new, .new])
    }

    @Test func withoutAGUIDTheNormalizedURLIsTheIdentity() throws {
        try apply([Self.entry(nil, "https://e.org/a")], at: 0)
        let (_, outcome) = try apply([Self.entry(nil, "https://e.org/a?utm_campaign=y#top")], at: 10)
        #expect(outcome.deltas.isEmpty && outcome.moves == 0)
        #expect(try items().count == 1)
        #expect(try items().first?.url == "https://e.org/a?utm_campaign=y#top")
        #expect(try items().first?.lastSeenAt == Self.time(10))
    }

    @Test func aGUIDThatChurnsOnTheSameURLIsAMoveNotANewItem() throws {
        try apply([Self.entry("g1", "https://e.org/a")], at: 0)
        for (k, guid) in ["g2", "g3", "g4"].enumerated() {
            let (_, outcome) = try apply([Self.entry(guid, "https://e.org/a")], at: TimeInterval(10 * (k + 1)))
            #expect(outcome.moves == 1 && outcome.deltas.isEmpty, "\(guid)")
        }
        let stored = try items()
        #expect(stored.count == 1 && stored.first?.guid == "g4")
        #expect(try deltas().count == 1)
    }

    @Test func aURLThatMovesUnderTheSameGUIDIsAMove() throws {
        try apply([Self.entry("g1", "https://e.org/a")], at: 0)
        let (_, outcome) = try apply([Self.entry("g1", "https://e.org/renamed")], at: 10)
        #expect(outcome.moves == 1 && outcome.deltas.isEmpty)
        #expect(try items().map(\.normalizedUrl) == [URLNormalizer.normalize("https://e.org/renamed")])
    }

    @Test func entriesSharingAURLInOneBatchStayDistinctItems() throws {
        let batch = [Self.entry("g1", "https://e.org/home"), Self.entry("g2", "https://e.org/home")]
        try apply(batch, at: 0)
        let (_, again) = try apply(batch, at: 10)
        #expect(again.deltas.isEmpty && again.moves == 0)
        #expect(try items().map(\.guid) == ["g1", "g2"])
    }

    @Test func duplicatesWithinABatchCountOnce() throws {
        let (_, outcome) = try apply([Self.entry("g1", "https://e.org/a"), Self.entry("g1", "https://e.org/b")], at: 0)
        #expect(outcome.items == 1 && outcome.deltas.count == 1)
        #expect(try items().map(\.url) == ["https://e.org/a"])
    }

    @Test func aChangeIsADeltaPointingAtBothRevisions() throws {
        try apply([Self.entry("g1", "https://e.org/a", text: "Avant")], at: 0)
        try store.write { db in try db.execute(sql: "UPDATE item SET needsMatch = 0") }
        let (run, outcome) = try apply([Self.entry("g1", "https://e.org/a", text: "Après")], at: 10)
        #expect(outcome.changedCount == 1 && outcome.newCount == 0)
        let item = try #require(try items().first)
        #expect(item.text == "Après" && item.needsMatch)
        let changed = try #require(try deltas().last)
        #expect(changed.kind == .changed && !changed.baseline && changed.runId == run)
        let first = try #require(try deltas().first)
        #expect(changed.previousRevisionId == first.revisionId && changed.revisionId != first.revisionId)
        #expect(try revisionReasons(try #require(item.id)) == ["first", "changed"])
    }

    @Test func aNewerExtractorsTextIsASilentRevisionWithoutDelta() throws {
        try apply([Self.entry("g1", "https://e.org/a", text: "Texte brut")], at: 0)
        var better = Self.entry("g1", "https://e.org/a", text: "Texte mieux extrait")
        better.textVersion = 2
        let (_, outcome) = try apply([better], at: 10)
        #expect(outcome.deltas.isEmpty)
        let item = try #require(try items().first)
        #expect(item.text == "Texte mieux extrait" && item.textVersion == 2)
        #expect(try revisionReasons(try #require(item.id)) == ["first", "silent"])
        #expect(try deltas().count == 1)
    }

    @Test func aNewTitleWithANewerExtractorIsStillAChange() throws {
        try apply([Self.entry("g1", "https://e.org/a", title: "Un")], at: 0)
        var both = Self.entry("g1", "https://e.org/a", title: "Deux", text: "Texte réextrait")
        both.textVersion = 2
        #expect(try apply([both], at: 10).outcome.deltas.map(\.kind) == [.changed])
    }

    @Test func articleSourcesKeepTheirTextWhenTheFeedSummaryChanges() throws {
        try apply([Self.entry("g1", "https://e.org/a", text: "Article entier")], at: 0, keepText: true)
        let (_, outcome) = try apply(
            [Self.entry("g1", "https://e.org/a", text: "Résumé du flux")], at: 10, keepText: true)
        #expect(outcome.deltas.isEmpty)
        #expect(try items().first?.text == "Article entier")
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") } == 1)
    }

    @Test func recordsRoundTripTheStoredStrings() throws {
        try apply([Self.entry("g1", "https://e.org/a")], at: 0)
        let raw = try store.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT kind FROM delta UNION ALL SELECT status FROM source WHERE id = 's' UNION ALL SELECT kind FROM source WHERE id = 's'"
            )
        }
        #expect(raw == ["new", "ok", "feed"])
        #expect(try store.sourceState("s")?.status == .ok && store.sourceState("s")?.kind == .feed)
    }
}
