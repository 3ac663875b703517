import GRDB

extension StoreMigrations {
    /// Migrations for operations (robots.txt cache, maintenance). Never edit a shipped one: add another.
    static func registerOperationsMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("createRobots") { db in
            // The robots.txt of each site (`scheme://host[:port]`) as last fetched, with its validators, so
            // that the next run asks with a conditional GET and reuses the copy on a 304.
            try db.execute(
                sql: """
                    CREATE TABLE robots (
                      site TEXT PRIMARY KEY,
                      body BLOB NOT NULL,                    -- at most 500 KiB (RFC 9309 cap)
                      etag TEXT,
                      lastModified TEXT,
                      fetchedAt DATETIME NOT NULL            -- when this copy was first stored
                    );
                    """)
        }
        m.registerMigration("indexItemRevisionRecordedAt") { db in
            // `veille prune` selects revisions by age.
            try db.execute(sql: "CREATE INDEX itemRevision_recorded ON itemRevision(recordedAt)")
        }
    }
}
