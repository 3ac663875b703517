import Foundation

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
        try snapshot { s in
            try s.rows("SELECT id, title, text, summary, url, canonicalUrl FROM item WHERE needsMatch ORDER BY id", [])
                .map(Self.matchable)
        }
    }

    /// Items first seen at or after `since` (every item when nil), by id.
    public func items(firstSeenSince since: Date?) throws -> [MatchableItem] {
        try snapshot { s in
            let columns = "SELECT id, title, text, summary, url, canonicalUrl FROM item"
            guard let since else { return try s.rows(columns + " ORDER BY id", []).map(Self.matchable) }
            return try s.rows(columns + " WHERE firstSeenAt >= ? ORDER BY id", [since]).map(Self.matchable)
        }
    }

    static func matchable(_ row: SQLRow) throws -> MatchableItem {
        MatchableItem(
            id: try row.require("id"), title: row["title"], text: row["text"], summary: row["summary"],
            url: row["url"], canonicalURL: row["canonicalUrl"])
    }

    /// The links of some items.
    public func links(items: [Int64]) throws -> [Int64: [ItemLink]] {
        try snapshot { s in try linkRows(s, items: items) }
    }

    func linkRows(_ s: any SQLSession, items: [Int64]) throws -> [Int64: [ItemLink]] {
        var out: [Int64: [ItemLink]] = [:]
        for chunk in stride(from: 0, to: items.count, by: 500).map({ Array(items[$0..<min($0 + 500, items.count)]) }) {
            for row in try s.rows(
                """
                SELECT itemId, entityId, entityKind, evidence FROM link
                WHERE itemId IN (\(chunk.map { _ in "?" }.joined(separator: ","))) ORDER BY entityId
                """, SQLArguments(list: chunk))
            {
                out[try row.require("itemId"), default: []].append(
                    ItemLink(
                        entityID: try row.require("entityId"), entityKind: try row.require("entityKind"),
                        evidence: try row.require("evidence")))
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
        let body: (any SQLSession) throws -> LinkChanges = { s in
            var changes = LinkChanges()
            let ids = links.keys.sorted()
            let current = try self.linkRows(s, items: ids)
            for id in ids {
                let old = Set((current[id] ?? []).map(\.entityID))
                let new = links[id] ?? []
                let newIDs = Set(new.map(\.entityID))
                for e in newIDs.subtracting(old).sorted() { changes.added.append((id, e)) }
                for e in old.subtracting(newIDs).sorted() { changes.removed.append((id, e)) }
                guard !dryRun else { continue }
                try s.execute("DELETE FROM link WHERE itemId = ?", [id])
                try s.execute("UPDATE item SET needsMatch = FALSE WHERE id = ?", [id])
                for l in new {
                    try s.execute(
                        """
                        INSERT INTO link(itemId, entityId, entityKind, watchlistHash, linkedAt, evidence) VALUES (?, ?, ?, ?, ?, ?)
                        """, [id, l.entityID, l.entityKind, watchlistHash, at, l.evidence])
                }
            }
            return changes
        }
        return dryRun ? try snapshot(body) : try transaction(body)
    }

    /// Whether an item is linked to any campaign or actor.
    public func isLinked(item: Int64) throws -> Bool {
        try snapshot { s in try s.value("SELECT 1 FROM link WHERE itemId = ? LIMIT 1", [item], as: Int64.self) != nil }
    }
}
