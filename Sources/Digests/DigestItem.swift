import Foundation
import Storage
import VeilleCore

/// One item as a digest lists it: its delta, the evidence of its links, its near-duplicates on other
/// sources, and for a Sénat question the facts a reader needs.
public struct DigestItem: Sendable {
    /// One match that linked the item: which entity, which alias, the text found and its snippet.
    public struct Evidence: Sendable, Equatable {
        public var entity: String
        /// `campaign` or `actor`.
        public var entityKind: String
        public var alias: String
        public var found: String
        public var field: String
        public var snippet: String
        public var rule: String?
    }

    public var delta: DeltaExport
    public var evidence: [Evidence]
    /// The same text seen on other sources (or again on the same one), shown with this item.
    public var duplicates: [DeltaExport]
    public var senate: SenateFacts?

    /// The item's title, whitespace-normalized, or "(untitled)".
    public var title: String {
        let t = normalizeWhitespace(delta.title ?? "")
        return t.isEmpty ? "(untitled)" : t
    }

    /// The link to show: canonical URL, else URL.
    public var link: String? { delta.canonicalURL ?? delta.url }

    /// When it happened: published, else when the delta was recorded.
    public var date: Date { delta.published ?? delta.at }

    /// What changed, for `changed` deltas.
    public var change: ChangeSummary? {
        guard delta.kind == .changed else { return nil }
        return ChangeSummary(
            previousTitle: delta.previousTitle, title: delta.title,
            previousText: delta.previousText, text: delta.text)
    }

    /// How many matches of one entity a digest shows for an item.
    static let evidencePerEntity = 3

    /// The evidence of a stored link (its JSON list of matches), as a digest shows it: the first place of
    /// each alias, direct aliases before the terms of an `all` rule, at most ``evidencePerEntity``, so a
    /// digest reads in two minutes. The stored link keeps every match (`veille export`, the database).
    static func evidence(of link: ItemLink) -> [Evidence] {
        guard let data = link.evidence.data(using: .utf8),
            let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]]
        else { return [] }
        var seen = Set<String>()
        let firsts = list.filter { seen.insert($0["alias"] as? String ?? "").inserted }
        let ordered =
            firsts.filter { ($0["rule"] as? String) != "all" } + firsts.filter { ($0["rule"] as? String) == "all" }
        return ordered.prefix(evidencePerEntity).map { m in
            Evidence(
                entity: link.entityID, entityKind: link.entityKind, alias: m["alias"] as? String ?? "",
                found: m["found"] as? String ?? "", field: m["field"] as? String ?? "",
                snippet: m["snippet"] as? String ?? "", rule: m["rule"] as? String)
        }
    }

    /// The evidence as JSON: `{"entity", "kind", "alias", "found", "field", "snippet", "rule"}`.
    var evidenceJSON: JSONValue {
        .array(
            evidence.map { e in
                .object([
                    ("entity", .string(e.entity)), ("kind", .string(e.entityKind)), ("alias", .string(e.alias)),
                    ("found", .string(e.found)), ("field", .string(e.field)), ("snippet", .string(e.snippet)),
                    ("rule", .string(e.rule)),
                ])
            })
    }

    /// The delta's export object plus `matches`, `duplicates` and, for a change, `change`.
    var json: JSONValue {
        guard case .object(var pairs) = delta.json else { return delta.json }
        pairs.append(("matches", evidenceJSON))
        if let c = change { pairs.append(("change", c.json)) }
        if let s = senate { pairs.append(("senate_line", .string(s.line(kind: delta.kind)))) }
        pairs.append(("duplicates", .array(duplicates.map(\.json))))
        return .object(pairs)
    }
}
