import GRDB

/// The database schema, as named migrations. A migration is never edited once shipped: a change is a
/// new migration. Tables are singular camelCase.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("createRunsSourcesAndFetches") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      command TEXT NOT NULL,                 -- run | crawl | demo
                      startedAt DATETIME NOT NULL,
                      finishedAt DATETIME,
                      status TEXT NOT NULL,                  -- running | completed | failed
                      summary TEXT                           -- JSON RunReport, once finished
                    );
                    CREATE TABLE source (
                      id TEXT PRIMARY KEY,
                      kind TEXT NOT NULL,
                      url TEXT NOT NULL,
                      etag TEXT,                             -- validators of the source's own URL
                      lastModified TEXT,
                      firstSuccessAt DATETIME,               -- nil until a crawl stored a baseline
                      lastAttemptAt DATETIME,
                      lastSuccessAt DATETIME,
                      status TEXT,                           -- ok | not-modified | failed | blocked
                      lastError TEXT,
                      consecutiveFailures INTEGER NOT NULL DEFAULT 0,
                      nextDueAt DATETIME
                    );
                    CREATE TABLE fetch (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      runId INTEGER REFERENCES run(id),
                      sourceId TEXT NOT NULL,
                      url TEXT NOT NULL,
                      finalUrl TEXT,
                      httpStatus INTEGER,
                      etag TEXT,
                      lastModified TEXT,
                      bytes INTEGER NOT NULL DEFAULT 0,
                      durationMs INTEGER NOT NULL DEFAULT 0,
                      error TEXT,
                      at DATETIME NOT NULL
                    );
                    CREATE INDEX fetch_source ON fetch(sourceId, at);
                    """)
        }
        m.registerMigration("createItemsRevisionsAndDeltas") { db in
            try db.execute(
                sql: """
                    CREATE TABLE item (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      sourceId TEXT NOT NULL,
                      guid TEXT,
                      url TEXT,
                      normalizedUrl TEXT,
                      canonicalUrl TEXT,
                      title TEXT,
                      text TEXT,                             -- what matching reads: article, entry content or summary
                      summary TEXT,                          -- the feed's own summary, kept beside an article
                      author TEXT,
                      published DATETIME,
                      updated DATETIME,
                      textVersion INTEGER NOT NULL DEFAULT 0, -- version of veille's code that produced text
                      firstSeenAt DATETIME NOT NULL,
                      lastSeenAt DATETIME NOT NULL,
                      firstRunId INTEGER
                    );
                    CREATE UNIQUE INDEX item_source_guid ON item(sourceId, guid) WHERE guid IS NOT NULL;
                    CREATE INDEX item_source_url ON item(sourceId, normalizedUrl);
                    CREATE INDEX item_first_seen ON item(firstSeenAt);
                    CREATE TABLE itemRevision (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      runId INTEGER,
                      title TEXT,
                      text TEXT,
                      reason TEXT NOT NULL,                  -- first | changed | silent
                      recordedAt DATETIME NOT NULL
                    );
                    CREATE INDEX itemRevision_item ON itemRevision(itemId);
                    CREATE TABLE delta (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      runId INTEGER NOT NULL REFERENCES run(id),
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      sourceId TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      baseline BOOLEAN NOT NULL DEFAULT 0,
                      at DATETIME NOT NULL,
                      revisionId INTEGER,                    -- the revision this delta produced
                      previousRevisionId INTEGER,            -- for changed: the one before
                      detail TEXT                            -- JSON: what a digest needs beyond the item
                    );
                    CREATE INDEX delta_run ON delta(runId);
                    CREATE INDEX delta_at ON delta(at);
                    CREATE INDEX delta_item ON delta(itemId);
                    """)
        }
        m.registerMigration("createItemSearch") { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE itemSearch USING fts5(title, text, content='item', content_rowid='id',
                                                              tokenize='unicode61 remove_diacritics 2');
                    CREATE TRIGGER item_ai AFTER INSERT ON item BEGIN
                      INSERT INTO itemSearch(rowid, title, text) VALUES (new.id, new.title, new.text);
                    END;
                    CREATE TRIGGER item_ad AFTER DELETE ON item BEGIN
                      INSERT INTO itemSearch(itemSearch, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
                    END;
                    CREATE TRIGGER item_au AFTER UPDATE OF title, text ON item BEGIN
                      INSERT INTO itemSearch(itemSearch, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
                      INSERT INTO itemSearch(rowid, title, text) VALUES (new.id, new.title, new.text);
                    END;
                    """)
        }
        m.registerMigration("createLinks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE link (                      -- an item linked to a campaign or an actor
                      itemId INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      entityId TEXT NOT NULL,
                      entityKind TEXT NOT NULL,              -- campaign | actor
                      watchlistHash TEXT NOT NULL,
                      linkedAt DATETIME NOT NULL,
                      evidence TEXT NOT NULL,                -- JSON list of matches: alias, found, field, offsets, snippet, rule
                      PRIMARY KEY (itemId, entityId)
                    );
                    CREATE INDEX link_entity ON link(entityId);
                    """)
        }
        m.registerMigration("addItemNeedsMatch") { db in
            // Set with an item's new or changed text, in the same transaction as its delta; cleared with its
            // links: a run killed between the two leaves the item to be matched by the next run.
            try db.execute(
                sql: """
                    ALTER TABLE item ADD COLUMN needsMatch BOOLEAN NOT NULL DEFAULT 0;
                    CREATE INDEX item_needs_match ON item(needsMatch) WHERE needsMatch;
                    """)
        }
        // Each feature's migrations, in a fixed order after the foundation's (each in its own file).
        registerSenateMigrations(&m)
        registerArticleMigrations(&m)
        registerDigestMigrations(&m)
        registerOperationsMigrations(&m)
        registerFeedSignalMigrations(&m)
        registerAssembleeMigrations(&m)
        registerWorkbenchMigrations(&m)
        registerWorkerMigrations(&m)
        return m
    }
}
