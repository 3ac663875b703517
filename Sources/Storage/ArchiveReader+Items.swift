import Foundation

extension ArchiveReader {
    /// Everything stored about one item, read in one snapshot; nil when there is no such item.
    public func dossier(item id: Int64) throws -> ItemDossier? {
        try snapshot { s in
            guard let r = try s.row("SELECT \(Self.itemColumns) FROM item WHERE id = ?", [id]) else {
                return nil
            }
            let links = try s.rows(
                "SELECT entityId, entityKind, evidence FROM link WHERE itemId = ? ORDER BY entityKind, entityId", [id]
            ).map {
                LinkEntry(
                    entityID: try $0.require("entityId"), entityKind: try $0.require("entityKind"),
                    evidence: try $0.require("evidence"))
            }
            let revisions = try s.rows(
                "SELECT * FROM itemRevision WHERE itemId = ? ORDER BY id", [id]
            ).map { r in
                RevisionEntry(
                    id: try r.require("id"), runID: r["runId"], title: r["title"], text: r["text"],
                    reason: try r.require("reason"), recordedAt: try r.require("recordedAt"))
            }
            let snapshots = try s.rows(
                """
                SELECT url, fetchedAt, httpStatus, etag, lastModified, sha256, length FROM evidence
                WHERE itemId = ? ORDER BY id
                """, [id]
            ).enumerated().map { n, r in try Self.snapshot(n + 1, r) }
            let deltas = try s.rows(
                """
                SELECT d.*, i.title FROM delta d JOIN item i ON i.id = d.itemId
                WHERE d.itemId = ? ORDER BY d.at, d.id
                """, [id]
            ).map(Self.delta)
            let article = try s.row(
                "SELECT state, lastError, lastCheckedAt FROM article WHERE itemId = ?", [id]
            ).map {
                ArticleEntry(
                    state: try $0.require("state"), lastError: $0["lastError"], lastCheckedAt: $0["lastCheckedAt"])
            }
            let senate = try s.row(
                "SELECT reference, number, state, pageUrl FROM senateQuestion WHERE itemId = ? LIMIT 1", [id]
            ).map {
                SenateEntry(
                    reference: try $0.require("reference"), number: $0["number"], state: try $0.require("state"),
                    pageURL: $0["pageUrl"])
            }
            return ItemDossier(
                item: try Self.item(r), links: links, revisions: revisions, snapshots: snapshots, deltas: deltas,
                article: article, senate: senate)
        }
    }

    /// The columns ``item(_:)`` reads.
    static let itemColumns =
        "id, sourceId, url, canonicalUrl, title, text, author, published, firstSeenAt, lastSeenAt"

    static func item(_ r: SQLRow) throws -> ItemEntry {
        ItemEntry(
            id: try r.require("id"), sourceID: try r.require("sourceId"), url: r["url"],
            canonicalURL: r["canonicalUrl"], title: r["title"], text: r["text"], author: r["author"],
            published: r["published"], firstSeenAt: try r.require("firstSeenAt"),
            lastSeenAt: try r.require("lastSeenAt"))
    }

    static func snapshot(_ number: Int, _ r: SQLRow) throws -> SnapshotEntry {
        SnapshotEntry(
            number: number, url: try r.require("url"), fetchedAt: try r.require("fetchedAt"),
            httpStatus: r["httpStatus"] ?? 0, etag: r["etag"], lastModified: r["lastModified"],
            sha256: try r.require("sha256"), length: r["length"] ?? 0)
    }

    /// Snapshot `number` (from 1, oldest first) of an item with its raw bytes; nil when there is none.
    ///
    /// - Throws: ``StorageError/database(_:)`` when the stored bytes do not decompress to their recorded length.
    public func snapshot(item id: Int64, number: Int) throws -> (entry: SnapshotEntry, raw: [UInt8])? {
        guard number >= 1 else { return nil }
        return try snapshot { s in
            guard
                let r = try s.row(
                    """
                    SELECT url, fetchedAt, httpStatus, etag, lastModified, sha256, length, body FROM evidence
                    WHERE itemId = ? ORDER BY id LIMIT 1 OFFSET ?
                    """, [id, number - 1])
            else { return nil }
            guard let body: Data = r["body"], let length: Int = r["length"],
                let raw = Deflate.decompress([UInt8](body), originalLength: length)
            else {
                throw StorageError.database("snapshot \(number) of item \(id) does not decompress")
            }
            return (try Self.snapshot(number, r), raw)
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
        var arguments: SQLArguments = [entity]
        if let source = f.source {
            conditions.append("l.itemSourceId = ?")
            arguments = arguments + [source]
        }
        if let from = f.from {
            conditions.append("l.itemDate >= ?")
            arguments = arguments + [from]
        }
        if let to = f.to {
            conditions.append("l.itemDate < ?")
            arguments = arguments + [to]
        }
        if f.before != nil {
            // Filled in below with the cursor item's date, read in the same snapshot.
            conditions.append("(l.itemDate, l.itemId) < (?, ?)")
        }
        if f.deltaKind != nil {
            conditions.append("EXISTS(SELECT 1 FROM delta d WHERE d.itemId = l.itemId AND d.kind = ?)")
        }
        let columns = Self.itemColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM link l JOIN item i ON i.id = l.itemId
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY l.itemDate DESC, l.itemId DESC LIMIT ?
            """
        return try snapshot { s in
            var arguments = arguments
            if let before = f.before {
                // The date as stored (compared as stored: text on SQLite, a timestamp on PostgreSQL); a cursor
                // naming no item ends the list.
                guard
                    let row = try s.row("SELECT COALESCE(published, firstSeenAt) FROM item WHERE id = ?", [before])
                else { return [] }
                let date = row.value(at: 0)
                if date == .null { return [] }
                arguments = arguments + SQLArguments([date]) + [before]
            }
            if let kind = f.deltaKind { arguments = arguments + [kind] }
            return try s.rows(sql, arguments + [f.limit]).map(Self.item)
        }
    }

    /// Items of other sources first seen within `window` of `item`'s first sighting whose text holds all of
    /// `words` (FTS5), at most `limit`: the candidates a near-duplicate check compares.
    public func nearbyTexts(item: ItemEntry, words: [String], window: TimeInterval, limit: Int) throws
        -> [NearbyText]
    {
        guard !words.isEmpty else { return [] }
        let query = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
        let match = try SearchMatch(query, dialect: dialect)
        return try snapshot { s in
            try s.rows(
                """
                SELECT i.id, i.sourceId, i.title, i.text, i.firstSeenAt
                FROM \(match.from)
                WHERE \(match.condition) AND i.sourceId <> ? AND i.firstSeenAt BETWEEN ? AND ?
                LIMIT ?
                """,
                [
                    match.argument, item.sourceID, item.firstSeenAt.addingTimeInterval(-window),
                    item.firstSeenAt.addingTimeInterval(window), limit,
                ]
            ).map { r in
                NearbyText(
                    id: try r.require("id"), sourceID: try r.require("sourceId"), title: r["title"],
                    text: r["text"] ?? "", firstSeenAt: try r.require("firstSeenAt"))
            }
        }
    }
}
