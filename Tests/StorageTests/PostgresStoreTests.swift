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
        let url = try PostgresServer.shared().createDatabase("migrations").url
        let store = try Store(path: url)
        #expect(store.dialect == .postgres)
        let applied = try store.snapshot { try PostgresMigrations.applied($0) }
        #expect(applied.sorted() == StoreMigrations.migrator.migrations.sorted())
        let again = try Store(path: url)
        #expect(try again.snapshot { try PostgresMigrations.applied($0) }.count == applied.count)
        #expect(try again.integrityCheck() == "ok")
        // The password never appears in what the store shows.
        #expect(!store.path.contains(try PostgresServer.shared().password))
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
        #expect(try SearchQuery(parsing: "x'|!y&").tsquery == "'x''|!y&'")
        #expect(try SearchQuery(parsing: "a\\b").tsquery == "'a\\\\b'")
        for bad in ["\"open", "(a", "OR a", "a OR", "nosuch:a", "a)", "title:", "*"] {
            #expect(throws: ArchiveQueryError.self, "\(bad)") { try SearchQuery(parsing: bad) }
        }
    }

    static let corpus: [IncomingItem] = [
        IncomingItem(
            guid: "1", url: "https://e.org/1", title: "Bakou et la Nouvelle-Calédonie",
            text: "Le groupe d'initiative de Bakou soutient les indépendantistes.", textVersion: 1),
        IncomingItem(
            guid: "2", url: "https://e.org/2", title: "Paris 2024",
            text: "Les Jeux olympiques de Paris et la campagne #boycottparis2024.", textVersion: 1),
        IncomingItem(
            guid: "3", url: "https://e.org/3", title: "Corse",
            text: "Une conférence à Bakou sur la Corse et la Nouvelle Calédonie.", textVersion: 1),
        IncomingItem(
            guid: "4", url: "https://e.org/4", title: "Élections", text: "Rien sur les campagnes étrangères ici.",
            textVersion: 1),
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
            ("campa*", [2, 4]), ("title:bakou", [1]), ("text:bakou", [1, 3]), ("(corse OR paris) AND bakou", [3]),
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
        let server = try PostgresServer.shared()
        #expect {
            try Store(path: "postgres://veille:not-the-password@127.0.0.1:\(server.port)/postgres")
        } throws: { error in
            guard case StorageError.open(let path, let message) = error else { return false }
            return !path.contains("not-the-password") && message.contains("password authentication failed")
        }
    }

    @Test func aLostConnectionCostsItsTransactionAndTheNextOneReconnects() throws {
        let store = try TestBackend.postgres.makeStore("reconnect")
        let run = try store.beginRun(command: "run", at: Date())
        // The server ends this session (as a restart or a network cut would).
        #expect(throws: StorageError.self) {
            try store.transaction { s in try s.execute("SELECT pg_terminate_backend(pg_backend_pid())") }
        }
        #expect(try store.runExists(run))
        #expect(try store.beginRun(command: "run", at: Date()) == run + 1)
    }

    @Test func aURLWithoutUserOrDatabaseIsRefusedBeforeConnecting() throws {
        #expect(throws: StorageError.self) { try Store(path: "postgres://127.0.0.1/veille") }
        #expect(throws: StorageError.self) { try Store(path: "postgres://veille@127.0.0.1") }
        #expect(try PostgresURL("veille.sqlite") == nil)
        let url = try #require(
            try PostgresURL("postgresql://a%40b:p%3Ass@db.example:6543/arch%C3%AFve", environment: [:]))
        #expect(url.user == "a@b" && url.password == "p:ss" && url.port == 6543 && url.database == "archïve")
        #expect(url.description == "postgres://a@b@db.example:6543/archïve")
        #expect(url.sslMode == .prefer)
    }

    /// `?sslmode=` reaches the store's connection: `require` against the tests' server, which offers no TLS,
    /// is refused (the archive never travels in clear when TLS is asked for); `disable` and the default
    /// `prefer` connect; anything else is refused before connecting, naming the value.
    @Test func sslModeIsHonoured() throws {
        let server = try PostgresServer.shared()
        let base = try server.createDatabase("sslmode").url
        let query = base.contains("?") ? "&" : "?"
        #expect(try PostgresURL(base + query + "sslmode=require", environment: [:])?.sslMode == .require)
        #expect(throws: StorageError.self) { try Store(path: base + query + "sslmode=require") }
        _ = try Store(path: base + query + "sslmode=disable")
        _ = try Store(path: base)
        #expect {
            try Store(path: base + query + "sslmode=verify-full")
        } throws: { error in
            guard case StorageError.open(_, let message) = error else { return false }
            return message.contains("sslmode") && message.contains("verify-full")
        }
    }
}

/// The workbench's read-only view (`veille serve`, `veille show`) gives the same answers on both backends.
@Suite struct ArchiveReaderBackendTests {
    /// A store and a reader on the same archive, with two sources, linked items, a change and a failure.
    static func archive(_ backend: TestBackend) throws -> (Store, ArchiveReader) {
        let path: String
        switch backend {
        case .sqlite:
            let dir = NSTemporaryDirectory() + "veille-reader-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            path = dir + "/v.sqlite"
        case .postgres:
            path = try PostgresServer.shared().createDatabase("reader").url
        }
        let store = try Store(path: path)
        try store.syncSources([("s", .feed, "https://e.org/feed"), ("t", .feed, "https://t.org/feed")])
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        let run = try store.beginRun(command: "run", at: t0)
        _ = try store.applyFetch(
            source: "s", run: run, fetch: FetchLog(url: "https://e.org/feed", httpStatus: 200),
            items: PostgresStoreTests.corpus, at: t0, nextDue: t0)
        try store.recordFailure(
            source: "t", run: run, fetch: FetchLog(url: "https://t.org/feed", error: "HTTP 503"), error: "HTTP 503",
            blocked: false, at: t0, nextDue: t0)
        try store.finishRun(run, status: .completed, summary: "{}", at: t0)
        let t1 = t0.addingTimeInterval(3600)
        let run2 = try store.beginRun(command: "run", at: t1)
        var edited = PostgresStoreTests.corpus[0]
        edited.title = "Bakou et la Nouvelle-Calédonie, suite"
        _ = try store.applyFetch(
            source: "s", run: run2, fetch: FetchLog(url: "https://e.org/feed", httpStatus: 200),
            items: [edited] + PostgresStoreTests.corpus.dropFirst(), at: t1, nextDue: t1)
        try store.replaceLinks(
            [
                1: [ItemLink(entityID: "bakou", entityKind: "actor", evidence: "[]")],
                3: [
                    ItemLink(entityID: "bakou", entityKind: "actor", evidence: "[]"),
                    ItemLink(entityID: "corse", entityKind: "campaign", evidence: "[]"),
                ],
            ], watchlistHash: "h", at: t1)
        try store.finishRun(run2, status: .completed, summary: "{}", at: t1)
        return (store, try ArchiveReader(path: path))
    }

    @Test func theReaderAnswersTheSameOnBothBackends() throws {
        let (sqliteStore, sqlite) = try Self.archive(.sqlite)
        let (pgStore, pg) = try Self.archive(.postgres)
        #expect(pg.dialect == .postgres)
        let now = Date(timeIntervalSince1970: 1_796_000_000 + 7200)
        #expect(try sqlite.entityActivity(now: now) == pg.entityActivity(now: now))
        #expect(try pg.entityActivity(now: now).first { $0.entityID == "bakou" }?.today == 2)
        let since = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(try sqlite.dailyCounts(entity: nil, since: since) == pg.dailyCounts(entity: nil, since: since))
        #expect(try sqlite.dailyCounts(entity: "corse", since: since) == pg.dailyCounts(entity: "corse", since: since))
        #expect(try sqlite.latestDeltas(limit: 10) == pg.latestDeltas(limit: 10))
        #expect(try pg.latestDeltas(limit: 10).map(\.kind) == ["changed"])
        #expect(try sqlite.allSources() == pg.allSources())
        #expect(try sqlite.sourcesInTrouble() == pg.sourcesInTrouble())
        #expect(try pg.sourcesInTrouble().map(\.id) == ["t"])
        #expect(try sqlite.runs(limit: 10) == pg.runs(limit: 10))
        #expect(try sqlite.runs(before: 2, limit: 10) == pg.runs(before: 2, limit: 10))
        #expect(try sqlite.dossier(item: 1) == pg.dossier(item: 1))
        #expect(try pg.dossier(item: 1)?.revisions.count == 2)
        #expect(try pg.dossier(item: 99) == nil)
        for filter in [ItemFilter(), ItemFilter(deltaKind: .changed), ItemFilter(before: 3), ItemFilter(source: "t")] {
            #expect(
                try sqlite.linkedItems(entity: "bakou", filter: filter)
                    == pg.linkedItems(entity: "bakou", filter: filter))
        }
        for query in ["bakou", "\"nouvelle calédonie\" NOT corse", "campa*", "title:suite"] {
            let a = try sqlite.search(query, filter: SearchFilter()).map(\.itemID)
            let b = try pg.search(query, filter: SearchFilter()).map(\.itemID)
            #expect(a == b && !a.isEmpty, "\(query)")
        }
        #expect(try pg.search("bakou", filter: SearchFilter(entity: "corse")).map(\.itemID) == [3])
        #expect(try pg.search("bakou", filter: SearchFilter()).allSatisfy { $0.snippet.contains("\u{E000}") })
        #expect(throws: ArchiveQueryError.self) { try pg.search("\"open", filter: SearchFilter()) }
        #expect(throws: ArchiveQueryError.self) { try sqlite.search("\"open", filter: SearchFilter()) }
        let item = try #require(try pg.dossier(item: 3)?.item)
        #expect(try pg.nearbyTexts(item: item, words: ["bakou"], window: 86_400, limit: 10).isEmpty)
        let mark = try pg.changeMark()
        try pgStore.finishRun(try pgStore.beginRun(command: "run", at: now), status: .completed, summary: nil, at: now)
        #expect(try pg.changeMark() != mark)
        _ = sqliteStore
    }
}

/// `veille copy-db`'s copy, table by table.
@Suite struct DatabaseCopyTests {
    @Test func everyTableOfTheSchemaIsCopied() throws {
        let store = try TestBackend.sqlite.makeStore("tables")
        let tables = try store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                      AND name NOT LIKE 'itemSearch%' AND name <> 'grdb_migrations'
                    """)
        }
        #expect(Set(tables) == Set(DatabaseCopy.tables))
    }

    @Test func anArchiveIsCopiedWholeAndReadsTheSame() throws {
        let sqlite = try TestBackend.sqlite.makeStore("copy-from")
        try sqlite.syncSources([("s", .feed, "https://e.org/feed"), ("t", .feed, "https://t.org/feed")])
        let t0 = Date(timeIntervalSince1970: 1_796_000_000.25)
        let run = try sqlite.beginRun(command: "run", at: t0)
        _ = try sqlite.applyFetch(
            source: "s", run: run, fetch: FetchLog(url: "https://e.org/feed", httpStatus: 200, etag: "\"e1\""),
            items: PostgresStoreTests.corpus, at: t0, nextDue: t0.addingTimeInterval(3600), keepTextOnUpdate: true)
        let task = try #require(try sqlite.pendingArticles(source: "s").first)
        let raw = Array("<html><body><p>Le texte entier.</p></body></html>".utf8)
        try sqlite.storeFirstArticle(
            item: task.itemID, url: task.url,
            result: ArticleResult(
                raw: raw, status: 200, etag: "\"a\"", lastModified: nil, text: "Le texte entier.", title: nil,
                canonicalURL: nil, byline: "A. Auteur", language: "fr", published: nil, extractorVersion: 1),
            at: t0)
        try sqlite.replaceLinks(
            [task.itemID: [ItemLink(entityID: "bakou", entityKind: "actor", evidence: "[{\"alias\":\"Bakou\"}]")]],
            watchlistHash: "h", at: t0)
        try sqlite.recordFailure(
            source: "t", run: run, fetch: FetchLog(url: "https://t.org/feed", error: "HTTP 503"), error: "HTTP 503",
            blocked: false, at: t0, nextDue: t0)
        try sqlite.saveRobotsCopies(
            ["https://e.org": .init(body: Array("User-agent: *\n".utf8), etag: "\"r\"")], at: t0)
        let message = try sqlite.storeDigestMessage(
            NewDigestMessage(
                digestId: "d", recipient: "a@example.org", messageId: "<1@veille>", format: .email, path: nil,
                body: Data("Subject: x\r\n\r\nbody".utf8), runs: [run], createdAt: t0),
            deltas: [(id: 1, listed: true), (id: 2, listed: false)])
        try sqlite.markDelivered(message: message.id, at: t0)
        try sqlite.finishRun(run, status: .completed, summary: "{\"sources\":2}", at: t0)

        let pg = try TestBackend.postgres.makeStore("copy-to")
        let counts = try DatabaseCopy.copy(from: sqlite, to: pg)
        #expect(counts.allSatisfy { $0.source == $0.target })
        #expect(counts.first { $0.table == "item" }?.target == 4 && counts.first { $0.table == "outbox" }?.target == 2)
        #expect(try pg.sourceStates() == sqlite.sourceStates())
        #expect(try pg.evidence(item: task.itemID).map(\.raw) == [raw])
        #expect(try pg.robotsCopies() == sqlite.robotsCopies())
        #expect(try pg.digestMessages(digest: "d") == sqlite.digestMessages(digest: "d"))
        #expect(try pg.links(items: [task.itemID]) == sqlite.links(items: [task.itemID]))
        let since = Date(timeIntervalSince1970: 0)
        #expect(
            try pg.deltas(.since(since)).map { $0.json.serialized() }
                == sqlite.deltas(.since(since)).map { $0.json.serialized() })
        #expect(try pg.latestCompletedRun() == run)
        // Ids continue after the copied ones.
        #expect(try pg.beginRun(command: "run", at: t0) == run + 1)
        // A second copy into it is refused, and changes nothing.
        #expect(throws: StorageError.self) { try DatabaseCopy.copy(from: sqlite, to: pg) }
        #expect(try pg.itemCounts() == sqlite.itemCounts())
    }
}
