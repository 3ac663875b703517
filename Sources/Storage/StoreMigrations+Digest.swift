import GRDB

extension StoreMigrations {
    /// Migrations for per-recipient digests and the outbox. Never edit a shipped one: add another.
    static func registerDigestMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("createDigestOutbox") { db in
            // digestState: when a digest of digests.yaml was first seen; it covers deltas after startDeltaId only
            // (a digest added later does not inherit the history).
            // digestMessage: one rendered message (or file) per digest and recipient, stored with its Message-ID
            // BEFORE it is sent; delivered once the server accepted it (or the file is in place).
            // outbox: one row per (digest, recipient, delta), pointing at the message that carries it.
            try db.execute(
                sql: """
                    CREATE TABLE digestState (
                      digestId TEXT PRIMARY KEY,
                      addedAt DATETIME NOT NULL,
                      startDeltaId INTEGER NOT NULL            -- deltas with a greater id are this digest's
                    );
                    CREATE TABLE digestMessage (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      digestId TEXT NOT NULL,
                      recipient TEXT NOT NULL,                 -- an email address, or 'file'
                      messageId TEXT NOT NULL UNIQUE,          -- <…@…>: the same on every attempt
                      format TEXT NOT NULL,                    -- email | html | markdown | json | atom
                      path TEXT,                               -- file digests: where the body goes
                      body BLOB NOT NULL,                      -- the whole message (CRLF, MIME) or file, as sent
                      runs TEXT NOT NULL,                      -- JSON list of the runs it covers
                      createdAt DATETIME NOT NULL,
                      status TEXT NOT NULL,                    -- pending | delivered
                      attempts INTEGER NOT NULL DEFAULT 0,
                      lastError TEXT,
                      deliveredAt DATETIME
                    );
                    CREATE INDEX digestMessage_pending ON digestMessage(digestId, recipient, status);
                    CREATE TABLE outbox (
                      digestId TEXT NOT NULL,
                      recipient TEXT NOT NULL,
                      deltaId INTEGER NOT NULL REFERENCES delta(id) ON DELETE CASCADE,
                      messageRowId INTEGER REFERENCES digestMessage(id), -- null: covered without a message (quiet digest)
                      listed BOOLEAN NOT NULL,                 -- shown as an item (else counted only: baseline, unlisted)
                      deliveredAt DATETIME,
                      PRIMARY KEY (digestId, recipient, deltaId)
                    );
                    CREATE INDEX outbox_message ON outbox(messageRowId);
                    """)
        }
    }
}
