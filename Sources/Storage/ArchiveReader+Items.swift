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

    /// The items linked to one campaign or actor, newest first (by id: the order of first sighting), filtered
    /// and paged by keyset (`filter.before`).
    public func linkedItems(entity: String, filter f: ItemFilter) throws -> [ItemEntry] {
        var conditions = ["l.entityId = ?"]
        var arguments: SQLArguments = [entity]
        if let before = f.before {
            conditions.append("l.itemId < ?")
            arguments = arguments + [before]
        }
        if let source = f.source {
            conditions.append("i.sourceId = ?")
            arguments = arguments + [source]
        }
        if let from = f.from {
            conditions.append("i.firstSeenAt >= ?")
            arguments = arguments + [from]
        }
        if let to = f.to {
            conditions.append("i.firstSeenAt < ?")
            arguments = arguments + [to]
        }
        if let kind = f.deltaKind {
            conditions.append("EXISTS(SELECT 1 FROM delta d WHERE d.itemId = i.id AND d.kind = ?)")
            arguments = arguments + [kind]
        }
        let columns = Self.itemColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }
        return try snapshot { s in
            try s.rows(
                """
                SELECT \(columns.joined(separator: ", ")) FROM link l JOIN item i ON i.id = l.itemId
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY l.itemId DESC LIMIT ?
                """, arguments + [f.limit]
            ).map(Self.item)
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
