import GRDB

extension StoreMigrations {
    /// Migrations for the workbench's read paths (`veille serve`, issue 17). Never edit a shipped one: add
    /// another. `serve` opens the database read-only and applies none: the writer commands do.
    static func registerWorkbenchMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("indexLinksByEntityAndItem") { db in
            // A campaign or actor page lists its items newest first and pages by item id (keyset): the index
            // hands them over in order, without sorting every link of the entity.
            // The item page lists an item's deltas by time; the dashboard reads the latest deltas by id.
            try db.execute(
                sql: """
                    CREATE INDEX link_entity_item ON link(entityId, itemId);
                    CREATE INDEX delta_item_at ON delta(itemId, at);
                    """)
        }
    }
}
