import Foundation
import GRDB

/// A link between an item and a watchlist entity, with its evidence.
public struct ItemLink: Sendable, Equatable {
    public var entityID: String
    /// `campaign` or `actor`.
    public var entityKind: String
    /// JSON list of matches (alias, found, field, start, end, snippet, rule).
    public var evidence: String

    public init(entityID: String, entityKind: String, evidence: String) {
        self.entityID = entityID
        self.entityKind = entityKind
        self.evidence = evidence
    }
}

/// What a stored item offers to matching: every field that is matched.
public struct MatchableItem: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var text: String?
    /// The feed's own summary (kept beside an article; often equal to `text` otherwise).
    public var summary: String?
    /// The item's URL and canonical URL, for the watchlist's `domains:`.
    public var url: String?
    public var canonicalURL: String?

    public init(
        id: Int64, title: String?, text: String?, summary: String? = nil, url: String? = nil,
        canonicalURL: String? = nil
    ) {
        self.id = id
        self.title = title
        self.text = text
        self.summary = summary
        self.url = url
        self.canonicalURL = canonicalURL
    }
}

/// Links added and removed by a (re)match.
public struct LinkChanges: Sendable, Equatable {
    public var added: [(item: Int64, entity: String)] = []
    public var removed: [(item: Int64, entity: String)] = []

    public init() {}

    /// Equal when the same links were added and removed, in the same order.
    public static func == (a: LinkChanges, b: LinkChanges) -> Bool {
        a.added.map { "\($0.item):\($0.entity)" } == b.added.map { "\($0.item):\($0.entity)" }
            && a.removed.map { "\($0.item):\($0.entity)" } == b.removed.map { "\($0.item):\($0.entity)" }
    }
}

extension Store {
    /// Items whose title, summary or text is new or changed since they were last matched, by id.
    public func itemsNeedingMatch() throws -> [MatchableItem] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, title, text, summary, url, canonicalUrl FROM item WHERE needsMatch ORDER BY id"
            )
            .map(Self.matchable)
        }
    }

    /// Items first seen at or after `since` (every item when nil), by id.
    public func items(firstSeenSince since: Date?) throws -> [MatchableItem] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, title, text, summary, url, canonicalUrl FROM item WHERE ? IS NULL OR firstSeenAt >= ? ORDER BY id",
                arguments: [since, since]
            ).map(Self.matchable)
        }
    }

    static func matchable(_ row: Row) -> MatchableItem {
        MatchableItem(
            id: row["id"], title: row["title"], text: row["text"], summary: row["summary"], url: row["url"],
            canonicalURL: row["canonicalUrl"])
    }

    /// The links of some items.
    public func links(items: [Int64]) throws -> [Int64: [ItemLink]] {
        try read { db in try linkRows(db, items: items) }
    }

    func linkRows(_ db: Database, items: [Int64]) throws -> [Int64: [ItemLink]] {
        var out: [Int64: [ItemLink]] = [:]
        for chunk in stride(from: 0, to: items.count, by: 500).map({ Array(items[$0..<min($0 + 500, items.count)]) }) {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT itemId, entityId, entityKind, evidence FROM link
                    WHERE itemId IN (\(chunk.map { _ in "?" }.joined(separator: ","))) ORDER BY entityId
                    """, arguments: StatementArguments(chunk))
            {
                out[row["itemId"], default: []].append(
                    ItemLink(
                        entityID: row["entityId"], entityKind: row["entityKind"],
                        evidence: row["evidence"]))
            }
        }
        return out
    }

    /// Replaces the links of each given item by the given ones, in one transaction.
    ///
    /// - Parameters:
    ///   - links: the complete new set of links per item (an item mapped to [] loses all its links).
    ///   - dryRun: compute the changes without writing them.
    /// - Returns: the links added and removed.
    @discardableResult
    public func replaceLinks(
        _ links: [Int64: [ItemLink]], watchlistHash: String, at: Date,
        dryRun: Bool = false
    ) throws -> LinkChanges {
        let body: (Database) throws -> LinkChanges = { db in
            var changes = LinkChanges()
            let ids = links.keys.sorted()
            let current = try self.linkRows(db, items: ids)
            for id in ids {
                let old = Set((current[id] ?? []).map(\.entityID))
                let new = links[id] ?? []
                let newIDs = Set(new.map(\.entityID))
                for e in newIDs.subtracting(old).sorted() { changes.added.append((id, e)) }
                for e in old.subtracting(newIDs).sorted() { changes.removed.append((id, e)) }
                guard !dryRun else { continue }
                try db.execute(sql: "DELETE FROM link WHERE itemId = ?", arguments: [id])
                try db.execute(sql: "UPDATE item SET needsMatch = 0 WHERE id = ?", arguments: [id])
                for l in new {
                    try db.execute(
                        sql: """
                            INSERT INTO link(itemId, entityId, entityKind, watchlistHash, linkedAt, evidence) VALUES (?, ?, ?, ?, ?, ?)
                            """, arguments: [id, l.entityID, l.entityKind, watchlistHash, at, l.evidence])
                }
            }
            return changes
        }
        return dryRun ? try read(body) : try write(body)
    }

    /// Whether an item is linked to any campaign or actor.
    public func isLinked(item: Int64) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM link WHERE itemId = ?)", arguments: [item]) ?? false
        }
    }
}
