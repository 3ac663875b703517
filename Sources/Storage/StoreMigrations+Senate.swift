import GRDB

extension StoreMigrations {
    /// Migrations for Sénat questions. Never edit a shipped one: add another.
    static func registerSenateMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("createSenateQuestion") { db in
            // One row per question of a `senate-questions` source, beside its item: what the last crawl
            // knew (the merged snapshot, the CSV row, the parsed page) and the page's fetch state.
            try db.execute(
                sql: """
                    CREATE TABLE senateQuestion (
                      sourceId TEXT NOT NULL,
                      reference TEXT NOT NULL,               -- qSEQ231109012: the stable key
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      number TEXT,                           -- as printed: resolves "Rappelle la question n° …"
                      state TEXT NOT NULL,                   -- the snapshot's state, for the weekly re-checks
                      snapshot TEXT NOT NULL,                -- JSON SenateSnapshot, handed back as `old`
                      csvRow TEXT,                           -- JSON SenateCSVRow (line zeroed): equal text = unchanged row
                      page TEXT,                             -- JSON SenateQuestion of the last usable page
                      pageUrl TEXT,
                      pageEtag TEXT,
                      pageLastModified TEXT,
                      lastPageFetchAt DATETIME,              -- last attempt at the page, whatever it gave
                      pageTries INTEGER NOT NULL DEFAULT 0,  -- attempts since the last usable page
                      pageRetry BOOLEAN NOT NULL DEFAULT 0,  -- fetch the page next run (not yet online, 404, row changed)
                      updatedAt DATETIME NOT NULL,
                      PRIMARY KEY (sourceId, reference)
                    );
                    CREATE INDEX senateQuestion_item ON senateQuestion(itemId);
                    CREATE INDEX senateQuestion_number ON senateQuestion(sourceId, number);
                    """)
        }
    }
}
