import GRDB

extension StoreMigrations {
    /// Migrations for several writers on one archive (workers sharing a PostgreSQL night, issue 22). Never
    /// edit a shipped one: add another, to both backends (``PostgresSchema/workers``).
    static func registerWorkerMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("keyDeltasOncePerChange") { db in
            // An item is `new` once, and a revision is followed by at most one `changed` delta: two writers
            // storing the same change (the fence of ``SourceFence`` keeps them apart; this is the key behind
            // it) fail on the second insert instead of doubling the delta. Sénat and Assemblée events repeat
            // legitimately (`reminded`, `renewed`) and are not keyed here. An archive that already holds such
            // a duplicate keeps the first of each (the later one's outbox rows go with it; the messages that
            // carried it stay).
            try db.execute(sql: deltaKeys)
        }
    }

    /// The statements of `keyDeltasOncePerChange`, the same on both backends. The duplicates are found with
    /// `EXISTS` over `delta_item_kind`, never `NOT IN (SELECT …)`: on PostgreSQL a subquery result past
    /// `work_mem` is scanned once per row (hours over a million deltas; this takes about a second).
    static let deltaKeys = """
        DELETE FROM delta WHERE kind = 'new' AND EXISTS (
          SELECT 1 FROM delta e WHERE e.itemId = delta.itemId AND e.kind = 'new' AND e.id < delta.id);
        DELETE FROM delta WHERE kind = 'changed' AND previousRevisionId IS NOT NULL AND EXISTS (
          SELECT 1 FROM delta e WHERE e.itemId = delta.itemId AND e.kind = 'changed'
            AND e.previousRevisionId = delta.previousRevisionId AND e.id < delta.id);
        CREATE UNIQUE INDEX delta_new_once ON delta(itemId) WHERE kind = 'new';
        CREATE UNIQUE INDEX delta_changed_once ON delta(itemId, previousRevisionId) WHERE kind = 'changed';
        """
}
