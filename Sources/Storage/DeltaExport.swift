import Foundation
import GRDB
import VeilleCore

/// One delta with its item, as `veille export deltas` and the digests present it.
public struct DeltaExport: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var kind: DeltaKind
    public var at: Date
    public var source: String
    public var baseline: Bool
    public var itemID: Int64
    public var guid: String?
    public var url: String?
    public var canonicalURL: String?
    public var title: String?
    public var text: String?
    public var published: Date?
    public var campaigns: [String]
    public var actors: [String]
    /// The previous revision's title and text, for `changed`.
    public var previousTitle: String?
    public var previousText: String?
    /// Stored JSON detail (a Sénat or Assemblée question object), written into the export as it is, under
    /// `assemblee` when it starts with a `uid`, else under `senate`.
    public var detail: String?

    /// The export object of the JSON Lines contract (README, "`veille export deltas`: JSON Lines"); keys in
    /// the documented order.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("run", .int(Int(run))), ("kind", .string(kind.rawValue)), ("at", .time(at)), ("source", .string(source)),
            ("baseline", .bool(baseline)),
            (
                "item",
                .object([
                    ("id", .int(Int(itemID))), ("guid", .string(guid)), ("url", .string(url)),
                    ("canonical_url", .string(canonicalURL)), ("title", .string(title)),
                    ("published", .time(published)),
                ])
            ),
            ("campaigns", .array(campaigns.map(JSONValue.string))), ("actors", .array(actors.map(JSONValue.string))),
        ]
        if let detail, !detail.isEmpty {
            // An Assemblée question's object starts with its uid; a Sénat question's with its reference.
            pairs.append((detail.hasPrefix(#"{"uid":"#) ? "assemblee" : "senate", .raw(detail)))
        }
        return .object(pairs)
    }
}

/// Which deltas to export.
public enum DeltaSelection: Sendable, Equatable {
    case run(Int64)
    case runs([Int64])
    case since(Date)
    case ids([Int64])
}

extension Store {
    /// The deltas of a selection, oldest first.
    public func deltas(_ selection: DeltaSelection) throws -> [DeltaExport] {
        let filter: String
        let arguments: SQLArguments
        switch selection {
        case .run(let id):
            filter = "d.runId = ?"
            arguments = [id]
        case .runs(let ids):
            guard !ids.isEmpty else { return [] }
            filter = "d.runId IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
            arguments = SQLArguments(list: ids)
        case .since(let date):
            filter = "d.at >= ?"
            arguments = [date]
        case .ids(let ids):
            guard !ids.isEmpty else { return [] }
            filter = "d.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
            arguments = SQLArguments(list: ids)
        }
        return try snapshot { s in
            let rows = try s.rows(
                """
                    SELECT d.id, d.runId, d.kind, d.at, d.sourceId, d.baseline, d.detail, d.itemId,
                           i.guid, i.url, i.canonicalUrl, i.published,
                           COALESCE(r.title, i.title) AS title, COALESCE(r.text, i.text) AS text,
                           p.title AS previousTitle, p.text AS previousText
                    FROM delta d JOIN item i ON i.id = d.itemId
                    LEFT JOIN itemRevision r ON r.id = d.revisionId
                    LEFT JOIN itemRevision p ON p.id = d.previousRevisionId
                    WHERE \(filter) ORDER BY d.id
                """, arguments)
            let links = try linksByItem(s, items: Set(try rows.map { try $0.require("itemId", as: Int64.self) }))
            return try rows.map { row in
                let itemID: Int64 = try row.require("itemId")
                let l = links[itemID] ?? ([], [])
                return DeltaExport(
                    id: try row.require("id"), run: try row.require("runId"), kind: try row.require("kind"),
                    at: try row.require("at"), source: try row.require("sourceId"),
                    baseline: row["baseline"] ?? false, itemID: itemID, guid: row["guid"], url: row["url"],
                    canonicalURL: row["canonicalUrl"], title: row["title"], text: row["text"],
                    published: row["published"], campaigns: l.0, actors: l.1,
                    previousTitle: row["previousTitle"], previousText: row["previousText"],
                    detail: row["detail"])
            }
        }
    }

    /// Campaign and actor ids linked to each item.
    func linksByItem(_ s: any SQLSession, items: Set<Int64>) throws -> [Int64: ([String], [String])] {
        guard !items.isEmpty else { return [:] }
        var out: [Int64: ([String], [String])] = [:]
        let ids = Array(items)
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let rows = try s.rows(
                """
                SELECT itemId, entityId, entityKind FROM link WHERE itemId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                ORDER BY entityId
                """, SQLArguments(list: chunk))
            for row in rows {
                let item: Int64 = try row.require("itemId")
                let entity: String = try row.require("entityId")
                let kind: String = try row.require("entityKind")
                var entry = out[item] ?? ([], [])
                if kind == "campaign" { entry.0.append(entity) } else { entry.1.append(entity) }
                out[item] = entry
            }
        }
        return out
    }
}
