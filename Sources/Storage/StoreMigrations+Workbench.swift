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
        m.registerMigration("addItemDatesToLinksForEntityPages") { db in
            // A campaign or actor page charts its linked items by day of first sighting and lists them by the
            // date it shows (publication, else first sighting), filtered by source, date range and delta kind.
            // Read through the item, that is one lookup into the (large) item table per link of the entity:
            // thousands per page. Each link therefore carries its item's source, first sighting and shown date,
            // kept exact by the two triggers below (a link's insert, an item's date change; a deleted item or
            // link takes its row with it), and indexes on them serve the chart, the list, its filters and its
            // keyset (date, item id) without touching the item table but for the page's 50 items.
            try db.execute(
                sql: """
                    ALTER TABLE link ADD COLUMN itemSourceId TEXT;
                    ALTER TABLE link ADD COLUMN itemFirstSeenAt DATETIME;
                    ALTER TABLE link ADD COLUMN itemDate DATETIME;   -- COALESCE(item.published, item.firstSeenAt)
                    UPDATE link SET
                      itemSourceId = (SELECT sourceId FROM item WHERE item.id = link.itemId),
                      itemFirstSeenAt = (SELECT firstSeenAt FROM item WHERE item.id = link.itemId),
                      itemDate = (SELECT COALESCE(published, firstSeenAt) FROM item WHERE item.id = link.itemId);
                    CREATE TRIGGER link_item_dates_ai AFTER INSERT ON link BEGIN
                      UPDATE link SET
                        itemSourceId = (SELECT sourceId FROM item WHERE item.id = new.itemId),
                        itemFirstSeenAt = (SELECT firstSeenAt FROM item WHERE item.id = new.itemId),
                        itemDate = (SELECT COALESCE(published, firstSeenAt) FROM item WHERE item.id = new.itemId)
                      WHERE itemId = new.itemId AND entityId = new.entityId;
                    END;
                    CREATE TRIGGER item_link_dates_au AFTER UPDATE OF sourceId, published, firstSeenAt ON item
                    WHEN new.sourceId IS NOT old.sourceId OR new.published IS NOT old.published
                      OR new.firstSeenAt IS NOT old.firstSeenAt
                    BEGIN
                      UPDATE link SET itemSourceId = new.sourceId, itemFirstSeenAt = new.firstSeenAt,
                        itemDate = COALESCE(new.published, new.firstSeenAt)
                      WHERE itemId = new.id;
                    END;
                    CREATE INDEX link_entity_date ON link(entityId, itemDate, itemId);
                    CREATE INDEX link_entity_source_date ON link(entityId, itemSourceId, itemDate, itemId);
                    CREATE INDEX link_entity_first_seen ON link(entityId, itemFirstSeenAt);
                    CREATE INDEX delta_item_kind ON delta(itemId, kind);
                    """)
        }
    }
}
