import GRDB

extension StoreMigrations {
    /// Migrations for the Assemblée nationale's written questions. Never edit a shipped one: add another.
    static func registerAssembleeMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("createAssembleeQuestionAndArchive") { db in
            // One row per question of an `assemblee-questions` source, beside its item: the last reading of
            // its record, the zip entry it came from (an equal CRC and size is an unchanged record, never
            // inflated again), and the author's name once the question's page gave it.
            // One row per source for the archive last read whole: its content hash, so an archive served
            // again with new validators but the same bytes costs one hash and nothing else.
            try db.execute(
                sql: """
                    CREATE TABLE assembleeQuestion (
                      sourceId TEXT NOT NULL,
                      uid TEXT NOT NULL,                     -- QANR5L17QE1234: the stable key
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      number TEXT,
                      legislature INTEGER,
                      state TEXT NOT NULL,                   -- pending | answered | withdrawn | lapsed | closed
                      entryCrc INTEGER NOT NULL,             -- CRC-32 of the zip entry last read
                      entrySize INTEGER NOT NULL,            -- its uncompressed size
                      snapshot TEXT NOT NULL,                -- JSON WrittenQuestion, handed back as `old`
                      authorName TEXT,                       -- from the question's page; NULL until read
                      pageUrl TEXT,
                      pageEtag TEXT,
                      pageLastModified TEXT,
                      lastPageFetchAt DATETIME,
                      pageTries INTEGER NOT NULL DEFAULT 0,
                      pageDue BOOLEAN NOT NULL DEFAULT 1,    -- new or changed since the page was last read
                      updatedAt DATETIME NOT NULL,
                      PRIMARY KEY (sourceId, uid)
                    );
                    CREATE INDEX assembleeQuestion_item ON assembleeQuestion(itemId);
                    CREATE INDEX assembleeQuestion_page_due ON assembleeQuestion(sourceId) WHERE pageDue;
                    CREATE TABLE assembleeArchive (
                      sourceId TEXT PRIMARY KEY,
                      sha256 TEXT NOT NULL,                  -- of the whole zip file
                      bytes INTEGER NOT NULL,
                      entries INTEGER NOT NULL,
                      readAt DATETIME NOT NULL
                    );
                    """)
        }
    }
}
