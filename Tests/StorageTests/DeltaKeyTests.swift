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
                try s.values("SELECT id FROM itemRevision WHERE itemId = ? ORDER BY id", [new.deltas[0].itemID], as: Int64.self)
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
