import GRDB

extension StoreMigrations {
    /// Migrations for article pages and evidence. Never edit a shipped one: add another.
    static func registerArticleMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("createArticlesAndEvidence") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article (                   -- the page of an item of an `articles: true` source
                      itemId INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
                      url TEXT NOT NULL,
                      state TEXT NOT NULL,                   -- pending | done | failed | gave-up | removed
                      tries INTEGER NOT NULL DEFAULT 0,
                      lastError TEXT,
                      etag TEXT,
                      lastModified TEXT,
                      firstFetchedAt DATETIME,               -- start of the re-check period
                      lastCheckedAt DATETIME,
                      extractorVersion INTEGER,
                      byline TEXT,
                      language TEXT
                    );
                    CREATE INDEX article_state ON article(state);
                    CREATE TABLE evidence (                  -- raw page bytes of linked items, as fetched
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      url TEXT NOT NULL,
                      fetchedAt DATETIME NOT NULL,
                      httpStatus INTEGER NOT NULL,
                      etag TEXT,
                      lastModified TEXT,
                      sha256 TEXT NOT NULL,                  -- of the raw bytes
                      length INTEGER NOT NULL,
                      body BLOB NOT NULL                     -- zlib-compressed raw bytes
                    );
                    CREATE INDEX evidence_item ON evidence(itemId);
                    """)
        }
    }
}
