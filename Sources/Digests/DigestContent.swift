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
    /// The summary rows (campaigns and followed actors: tonight's counts, trends, bursts).
    public var summary = DigestSummary(rows: [])
    /// The readers' language: every label, count and date goes through it.
    public var messages = Messages(.fr)

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

    /// The counts as one line: "2 nouveaux · 1 réponse · 3 au premier passage · 1 source en difficulté".
    public var summaryLine: String {
        var parts: [String] = []
        for (k, n) in counts where n > 0 && !["items", "unlisted"].contains(k) {
            parts.append(messages.count(n, k == "sources_in_trouble" ? "trouble" : k))
        }
        if unlisted > 0 { parts.append(messages.count(unlisted, "not.followed")) }
        return parts.isEmpty ? messages["nothing.new"] : parts.joined(separator: " · ")
    }

    /// The title line of every format: "veille digest morning: run 3" (the runs left out when there are
    /// none, so a heading never ends empty).
    public var heading: String {
        var s = messages["digest"] + (digest.map { " \($0)" } ?? "")
        if !runs.isEmpty {
            s +=
                (messages.language == .fr ? " : " : ": ") + messages[runs.count == 1 ? "run" : "runs"] + " "
                + runs.map(String.init).joined(separator: ", ")
        }
        return s
    }

    /// "Period: 22 February 2024, 03:00 UTC to …".
    public var periodLine: String { messages.format("period", messages.time(from), messages.time(to)) }

    /// The phrase of a source in trouble: its status, or its consecutive failures.
    func troubleWhat(_ t: RunDigest.Trouble) -> String {
        t.status == .blocked || t.status == .listed ? t.status.rawValue : messages.count(t.failures, "failure")
    }
}
