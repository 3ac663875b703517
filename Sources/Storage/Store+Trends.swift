import Foundation

/// Daily counts of linked items per campaign and actor, for the digest's summary and burst alerts.
extension Store {
    /// Linked items per entity and day, over the `days` 24-hour windows ending at `now`.
    ///
    /// An item counts on the day it was first seen, once per entity it is linked to; items stored by a
    /// source's first crawl (baseline) never count (a new source is not a burst).
    ///
    /// - Returns: per entity id, `days` counts, oldest first (the last is the 24 hours before `now`); and
    ///   `history`, the number of whole days between the first item the store ever saw and `now`.
    public func dailyLinkedItems(days: Int, endingAt now: Date) throws -> (counts: [String: [Int]], history: Int) {
        try snapshot { s in
            let since = now.addingTimeInterval(-Double(days) * 86_400)
            var counts: [String: [Int]] = [:]
            // Whole days between the item's first sighting and `now` (truncated; both are after `since`).
            let ago =
                s.dialect == .postgres
                ? "FLOOR(EXTRACT(EPOCH FROM (? - i.firstSeenAt)) / 86400)::bigint"
                : "CAST((julianday(?) - julianday(i.firstSeenAt)) AS INTEGER)"
            let rows = try s.rows(
                """
                SELECT l.entityId AS entity, \(ago) AS ago, COUNT(*) AS n
                FROM item i JOIN link l ON l.itemId = i.id
                WHERE i.firstSeenAt > ? AND i.firstSeenAt <= ?
                  AND NOT EXISTS(SELECT 1 FROM delta d WHERE d.itemId = i.id AND d.baseline)
                GROUP BY entity, ago
                """, [now, since, now])
            for row in rows {
                let ago: Int = try row.require("ago")
                guard (0..<days).contains(ago) else { continue }
                let entity: String = try row.require("entity")
                counts[entity, default: Array(repeating: 0, count: days)][days - 1 - ago] += row["n"] ?? 0
            }
            let first = try s.value("SELECT MIN(firstSeenAt) FROM item", [], as: Date.self)
            let history = first.map { max(0, Int(now.timeIntervalSince($0) / 86_400)) } ?? 0
            return (counts, history)
        }
    }
}
