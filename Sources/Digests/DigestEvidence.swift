import Foundation
import Storage
import VeilleCore

/// What a digest shows of why an item is listed: one line per linked entity, at most
/// ``DigestEvidence/linesPerItem`` lines, the strongest first, then how many more matches the item has.
///
/// A line names the entity by its watchlist **name**, gives the words the text actually contained (never
/// the watchlist's rule syntax: `=JO`, `azerbaïdjanais*`, group terms) and one snippet, that of the
/// entity's strongest match, with the match highlighted.
///
/// Strength, compared in this order (reason: what an analyst trusts at a glance):
/// 1. the field of the entity's best match: title, then summary, then text, then URL, then a link;
/// 2. a direct alias before a term of an `all` rule;
/// 3. more distinct matched words, then more matches;
/// 4. the entity's order in the watchlist (campaigns before actors).
///
/// Entities the digest follows come before the others (an item listed for Russia shows Russia's evidence
/// first, not that of an actor nobody asked for).
public struct DigestEvidence: Sendable, Equatable {
    /// One entity's line.
    public struct Line: Sendable, Equatable {
        /// The entity's id (JSON only; readers see ``name``).
        public var entity: String
        /// `campaign` or `actor`.
        public var kind: String
        /// The entity's name in the watchlist (its id when the watchlist does not know it).
        public var name: String
        /// The distinct texts found, in order of strength (`Doppelgänger`, `Kremlin`).
        public var words: [String]
        /// The field of the snippet: `title`, `summary`, `text`, `url` or `link`.
        public var field: String
        /// The strongest match's snippet and the text found in it.
        public var snippet: String
        public var found: String
        /// How many stored matches the entity has on this item.
        public var matches: Int
        /// The raw matches of the stored link (alias, found, field, snippet, rule), kept for the JSON.
        var raw: [Match]
    }

    /// One stored match, as the link's evidence JSON holds it.
    struct Match: Sendable, Equatable {
        var alias: String
        var found: String
        var field: String
        var snippet: String
        var rule: String?

        /// Lower is stronger: field first, then a direct alias before a group term.
        var strength: (Int, Int) {
            (DigestEvidence.fieldRank[field] ?? DigestEvidence.fieldRank.count, rule == "all" ? 1 : 0)
        }
    }

    /// Lines shown per item (reason: a digest read in two minutes; the web view has every match).
    public static let linesPerItem = 3
    /// Matched words shown on a line, then "…" (reason: one line; a broad campaign matches dozens).
    public static let wordsPerLine = 5
    /// Field ranks, strongest first (reason: a title names its subject; a link only points at it).
    static let fieldRank = ["title": 0, "summary": 1, "text": 2, "url": 3, "link": 4]

    /// Every linked entity's line, strongest first.
    public var entities: [Line]
    /// The lines shown: the first ``linesPerItem`` of ``entities``.
    public var lines: ArraySlice<Line> { entities.prefix(Self.linesPerItem) }
    /// Matches not shown as a line's snippet (the "+N more").
    public var more: Int { entities.reduce(0) { $0 + $1.matches } - lines.count }

    /// The evidence of an item's links.
    ///
    /// - Parameters:
    ///   - links: the stored links of the item, with their JSON lists of matches.
    ///   - names: entity names by id, and `order`: the entities' watchlist ranks (campaigns first).
    ///   - followed: the entities the digest follows (their lines come first).
    init(links: [ItemLink], names: [String: String], order: [String: Int], followed: Set<String> = []) {
        var all: [(line: Line, best: Match, rank: Int)] = []
        for link in links {
            let matches = Self.matches(link.evidence)
            guard !matches.isEmpty else { continue }
            let sorted = matches.enumerated().sorted { a, b in
                a.element.strength != b.element.strength ? a.element.strength < b.element.strength : a.offset < b.offset
            }.map(\.element)
            let best = sorted[0]
            var seen = Set<String>()
            let words = sorted.map { normalizeWhitespace($0.found) }.filter {
                !$0.isEmpty && seen.insert($0.lowercased()).inserted
            }
            let line = Line(
                entity: link.entityID, kind: link.entityKind, name: names[link.entityID] ?? link.entityID,
                words: words.count > Self.wordsPerLine ? words.prefix(Self.wordsPerLine) + ["…"] : words,
                field: best.field, snippet: best.snippet, found: best.found, matches: matches.count,
                raw: matches)
            all.append((line, best, order[link.entityID] ?? Int.max))
        }
        all.sort { a, b in
            let fa = followed.contains(a.line.entity)
            let fb = followed.contains(b.line.entity)
            if fa != fb { return fa }
            if a.best.strength != b.best.strength { return a.best.strength < b.best.strength }
            if a.line.words.count != b.line.words.count { return a.line.words.count > b.line.words.count }
            if a.line.matches != b.line.matches { return a.line.matches > b.line.matches }
            return (a.rank, a.line.entity) < (b.rank, b.line.entity)
        }
        entities = all.map(\.line)
    }

    /// The matches of a stored link's evidence JSON (an unreadable list is no evidence).
    static func matches(_ json: String) -> [Match] {
        guard let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else {
            return []
        }
        return list.map { m in
            Match(
                alias: m["alias"] as? String ?? "", found: m["found"] as? String ?? "",
                field: m["field"] as? String ?? "", snippet: m["snippet"] as? String ?? "", rule: m["rule"] as? String)
        }
    }

    /// The JSON `matches` of an item: every linked entity, strongest first, with the first place of each
    /// alias (keys as before: `entity`, `kind`, `alias`, `found`, `field`, `snippet`, `rule`; plus `name`).
    var json: JSONValue {
        .array(
            entities.flatMap { l -> [JSONValue] in
                var seen = Set<String>()
                return l.raw.filter { seen.insert($0.alias).inserted }.map { m in
                    .object([
                        ("entity", .string(l.entity)), ("kind", .string(l.kind)), ("name", .string(l.name)),
                        ("alias", .string(m.alias)), ("found", .string(m.found)), ("field", .string(m.field)),
                        ("snippet", .string(m.snippet)), ("rule", .string(m.rule)),
                    ])
                }
            })
    }
}
