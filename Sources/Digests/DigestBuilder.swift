import Foundation
import Storage
import VeilleCore

/// Builds a ``DigestContent`` from deltas, the items' links and the watchlist, for one digest's selection.
public struct DigestBuilder: Sendable {
    public var selection: DigestsConfig.Digest
    public var watchlist: Watchlist?
    /// Source ids in config order (sections of baselines follow it).
    public var sourceOrder: [String]

    /// A builder for one digest's selection.
    public init(selection: DigestsConfig.Digest, watchlist: Watchlist?, sourceOrder: [String]) {
        self.selection = selection
        self.watchlist = watchlist
        self.sourceOrder = sourceOrder
    }

    /// Which deltas of `deltas` this digest covers (its sources), and the content it shows.
    ///
    /// - Parameters:
    ///   - deltas: candidate deltas, oldest first.
    ///   - links: the links of their items, with evidence.
    ///   - senate: stored Sénat question JSON by item.
    /// - Returns: the content and, per covered delta, whether it is listed.
    public func build(
        runs: [Int64], from: Date, to: Date, deltas: [DeltaExport], links: [Int64: [ItemLink]],
        senate: [Int64: String], trouble: [RunDigest.Trouble]
    ) -> (DigestContent, [(id: Int64, listed: Bool)]) {
        let covered = deltas.filter { selection.sources.contains($0.source) }
        var baseline: [String: Int] = [:]
        var campaignItems: [String: [DeltaExport]] = [:]
        var actorItems: [String: [DeltaExport]] = [:]
        var unmatched: [DeltaExport] = []
        var listed = Set<Int64>()
        var unlisted = 0
        for d in covered {
            if d.baseline {
                baseline[d.source, default: 0] += 1
                continue
            }
            let campaigns = d.campaigns.filter { selection.campaigns.contains($0) }
            let actors = d.actors.filter { selection.actors.contains($0) }
            if !campaigns.isEmpty {
                for c in campaigns { campaignItems[c, default: []].append(d) }
            } else if !actors.isEmpty {
                for a in actors { actorItems[a, default: []].append(d) }
            } else if selection.unmatched, d.campaigns.isEmpty, d.actors.isEmpty {
                unmatched.append(d)
            } else {
                unlisted += 1
                continue
            }
            listed.insert(d.id)
        }
        var sections: [DigestContent.Section] = []
        let campaignOrder = (watchlist?.campaigns.map(\.id) ?? []) + campaignItems.keys.sorted()
        let actorOrder = (watchlist?.actors.map(\.id) ?? []) + actorItems.keys.sorted()
        var done = Set<String>()
        for c in campaignOrder where done.insert("c:" + c).inserted {
            guard let ds = campaignItems[c] else { continue }
            let entity = watchlist?.campaigns.first { $0.id == c }
            let attributed = (entity?.actors ?? []).map { a in watchlist?.actors.first { $0.id == a }?.name ?? a }
            sections.append(
                .init(
                    campaign: c, actor: nil, title: entity?.name ?? c, attributedActors: attributed,
                    items: items(ds, links: links, senate: senate)))
        }
        for a in actorOrder where done.insert("a:" + a).inserted {
            guard let ds = actorItems[a] else { continue }
            let name = watchlist?.actors.first { $0.id == a }?.name ?? a
            sections.append(
                .init(
                    campaign: nil, actor: a, title: name, attributedActors: [],
                    items: items(ds, links: links, senate: senate)))
        }
        if !unmatched.isEmpty {
            sections.append(
                .init(
                    campaign: nil, actor: nil, title: "Unmatched items", attributedActors: [],
                    items: items(unmatched, links: links, senate: senate)))
        }
        let rank = Dictionary(sourceOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let baselines = baseline.sorted { (rank[$0.key] ?? Int.max, $0.key) < (rank[$1.key] ?? Int.max, $1.key) }
            .map { (source: $0.key, count: $0.value) }
        let shownTrouble = trouble.filter { selection.sources.contains($0.source) }
        let content = DigestContent(
            digest: selection.id, runs: runs, from: from, to: to, sections: sections,
            baseline: baselines, unlisted: unlisted, trouble: shownTrouble)
        return (content, covered.map { ($0.id, listed.contains($0.id)) })
    }

    /// A section's items: near-duplicates folded into their first occurrence, evidence attached.
    func items(_ deltas: [DeltaExport], links: [Int64: [ItemLink]], senate: [Int64: String]) -> [DigestItem] {
        NearDuplicates.groups(deltas.map(NearDuplicates.text)).map { group in
            let d = deltas[group[0]]
            let evidence = (links[d.itemID] ?? []).flatMap(DigestItem.evidence)
            let facts =
                (d.detail != nil || senate[d.itemID] != nil)
                ? SenateFacts(detail: d.detail, question: senate[d.itemID]) : nil
            return DigestItem(
                delta: d, evidence: evidence, duplicates: group.dropFirst().map { deltas[$0] }, senate: facts)
        }
    }
}
