import Foundation
import Storage
import TestSupport
import Testing

/// Care of the database on a real SQLite file (prune on PostgreSQL too): backup, prune, vacuum, robots.txt copies.
@Suite struct OperationsStoreTests {
    static let old = Date(timeIntervalSince1970: 1_600_000_000) // 2020
    static let recent = Date(timeIntervalSince1970: 1_732_000_000) // 2024

    /// A fresh database in a temporary folder, removed at the end.
    final class Scratch {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-ops-\(UUID().uuidString)")
        var db: String { dir.appendingPathComponent("veille.sqlite").path }
        init() throws { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: dir) }
    }

    /// Stores `count` items of source `s` at `at`, with titles suffixed by `version` (a change per call).
    static func store(_ store: Store, source s: String = "s", count: Int, version: Int, at: Date) throws -> ApplyOutcome
    {
        let run = try store.beginRun(command: "run", at: at)
        let items = (0..<count).map {
            IncomingItem(
                guid: "g\($0)", url: "https://e.org/\($0)", title: "item \($0) v\(version)",
                text: "text of item \($0), version \(version)")
        }
        let outcome = try store.applyFetch(
            source: s, run: run, fetch: FetchLog(url: "https://e.org/feed"), items: items,
            at: at, nextDue: at.addingTimeInterval(3600))
        try store.finishRun(run, status: .completed, summary: nil, at: at)
        return outcome
    }

    @Test func aBackupOpensWithTheSameCounts() throws {
        let scratch = try Scratch()
        let store = try Store(path: scratch.db)
        try store.syncSources([("s", .feed, "https://e.org/feed")])
        for version in 0..<3 { _ = try Self.store(store, count: 50, version: version, at: Self.recent) }
        try store.saveRobotsCopies(
            ["https://e.org": .init(body: Array("User-agent: *\n".utf8), etag: "\"x\"")], at: Self.recent)
        let copy = scratch.dir.appendingPathComponent("backup.sqlite").path
        try store.backup(to: copy)
        let restored = try Store(path: copy)
        #expect(try restored.integrityCheck() == "ok")
        #expect(try restored.rowCounts() == store.rowCounts())
        #expect(try restored.rowCounts()["itemRevision"] == 150)
        #expect(try restored.robotsCopies() == store.robotsCopies())
        // A second backup replaces the first.
        _ = try Self.store(store, count: 50, version: 3, at: Self.recent)
        try store.backup(to: copy)
        #expect(try Store(path: copy).rowCounts()["itemRevision"] == 200)
    }

    @Test func aBackupDuringWritesIsAConsistentSnapshot() async throws {
        let scratch = try Scratch()
        let store = try Store(path: scratch.db)
        try store.syncSources([("s", .feed, "https://e.org/feed")])
        _ = try Self.store(store, count: 100, version: 0, at: Self.recent)
        let writer = Task.detached {
            for version in 1...12 { _ = try Self.store(store, count: 100, version: version, at: Self.recent) }
        }
        var copies: [String] = []
        for n in 0..<4 {
            let copy = scratch.dir.appendingPathComponent("backup-\(n).sqlite").path
            try store.backup(to: copy)
            copies.append(copy)
        }
        try await writer.value
        for copy in copies {
            let counts = try Store(path: copy).rowCounts()
            // Each applyFetch writes 100 revisions, 100 deltas and one fetch in one transaction.
            let fetches = try #require(counts["fetch"])
            #expect(counts["itemRevision"] == fetches * 100 && counts["delta"] == fetches * 100)
            #expect(counts["item"] == 100)
        }
    }

    /// The store of a prune test: the scratch SQLite file, or a fresh database on the tests' PostgreSQL.
    static func pruneStore(_ backend: String, _ scratch: Scratch) throws -> Store {
        try Store(path: backend == "postgres" ? PostgresServer.shared().createDatabase("prune").url : scratch.db)
    }

    @Test(arguments: ["sqlite", "postgres"]) func pruneKeepsLinkedItemsAndEachItemsNewestRevision(_ backend: String)
        throws
    {
        let scratch = try Scratch()
        let store = try Self.pruneStore(backend, scratch)
        try store.syncSources([("s", .feed, "https://e.org/feed")])
        var ids: [Int64] = []
        for version in 0..<4 { // 4 old revisions of each of 3 items
            let outcome = try Self.store(
                store, count: 3, version: version, at: Self.old.addingTimeInterval(Double(version)))
            if version == 0 { ids = outcome.deltas.map(\.itemID) }
        }
        _ = try Self.store(store, count: 1, version: 9, at: Self.recent) // item 0 gets a recent revision too
        try store.replaceLinks(
            [ids[2]: [ItemLink(entityID: "c1", entityKind: "campaign", evidence: "[]")]],
            watchlistHash: "h", at: Self.recent)
        #expect(try store.rowCounts()["itemRevision"] == 13)
        let cutoff = Self.recent.addingTimeInterval(-86_400)
        let dry = try store.prune(olderThan: cutoff, dryRun: true)
        // item 0: its 4 old revisions go (the recent one is its newest); item 1: 3 go, its newest stays;
        // item 2 is linked: all 4 stay.
        #expect(dry.revisions == 7)
        #expect(try store.rowCounts()["itemRevision"] == 13)
        let done = try store.prune(olderThan: cutoff)
        #expect(done == dry)
        let counts = try store.rowCounts()
        #expect(counts["itemRevision"] == 6 && counts["item"] == 3 && counts["link"] == 1)
        #expect(try store.prune(olderThan: cutoff).revisions == 0)
        let latest = try #require(try store.latestCompletedRun())
        let titles = try store.deltas(.run(latest)).compactMap(\.title)
        #expect(titles == ["item 0 v9"])
    }

    @Test(arguments: ["sqlite", "postgres"]) func pruneRemovesOldRawPageBytesOfUnlinkedItemsOnly(_ backend: String)
        throws
    {
        let scratch = try Scratch()
        let store = try Self.pruneStore(backend, scratch)
        try store.syncSources([("s", .feed, "https://e.org/feed")])
        let ids = try Self.store(store, count: 2, version: 0, at: Self.old).deltas.map(\.itemID)
        for id in ids { // each item: its `first` revision, then its page (an `article` revision and evidence)
            let page = ArticleResult(
                raw: Array("<p>page \(id)</p>".utf8), status: 200, etag: nil, lastModified: nil,
                text: "page \(id)", title: nil, canonicalURL: nil, byline: nil, language: nil,
                published: nil, extractorVersion: 1)
            try store.storeFirstArticle(
                item: id, url: "https://e.org/\(id)", result: page, at: Self.old.addingTimeInterval(60))
        }
        try store.replaceLinks(
            [ids[1]: [ItemLink(entityID: "a1", entityKind: "actor", evidence: "[]")]],
            watchlistHash: "h", at: Self.recent)
        let outcome = try store.prune(olderThan: Self.recent)
        #expect(outcome.revisions == 1 && outcome.rawRows == ["evidence": 1])
        #expect(try store.evidence(item: ids[0]).isEmpty)
        #expect(try store.evidence(item: ids[1]).map(\.raw) == [Array("<p>page \(ids[1])</p>".utf8)])
    }

    @Test func vacuumCompactsAndKeepsEverything() throws {
        let scratch = try Scratch()
        let store = try Store(path: scratch.db)
        try store.syncSources([("s", .feed, "https://e.org/feed")])
        for version in 0..<5 { _ = try Self.store(store, count: 200, version: version, at: Self.old) }
        _ = try store.prune(olderThan: Self.recent)
        let before = try store.rowCounts()
        let (sizeBefore, sizeAfter) = try store.vacuum()
        #expect(sizeAfter < sizeBefore)
        #expect(try store.rowCounts() == before)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func robotsCopiesAreReplacedBySnapshots() throws {
        let scratch = try Scratch()
        let store = try Store(path: scratch.db)
        let a = Store.RobotsCopy(
            body: Array("User-agent: *\nDisallow: /x\n".utf8), etag: "\"1\"",
            lastModified: "Mon, 18 Nov 2024 00:00:00 GMT")
        let b = Store.RobotsCopy(body: [], etag: nil)
        try store.saveRobotsCopies(["https://a.example": a, "http://b.example:8080": b], at: Self.recent)
        #expect(try store.robotsCopies() == ["https://a.example": a, "http://b.example:8080": b])
        try store.saveRobotsCopies(["https://a.example": a], at: Self.recent)
        #expect(try store.robotsCopies() == ["https://a.example": a])
    }
}
