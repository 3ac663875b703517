import Foundation
import GRDB
import TestSupport
import Testing
import VeilleCore

@testable import Storage

/// The item facts each link carries for the campaign and actor pages (migration
/// `addItemDatesToLinksForEntityPages`): kept exact by the writer through inserts, date changes, rematches and
/// prunes, filled in for the links of an older database, and what ``ArchiveReader/linkedItems(entity:filter:)``
/// and ``ArchiveReader/dailyCounts(entity:since:)`` read, on real SQLite files and on PostgreSQL (its
/// migration of the same name does the SQLite triggers' work in PL/pgSQL).
@Suite struct LinkItemDatesTests {
    let dir: String
    let path: String
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        dir = NSTemporaryDirectory() + "veille-linkdates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/v.sqlite"
    }

    /// The number of links whose copied facts differ from their item's (or are missing), then of links.
    static func drift(_ path: String) throws -> [Int] {
        let q = try DatabaseQueue(path: path)
        return try q.read { db in
            let drift =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM link l LEFT JOIN item i ON i.id = l.itemId
                        WHERE i.id IS NULL OR l.itemSourceId IS NOT i.sourceId OR l.itemFirstSeenAt IS NOT i.firstSeenAt
                          OR l.itemDate IS NOT COALESCE(i.published, i.firstSeenAt) OR l.itemDate IS NULL
                        """) ?? -1
            return [drift, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM link") ?? -1]
        }
    }

    /// ``drift(_:)`` on either backend, through the store's own session.
    static func drift(_ store: Store) throws -> [Int] {
        let isNot = store.dialect == .postgres ? "IS DISTINCT FROM" : "IS NOT"
        return try store.snapshot { s in
            let drift =
                try s.value(
                    """
                    SELECT COUNT(*) FROM link l LEFT JOIN item i ON i.id = l.itemId
                    WHERE i.id IS NULL OR l.itemSourceId \(isNot) i.sourceId OR l.itemFirstSeenAt \(isNot) i.firstSeenAt
                      OR l.itemDate \(isNot) COALESCE(i.published, i.firstSeenAt) OR l.itemDate IS NULL
                    """, [], as: Int.self) ?? -1
            return [drift, try s.value("SELECT COUNT(*) FROM link", [], as: Int.self) ?? -1]
        }
    }

    func fetch(_ store: Store, _ source: String, _ items: [IncomingItem], at t: TimeInterval) throws -> [Int64] {
        let at = t0.addingTimeInterval(t)
        let run = try store.beginRun(command: "run", at: at)
        defer { try? store.finishRun(run, status: .completed, summary: nil, at: at) }
        _ = try store.applyFetch(
            source: source, run: run, fetch: FetchLog(url: "https://\(source).example/feed", httpStatus: 200),
            items: items, at: at, nextDue: at)
        return try store.snapshot { s in
            try s.values(
                "SELECT id FROM item WHERE sourceId = ? AND guid IN (\(items.map { _ in "?" }.joined(separator: ",")))"
                    + " ORDER BY id", [source] + SQLArguments(list: items.map { $0.guid ?? "" }), as: Int64.self)
        }
    }

    static func link(_ entity: String, _ kind: String = "campaign") -> ItemLink {
        ItemLink(entityID: entity, entityKind: kind, evidence: "[]")
    }

    @Test(arguments: TestBackend.all)
    func theWriterKeepsTheLinksItemFactsExactThroughInsertsDateChangesRematchesAndPrunes(_ backend: TestBackend) throws
    {
        let store = try backend.makeStore("linkdates")
        try store.syncSources([("a", .feed, "https://a.example/feed"), ("b", .feed, "https://b.example/feed")])
        _ = try fetch(store, "a", [IncomingItem(guid: "base")], at: 0)
        _ = try fetch(store, "b", [IncomingItem(guid: "base")], at: 0)
        let items = try fetch(
            store, "a",
            [
                IncomingItem(guid: "x", title: "x", text: "x", published: t0.addingTimeInterval(-86_400)),
                IncomingItem(guid: "y", title: "y", text: "y"),
            ], at: 100)
        let z = try fetch(store, "b", [IncomingItem(guid: "z", title: "z", text: "z")], at: 200)[0]
        let (x, y) = (items[0], items[1])
        try store.replaceLinks(
            [x: [Self.link("c")], y: [Self.link("c"), Self.link("p", "actor")], z: [Self.link("c")]],
            watchlistHash: "h", at: t0.addingTimeInterval(300))
        #expect(try Self.drift(store) == [0, 4])
        let row = try store.snapshot { s in
            try s.row(
                "SELECT itemSourceId, itemDate, itemFirstSeenAt FROM link WHERE itemId = ? AND entityId = 'c'", [x])
        }
        #expect(row?["itemSourceId"] as String? == "a")
        #expect(row?["itemDate"] as Date? == t0.addingTimeInterval(-86_400))
        #expect(row?["itemFirstSeenAt"] as Date? == t0.addingTimeInterval(100))

        // The feed now gives y a publication date and moves x's: both links of y and the link of x follow.
        _ = try fetch(
            store, "a",
            [
                IncomingItem(guid: "x", title: "x", text: "x", published: t0.addingTimeInterval(-3_600)),
                IncomingItem(guid: "y", title: "y", text: "y", published: t0.addingTimeInterval(-7_200)),
            ], at: 400)
        #expect(try Self.drift(store) == [0, 4])
        #expect(
            try store.snapshot { s in
                try s.values("SELECT itemDate FROM link WHERE itemId = ? ORDER BY entityId", [y], as: Date.self)
            } == [t0.addingTimeInterval(-7_200), t0.addingTimeInterval(-7_200)])

        // A rematch removes and adds links; a prune removes revisions and raw pages, not links.
        try store.replaceLinks(
            [x: [], y: [Self.link("p", "actor")], z: [Self.link("c"), Self.link("q", "actor")]], watchlistHash: "h2",
            at: t0.addingTimeInterval(500))
        #expect(try Self.drift(store) == [0, 3])
        _ = try store.prune(olderThan: t0.addingTimeInterval(10_000))
        #expect(try Self.drift(store) == [0, 3])
    }

    @Test func theMigrationFillsInTheLinksOfAnOlderDatabase() throws {
        let q = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(q, upTo: "indexLinksByEntityAndItem")
        try q.write { db in
            try db.execute(
                sql: """
                    INSERT INTO item(id, sourceId, guid, title, published, firstSeenAt, lastSeenAt)
                    VALUES (1, 'a', 'g1', 't', '2026-01-02 03:04:05.000', '2026-01-03 00:00:00.000', '2026-01-03 00:00:00.000'),
                           (2, 'b', 'g2', 't', NULL, '2026-01-04 00:00:00.000', '2026-01-04 00:00:00.000');
                    INSERT INTO link(itemId, entityId, entityKind, watchlistHash, linkedAt, evidence)
                    VALUES (1, 'c', 'campaign', 'h', '2026-01-05', '[]'), (2, 'c', 'campaign', 'h', '2026-01-05', '[]');
                    """)
        }
        // `serve` refuses the older schema and names the migration it lacks.
        #expect {
            _ = try ArchiveReader(path: path)
        } throws: { "\($0)".contains("addItemDatesToLinksForEntityPages") && "\($0)".contains("veille run") }
        _ = try Store(path: path)
        #expect(try Self.drift(path) == [0, 2])
        let dates = try q.read { db in try String.fetchAll(db, sql: "SELECT itemDate FROM link ORDER BY itemId") }
        #expect(dates == ["2026-01-02 03:04:05.000", "2026-01-04 00:00:00.000"])
    }

    /// Seven items of two sources linked to `c`, with publication dates out of id order, two of them on the
    /// same date, one without a date (listed by its first sighting), one with a `changed` delta.
    func seedList(_ backend: TestBackend) throws -> (store: Store, ids: [Int64], url: String) {
        // The reader opens the same database: on PostgreSQL by the URL with its password (`store.path` has none).
        let url = backend == .postgres ? try PostgresServer.shared().createDatabase("linkdates").url : path
        let store = try Store(path: url)
        try store.syncSources([("a", .feed, "https://a.example/feed"), ("b", .feed, "https://b.example/feed")])
        _ = try fetch(store, "a", [IncomingItem(guid: "base")], at: 0)
        _ = try fetch(store, "b", [IncomingItem(guid: "base")], at: 0)
        let day = 86_400.0
        let published: [TimeInterval?] = [-3 * day, -1 * day, -5 * day, -1 * day, nil, -10 * day, -2 * day]
        var ids: [Int64] = []
        for (n, p) in published.enumerated() {
            let source = n % 3 == 2 ? "b" : "a"
            ids += try fetch(
                store, source,
                [
                    IncomingItem(
                        guid: "i\(n)", title: "t\(n)", text: "text \(n)", published: p.map(t0.addingTimeInterval))
                ],
                at: Double(n) * 60)
        }
        try store.replaceLinks(
            Dictionary(uniqueKeysWithValues: ids.map { ($0, [Self.link("c")]) }), watchlistHash: "h", at: t0)
        // Item 3 changes its text: a `changed` delta.
        _ = try fetch(
            store, "a", [IncomingItem(guid: "i3", title: "t3", text: "edited", published: t0.addingTimeInterval(-day))],
            at: 1_000)
        return (store, ids, url)
    }

    @Test(arguments: TestBackend.all)
    func linkedItemsComeNewestFirstByTheDateShownAndPageByKeysetOnDateAndID(_ backend: TestBackend) throws {
        let (_, ids, url) = try seedList(backend)
        let reader = try ArchiveReader(path: url)
        // Shown dates: i4 (first seen t0+240) > i1 = i3 (t0-1d; i3 has the larger id) > i6 > i0 > i2 > i5.
        let expected = [ids[4], ids[3], ids[1], ids[6], ids[0], ids[2], ids[5]]
        #expect(try reader.linkedItems(entity: "c", filter: ItemFilter(limit: 50)).map(\.id) == expected)
        var walked: [Int64] = []
        var before: Int64?
        repeat {
            let page = try reader.linkedItems(entity: "c", filter: ItemFilter(before: before, limit: 2))
            walked += page.map(\.id)
            before = page.count == 2 ? page.last?.id : nil
        } while before != nil
        #expect(walked == expected)
        #expect(try reader.linkedItems(entity: "c", filter: ItemFilter(before: 999_999, limit: 5)).isEmpty)
        #expect(try reader.linkedItems(entity: "nobody", filter: ItemFilter(limit: 5)).isEmpty)
    }

    @Test(arguments: TestBackend.all)
    func linkedItemsFilterBySourceDeltaKindAndShownDateRange(_ backend: TestBackend) throws {
        let (_, ids, url) = try seedList(backend)
        let reader = try ArchiveReader(path: url)
        let day = 86_400.0
        func list(_ f: ItemFilter) throws -> [Int64] { try reader.linkedItems(entity: "c", filter: f).map(\.id) }
        #expect(try list(ItemFilter(source: "b", limit: 50)) == [ids[2], ids[5]])
        #expect(try list(ItemFilter(source: "b", before: ids[2], limit: 50)) == [ids[5]])
        #expect(try list(ItemFilter(deltaKind: .changed, limit: 50)) == [ids[3]])
        #expect(try list(ItemFilter(deltaKind: .answered, limit: 50)).isEmpty)
        // From 5 days ago (inclusive) to 2 days ago (exclusive), on publication dates.
        #expect(
            try list(ItemFilter(from: t0.addingTimeInterval(-5 * day), to: t0.addingTimeInterval(-2 * day), limit: 50))
                == [ids[0], ids[2]])
        #expect(
            try list(ItemFilter(from: t0.addingTimeInterval(-2 * day), before: ids[3], limit: 1)) == [ids[1]])
    }

    @Test(arguments: TestBackend.all)
    func theChartCountsLinksPerDayOfFirstSightingAsTheItemsSay(_ backend: TestBackend) throws {
        let (store, _, url) = try seedList(backend)
        let reader = try ArchiveReader(path: url)
        let since = t0.addingTimeInterval(-86_400)
        let days = try reader.dailyCounts(entity: "c", since: since)
        let counts = days.map { "\($0.day) \($0.count)" }
        let day =
            store.dialect == .postgres
            ? "to_char(i.firstSeenAt AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(i.firstSeenAt, 1, 10)"
        let fromItems = try store.snapshot { s in
            try s.rows(
                """
                SELECT \(day) AS day, COUNT(*) AS n FROM item i JOIN link l ON l.itemId = i.id
                WHERE i.firstSeenAt >= ? AND l.entityId = 'c' GROUP BY day ORDER BY day
                """, [since]
            ).map { "\($0["day"] as String? ?? "-") \($0["n"] as Int? ?? -1)" }
        }
        #expect(counts == fromItems)
        // The dashboard's today / 7 days / 30 days per entity, likewise.
        let activity = try reader.entityActivity(now: t0.addingTimeInterval(1_000))
        #expect(activity.map { [$0.entityID, "\($0.today)", "\($0.week)", "\($0.month)"] } == [["c", "7", "7", "7"]])
        #expect(try reader.entityActivity(now: t0.addingTimeInterval(40 * 86_400)).isEmpty)
        let total = days.map(\.count).reduce(0, +)
        #expect(total == 7)
    }
}
