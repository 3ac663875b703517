import Foundation
import Storage
import VeilleCore

/// What one digest says, before any format: the header (period, counts), one section per campaign (its
/// name, attributed actors, items), then items linked only to actors, then (if asked) unmatched items, then
/// the sources in trouble. Baseline deltas are counted per source, never listed.
public struct DigestContent: Sendable {
    /// One section: a campaign, an actor, or the unmatched items.
    public struct Section: Sendable {
        public var campaign: String?
        public var actor: String?
        /// The campaign's or actor's name, or "Unmatched items".
        public var title: String
        /// Campaigns: the names of the actors it is attributed to.
        public var attributedActors: [String]
        public var items: [DigestItem]
    }

    /// The digest id (`morning`), or nil for an ad-hoc rendering.
    public var digest: String?
    public var runs: [Int64]
    public var from: Date
    public var to: Date
    public var sections: [Section]
    /// Baseline deltas per source, in source order.
    public var baseline: [(source: String, count: Int)]
    /// Deltas of the period that this digest does not list (linked to nothing it follows).
    public var unlisted: Int
    public var trouble: [RunDigest.Trouble]

    /// Items shown with their snippets in each section; the rest get one line each (reason: a digest read in
    /// two minutes; nothing is hidden, the rest is still listed).
    public static let detailedPerSection = 10

    /// The distinct listed deltas (an item in two campaigns counts once), duplicates included.
    public var listedDeltas: [DeltaExport] {
        var seen = Set<Int64>()
        var out: [DeltaExport] = []
        for s in sections {
            for item in s.items {
                for d in [item.delta] + item.duplicates where seen.insert(d.id).inserted { out.append(d) }
            }
        }
        return out
    }

    /// Counts by delta kind of the listed items, then `items`, `baseline`, `unlisted`, `sources_in_trouble`.
    public var counts: [(String, Int)] {
        let listed = listedDeltas
        var kinds: [String: Int] = [:]
        for d in listed { kinds[d.kind.rawValue, default: 0] += 1 }
        var out = kinds.keys.sorted().map { ($0, kinds[$0] ?? 0) }
        out.append(("items", listed.count))
        out.append(("baseline", baseline.reduce(0) { $0 + $1.count }))
        out.append(("unlisted", unlisted))
        out.append(("sources_in_trouble", trouble.count))
        return out
    }

    /// Nothing to say to a quiet digest: no listed item, no baseline, no source in trouble.
    public var isQuiet: Bool { sections.isEmpty && baseline.isEmpty && trouble.isEmpty }

    /// The counts as one line: "2 new · 1 answered · 3 baseline · 1 source in trouble".
    public var summaryLine: String {
        var parts: [String] = []
        for (k, n) in counts where n > 0 && !["items", "unlisted"].contains(k) {
            switch k {
            case "baseline": parts.append("\(n) baseline")
            case "sources_in_trouble": parts.append("\(n) source\(n == 1 ? "" : "s") in trouble")
            default: parts.append("\(n) \(k)")
            }
        }
        if unlisted > 0 { parts.append("\(unlisted) not followed") }
        return parts.isEmpty ? "nothing new" : parts.joined(separator: " · ")
    }

    /// The title line of every format.
    public var heading: String {
        "veille digest" + (digest.map { " \($0)" } ?? "") + ": run" + (runs.count == 1 ? " " : "s ")
            + runs.map(String.init).joined(separator: ", ")
    }
}
