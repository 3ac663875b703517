import Foundation
import GRDB

extension ArchiveReader {
    /// Everything stored about one item, read in one snapshot; nil when there is no such item.
    public func dossier(item id: Int64) throws -> ItemDossier? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM item WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let links = try Row.fetchAll(
                db,
                sql: "SELECT entityId, entityKind, evidence FROM link WHERE itemId = ? ORDER BY entityKind, entityId",
                arguments: [id]
            ).map { LinkEntry(entityID: $0["entityId"], entityKind: $0["entityKind"], evidence: $0["evidence"]) }
            let revisions = try Row.fetchAll(
                db, sql: "SELECT * FROM itemRevision WHERE itemId = ? ORDER BY id", arguments: [id]
            ).map { r in
                RevisionEntry(
                    id: r["id"], runID: r["runId"], title: r["title"], text: r["text"], reason: r["reason"],
                    recordedAt: r["recordedAt"])
            }
            let snapshots = try Row.fetchAll(
                db,
                sql: """
                    SELECT url, fetchedAt, httpStatus, etag, lastModified, sha256, length FROM evidence
                    WHERE itemId = ? ORDER BY id
                    """, arguments: [id]
            ).enumerated().map { n, r in Self.snapshot(n + 1, r) }
            let deltas = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, i.title FROM delta d JOIN item i ON i.id = d.itemId
                    WHERE d.itemId = ? ORDER BY d.at, d.id
                    """, arguments: [id]
            ).map(Self.delta)
            let article = try Row.fetchOne(
                db, sql: "SELECT state, lastError, lastCheckedAt FROM article WHERE itemId = ?", arguments: [id]
            ).map { ArticleEntry(state: $0["state"], lastError: $0["lastError"], lastCheckedAt: $0["lastCheckedAt"]) }
            let senate = try Row.fetchOne(
                db, sql: "SELECT reference, number, state, pageUrl FROM senateQuestion WHERE itemId = ? LIMIT 1",
                arguments: [id]
            ).map {
                SenateEntry(
                    reference: $0["reference"], number: $0["number"], state: $0["state"], pageURL: $0["pageUrl"])
            }
            return ItemDossier(
                item: Self.item(r), links: links, revisions: revisions, snapshots: snapshots, deltas: deltas,
                article: article, senate: senate)
        }
    }

    static func item(_ r: Row) -> ItemEntry {
        ItemEntry(
            id: r["id"], sourceID: r["sourceId"], url: r["url"], canonicalURL: r["canonicalUrl"], title: r["title"],
            text: r["text"], author: r["author"], published: r["published"], firstSeenAt: r["firstSeenAt"],
            lastSeenAt: r["lastSeenAt"])
    }

    static func snapshot(_ number: Int, _ r: Row) -> SnapshotEntry {
        SnapshotEntry(
            number: number, url: r["url"], fetchedAt: r["fetchedAt"], httpStatus: r["httpStatus"], etag: r["etag"],
            lastModified: r["lastModified"], sha256: r["sha256"], length: r["length"])
    }

    /// Snapshot `number` (from 1, oldest first) of an item with its raw bytes; nil when there is none.
    ///
    /// - Throws: ``StorageError/database(_:)`` when the stored bytes do not decompress to their recorded length.
    public func snapshot(item id: Int64, number: Int) throws -> (entry: SnapshotEntry, raw: [UInt8])? {
        guard number >= 1 else { return nil }
        return try read { db in
            guard
                let r = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT url, fetchedAt, httpStatus, etag, lastModified, sha256, length, body FROM evidence
                        WHERE itemId = ? ORDER BY id LIMIT 1 OFFSET ?
                        """, arguments: [id, number - 1])
            else { return nil }
            let body: Data = r["body"]
            guard let raw = Deflate.decompress([UInt8](body), originalLength: r["length"]) else {
                throw StorageError.database("snapshot \(number) of item \(id) does not decompress")
            }
            return (Self.snapshot(number, r), raw)
        }
    }

    /// The items linked to one campaign or actor, newest first by the date a list shows (publication, else
    /// first sighting; ties by id, newest first), filtered and paged by keyset (`filter.before`: the previous
    /// page's last item, whose date and id the page continues below).
    ///
    /// Dates filter on that same date. Reads the dates, sources and the order from the link's own columns
    /// (`addItemDatesToLinksForEntityPages`): only the page's items are read from the item table.
    public func linkedItems(entity: String, filter f: ItemFilter) throws -> [ItemEntry] {
        // Only the conditions in force, so that SQLite bounds the index range by them (a `? IS NULL OR …`
        // condition is checked row by row instead). Every value is a bound parameter.
        var conditions = ["l.entityId = ?"]
        var args: StatementArguments = [entity]
        if let source = f.source {
            conditions.append("l.itemSourceId = ?")
            args += [source]
        }
        if let from = f.from {
            conditions.append("l.itemDate >= ?")
            args += [from]
        }
        if let to = f.to {
            conditions.append("l.itemDate < ?")
            args += [to]
        }
        if f.before != nil {
            // Filled in below with the cursor item's date, read in the same snapshot.
            conditions.append("(l.itemDate, l.itemId) < (?, ?)")
        }
        if f.deltaKind != nil {
            conditions.append("EXISTS(SELECT 1 FROM delta d WHERE d.itemId = l.itemId AND d.kind = ?)")
        }
        let sql = """
            SELECT i.* FROM link l JOIN item i ON i.id = l.itemId
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY l.itemDate DESC, l.itemId DESC LIMIT ?
            """
        return try read { db in
            var args = args
            if let before = f.before {
                // The date as stored (compared as stored); a cursor naming no item ends the list.
                guard
                    let date = try DatabaseValue.fetchOne(
                        db, sql: "SELECT COALESCE(published, firstSeenAt) FROM item WHERE id = ?", arguments: [before]),
                    !date.isNull
                else { return [] }
                args += [date, before]
            }
            if let kind = f.deltaKind { args += [kind] }
            args += [f.limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map(Self.item)
        }
    }

    /// Items of other sources first seen within `window` of `item`'s first sighting whose text holds all of
    /// `words` (FTS5), at most `limit`: the candidates a near-duplicate check compares.
    public func nearbyTexts(item: ItemEntry, words: [String], window: TimeInterval, limit: Int) throws
        -> [NearbyText]
    {
        guard !words.isEmpty else { return [] }
        let query = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.sourceId, i.title, i.text, i.firstSeenAt
                    FROM itemSearch JOIN item i ON i.id = itemSearch.rowid
                    WHERE itemSearch MATCH ? AND i.sourceId <> ? AND i.firstSeenAt BETWEEN ? AND ?
                    LIMIT ?
                    """,
                arguments: [
                    query, item.sourceID, item.firstSeenAt.addingTimeInterval(-window),
                    item.firstSeenAt.addingTimeInterval(window), limit,
                ]
            ).map { r in
                NearbyText(
                    id: r["id"], sourceID: r["sourceId"], title: r["title"], text: r["text"] ?? "",
                    firstSeenAt: r["firstSeenAt"])
            }
        }
    }
}
