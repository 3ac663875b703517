import Foundation
import Testing

@testable import Storage

/// The keys behind exactly-once deltas (issue 22, migration `keyDeltasOncePerChange`): an item is `new`
/// once and a revision is followed by at most one `changed` delta, on both backends; an archive that
/// already holds a duplicate keeps the first of each when it is migrated.
@Suite struct DeltaKeyTests {
    /// A store with one item stored, then changed once: deltas `new` and `changed`.
    struct Archive {
        let location: String
        let store: Store
        let run: Int64
        let item: Int64
        let first: Int64
        let second: Int64

        init(_ backend: TestBackend) throws {
            location = try backend.makeLocation("deltakeys")
            store = try Store(path: location)
            try store.syncSources([("feed-a", .feed, "https://example.org/a.xml")])
            let at = Date(timeIntervalSince1970: 1_700_000_000)
            run = try store.beginRun(command: "run", at: at)
            let fetch = FetchLog(url: "https://example.org/a.xml", httpStatus: 200)
            var a = IncomingItem(guid: "g-a", url: "https://e.org/a", title: "Titre A", text: "Texte A", textVersion: 1)
            let new = try store.applyFetch(
                source: "feed-a", run: run, fetch: fetch, items: [a], at: at, nextDue: at)
            a.text = "Texte A, corrigé"
            let changed = try store.applyFetch(
                source: "feed-a", run: run, fetch: fetch, items: [a], at: at.addingTimeInterval(60), nextDue: at)
            #expect(new.deltas.map(\.kind) == [.new] && changed.deltas.map(\.kind) == [.changed])
            item = new.deltas[0].itemID
            let revisions = try store.transaction { s in
                try s.values(
                    "SELECT id FROM itemRevision WHERE itemId = ? ORDER BY id", [new.deltas[0].itemID], as: Int64.self)
            }
            first = revisions[0]
            second = revisions[1]
        }

        /// Inserts a delta as a second writer would, bypassing the store's rules.
        func insert(_ kind: String, previous: Int64?) throws {
            try store.transaction { s in
                _ = try s.insert(
                    """
                    INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, revisionId, previousRevisionId)
                    VALUES (?, ?, 'feed-a', ?, FALSE, ?, ?, ?)
                    """, [run, item, kind, Date(), second, previous])
            }
        }

        func deltas() throws -> [String] {
            try store.transaction { s in
                try s.rows("SELECT kind, previousRevisionId FROM delta ORDER BY id").map { row in
                    let kind: String = try row.require("kind")
                    let previous: Int64? = row["previousRevisionId"]
                    return previous.map { "\(kind)<\($0)" } ?? kind
                }
            }
        }
    }

    @Test(arguments: TestBackend.all) func aSecondNewOrTheSameChangeTwiceIsRefused(_ backend: TestBackend) throws {
        let archive = try Archive(backend)
        #expect(throws: StorageError.self) { try archive.insert("new", previous: nil) }
        #expect(throws: StorageError.self) { try archive.insert("changed", previous: archive.first) }
        // Other kinds, and a change from another revision, are not keyed.
        try archive.insert("reminded", previous: nil)
        try archive.insert("reminded", previous: nil)
        try archive.insert("changed", previous: archive.second)
        #expect(
            try archive.deltas() == [
                "new", "changed<\(archive.first)", "reminded", "reminded", "changed<\(archive.second)",
            ])
    }

    @Test(arguments: TestBackend.all) func anArchiveWithDuplicatesKeepsTheFirstOfEach(_ backend: TestBackend) throws {
        let archive = try Archive(backend)
        // The archive as it was before the migration, with the duplicates two writers could leave.
        try archive.store.transaction { s in
            try s.execute("DROP INDEX delta_new_once")
            try s.execute("DROP INDEX delta_changed_once")
            switch backend {
            case .sqlite: try s.execute("DELETE FROM grdb_migrations WHERE identifier = 'keyDeltasOncePerChange'")
            case .postgres: try s.execute("DELETE FROM veilleMigration WHERE identifier = 'keyDeltasOncePerChange'")
            }
        }
        try archive.insert("new", previous: nil)
        try archive.insert("changed", previous: archive.first)
        try archive.insert("changed", previous: archive.first)
        try archive.insert("reminded", previous: nil)
        #expect(try archive.deltas().count == 6)
        let migrated = try Store(path: archive.location)
        let kept = try migrated.transaction { s in
            try s.rows("SELECT kind, previousRevisionId FROM delta ORDER BY id").map { row -> String in
                let kind: String = try row.require("kind")
                let previous: Int64? = row["previousRevisionId"]
                return previous.map { "\(kind)<\($0)" } ?? kind
            }
        }
        #expect(kept == ["new", "changed<\(archive.first)", "reminded"])
        #expect(throws: StorageError.self) { try archive.insert("new", previous: nil) }
    }
}

/// Two processes writing the same source's crawl at once on PostgreSQL (a `veille crawl` beside the night's
/// workers) take turns on the source's own lock: the second sees what the first stored.
@Suite struct SourceLockTests {
    @Test func theSecondWriterOfTheSameChangeSeesItStored() async throws {
        let archive = try DeltaKeyTests.Archive(.postgres)
        let other = try Store(path: archive.location) // a second process's connection
        let edited = IncomingItem(
            guid: "g-a", url: "https://e.org/a", title: "Titre A", text: "Texte A, corrigé deux fois", textVersion: 1)
        // The first writer stores the change and holds its transaction open for a second.
        let first = Task.detached { [archive] in
            try other.transaction(of: .source("feed-a")) { s in
                try s.execute("UPDATE item SET text = ? WHERE id = ?", [edited.text, archive.item])
                let revision = try s.insert(
                    "INSERT INTO itemRevision(itemId, runId, title, text, reason, recordedAt) VALUES (?, ?, ?, ?, 'changed', ?)",
                    [archive.item, archive.run, edited.title, edited.text, Date()])
                _ = try s.insert(
                    """
                    INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, revisionId, previousRevisionId)
                    VALUES (?, ?, 'feed-a', 'changed', FALSE, ?, ?, ?)
                    """, [archive.run, archive.item, Date(), revision, archive.second])
                Thread.sleep(forTimeInterval: 1)
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        let at = Date(timeIntervalSince1970: 1_700_000_200)
        // Meanwhile this writer stores the same feed: it waits, then finds nothing new.
        let second = try archive.store.applyFetch(
            source: "feed-a", run: archive.run, fetch: FetchLog(url: "https://example.org/a.xml", httpStatus: 200),
            items: [edited], at: at, nextDue: at)
        try await first.value
        #expect(second.deltas.isEmpty)
        #expect(try archive.deltas() == ["new", "changed<\(archive.first)", "changed<\(archive.second)"])
    }
}
