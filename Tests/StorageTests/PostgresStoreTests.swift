import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

/// What only the PostgreSQL backend has: its migrations, its placeholders, its search translation, its
/// connection errors, and the copy of a SQLite archive into it. Against the tests' real server.
@Suite struct PostgresStoreTests {
    @Test func theMigrationsHaveTheSameNamesInTheSameOrderOnBothBackends() {
        #expect(PostgresMigrations.all.map(\.0) == StoreMigrations.migrator.migrations)
    }

    @Test func everyMigrationIsAppliedOnceAndReopeningAppliesNone() throws {
        let url = try PostgresTestServer.shared().makeDatabase("migrations")
        let store = try Store(path: url)
        #expect(store.dialect == .postgres)
        let applied = try store.snapshot { try PostgresMigrations.applied($0) }
        #expect(applied.sorted() == StoreMigrations.migrator.migrations.sorted())
        let again = try Store(path: url)
        #expect(try again.snapshot { try PostgresMigrations.applied($0) }.count == applied.count)
        #expect(try again.integrityCheck() == "ok")
        // The password never appears in what the store shows.
        #expect(!store.path.contains(try PostgresTestServer.shared().password))
    }

    @Test func placeholdersAreNumberedOutsideStringsIdentifiersAndComments() {
        #expect(
            PostgresSession.numberPlaceholders("SELECT '?', \"a?\", ? -- ?\n, 'it''s ?', ?")
                == "SELECT '?', \"a?\", $1 -- ?\n, 'it''s ?', $2")
    }

    @Test func theSearchSyntaxIsParsedOnceAndEveryOperandQuoted() throws {
        #expect(try SearchQuery(parsing: "bakou").tsquery == "'bakou'")
        #expect(try SearchQuery(parsing: "jeux paris*").tsquery == "('jeux' & 'paris':*)")
        #expect(
            try SearchQuery(parsing: "\"nouvelle calédonie\" OR title:kanak NOT bakou").tsquery
                == "('nouvelle calédonie' | ('kanak':A & !'bakou'))")
        #expect(try SearchQuery(parsing: "(a OR b) c").tsquery == "(('a' | 'b') & 'c')")
        // tsquery operators in the user's text stay inside one quoted operand.
        #expect(try SearchQuery(parsing: "x'|!y:*").tsquery == "'x''|!y:*'")
        #expect(try SearchQuery(parsing: "a\\b").tsquery == "'a\\\\b'")
        for bad in ["\"open", "(a", "OR a", "a OR", "nosuch:a", "a)", "title:", "*"] {
            #expect(throws: ArchiveQueryError.self, "\(bad)") { try SearchQuery(parsing: bad) }
        }
    }

    static let corpus: [IncomingItem] = [
        IncomingItem(guid: "1", url: "https://e.org/1", title: "Bakou et la Nouvelle-Calédonie", text: "Le groupe d'initiative de Bakou soutient les indépendantistes.", textVersion: 1),
        IncomingItem(guid: "2", url: "https://e.org/2", title: "Paris 2024", text: "Les Jeux olympiques de Paris et la campagne #boycottparis2024.", textVersion: 1),
        IncomingItem(guid: "3", url: "https://e.org/3", title: "Corse", text: "Une conférence à Bakou sur la Corse et la Nouvelle Calédonie.", textVersion: 1),
        IncomingItem(guid: "4", url: "https://e.org/4", title: "Élections", text: "Rien sur les campagnes étrangères ici.", textVersion: 1),
    ]

    /// Item ids matching `query`: FTS5 on SQLite as the user wrote it, the translated tsquery on PostgreSQL.
    static func matches(_ query: String, _ store: Store) throws -> [Int64] {
        switch store.dialect {
        case .sqlite:
            return try store.read { db in
                try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM itemSearch WHERE itemSearch MATCH ? ORDER BY rowid", arguments: [query])
            }
        case .postgres:
            let q = try SearchQuery(parsing: query)
            return try store.snapshot { s in
                try s.values(
                    "SELECT id FROM item WHERE searchVector @@ to_tsquery('veille_simple', ?) ORDER BY id", [q.tsquery],
                    as: Int64.self)
            }
        }
    }

    @Test func theSameQueriesFindTheSameItemsOnBothBackends() throws {
        let stores = try TestBackend.all.map { try $0.makeStore("search") }
        for store in stores {
            try store.syncSources([("s", .feed, "https://e.org/feed")])
            let at = Date(timeIntervalSince1970: 1_700_000_000)
            let run = try store.beginRun(command: "run", at: at)
            _ = try store.applyFetch(
                source: "s", run: run, fetch: FetchLog(url: "https://e.org/feed", httpStatus: 200), items: Self.corpus,
                at: at, nextDue: at)
        }
        let expected: [(String, [Int64])] = [
            ("bakou", [1, 3]), ("BAKOU", [1, 3]), ("caledonie", [1, 3]), ("calédonie", [1, 3]),
            ("\"nouvelle caledonie\"", [1, 3]), ("bakou NOT corse", [1]), ("corse OR jeux", [2, 3]),
            ("campa*", [2, 4]), ("title:bakou", [1]), ("text:bakou", [1, 3]), ("(corse OR paris) bakou", [3]),
            ("elections", [4]), ("absent", []),
        ]
        for (query, ids) in expected {
            for store in stores {
                #expect(try Self.matches(query, store) == ids, "\(query) on \(store.dialect)")
            }
        }
        // The store's own search (each word quoted) on both.
        for store in stores {
            let hits = try store.search("nouvelle bakou")
            #expect(hits.map(\.itemID).sorted() == [1, 3], "\(store.dialect)")
            #expect(hits.allSatisfy { $0.snippet.contains("«") }, "\(store.dialect): \(hits.map(\.snippet))")
        }
    }

    @Test func anUnreachableServerIsAnOpenErrorWithTheReason() throws {
        // A port nothing listens on: bound and closed at once would race; port 1 is privileged and unused.
        #expect {
            try Store(path: "postgres://veille@127.0.0.1:1/veille")
        } throws: { error in
            guard case StorageError.open(let path, let message) = error else { return false }
            return path == "postgres://veille@127.0.0.1:1/veille" && message.lowercased().contains("refused")
        }
    }

    @Test func aWrongPasswordIsAnOpenErrorWithTheServersReason() throws {
        let server = try PostgresTestServer.shared()
        #expect {
            try Store(path: server.url(database: "postgres", password: "not-the-password"))
        } throws: { error in
            guard case StorageError.open(let path, let message) = error else { return false }
            return !path.contains("not-the-password") && message.contains("password authentication failed")
        }
    }

    @Test func aURLWithoutUserOrDatabaseIsRefusedBeforeConnecting() throws {
        #expect(throws: StorageError.self) { try Store(path: "postgres://127.0.0.1/veille") }
        #expect(throws: StorageError.self) { try Store(path: "postgres://veille@127.0.0.1") }
        #expect(try PostgresURL("veille.sqlite") == nil)
        let url = try #require(try PostgresURL("postgresql://a%40b:p%3Ass@db.example:6543/arch%C3%AFve", environment: [:]))
        #expect(url.user == "a@b" && url.password == "p:ss" && url.port == 6543 && url.database == "archïve")
        #expect(url.description == "postgres://a@b@db.example:6543/archïve")
    }
}
