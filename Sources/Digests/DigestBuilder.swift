import Foundation
import Storage
import VeilleCore

/// Builds a ``DigestContent`` from deltas, the items' links and the watchlist, for one digest's selection.
///
/// Each listed item appears once: under the first of its followed campaigns in the watchlist's order, else
/// under the first of its followed actors, else (with `unmatched: true`) under "Unmatched items"; the other
/// followed campaigns and actors it is linked to become its tags. Near-duplicates (the same wire story on
/// several sources) are folded into one item, placed under the first section any of them belongs to.
public struct DigestBuilder: Sendable {
    public var selection: DigestsConfig.Digest
    public var watchlist: Watchlist?
    /// Source ids in config order (sections of baselines follow it).
    public var sourceOrder: [String]
    /// `web_url` of `digests.yaml`: items link their page in the web view under it.
    public var webURL: String?

    /// A builder for one digest's selection.
    public init(selection: DigestsConfig.Digest, watchlist: Watchlist?, sourceOrder: [String], webURL: String? = nil) {
        self.selection = selection
        self.watchlist = watchlist
        self.sourceOrder = sourceOrder
        self.webURL = webURL
    }

    /// Where an item goes: a campaign's section, an actor's, or the unmatched items.
    enum Place: Hashable {
        case campaign(String)
        case actor(String)
        case unmatched
    }

    /// Which deltas of `deltas` this digest covers (its sources), and the content it shows.
    ///
    /// - Parameters:
    ///   - deltas: candidate deltas, oldest first.
    ///   - links: the links of their items, with evidence.
    ///   - senate: stored Sénat question JSON by item.
    ///   - daily: daily linked items per entity and the store's history in days, for the summary's trends
    ///     and the burst alerts (nil: no trend).
    /// - Returns: the content and, per covered delta, whether it is listed.
    public func build(
        runs: [Int64], from: Date, to: Date, deltas: [DeltaExport], links: [Int64: [ItemLink]],
        senate: [Int64: String], trouble: [RunDigest.Trouble], daily: (counts: [String: [Int]], history: Int)? = nil
    ) -> (DigestContent, [(id: Int64, listed: Bool)]) {
        let covered = deltas.filter { selection.sources.contains($0.source) }
        let rank = ranks(covered)
        var baseline: [String: Int] = [:]
        var listed: [DeltaExport] = []
        var places: [Place] = []
        var unlisted = 0
        for d in covered {
            if d.baseline {
                baseline[d.source, default: 0] += 1
                continue
            }
            let campaigns = d.campaigns.filter { selection.campaigns.contains($0) }
            let actors = d.actors.filter { selection.actors.contains($0) }
            let place: Place
            if let c = campaigns.min(by: { (rank[.campaign($0)] ?? .max) < (rank[.campaign($1)] ?? .max) }) {
                place = .campaign(c)
            } else if let a = actors.min(by: { (rank[.actor($0)] ?? .max) < (rank[.actor($1)] ?? .max) }) {
                place = .actor(a)
            } else if selection.unmatched, d.campaigns.isEmpty, d.actors.isEmpty {
                place = .unmatched
            } else {
                unlisted += 1
                continue
            }
            listed.append(d)
            places.append(place)
        }
        var bySection: [Place: [DigestItem]] = [:]
        let lookup = Lookup(names: names, rank: rank, followed: Set(followed.map(\.id)))
        for group in NearDuplicates.groups(listed.map(NearDuplicates.text)) {
            let home = group.map { places[$0] }.min { (rank[$0] ?? .max) < (rank[$1] ?? .max) } ?? places[group[0]]
            let lead = group.first { places[$0] == home } ?? group[0]
            bySection[home, default: []].append(
                item(
                    listed[lead], duplicates: group.filter { $0 != lead }.map { listed[$0] }, home: home, rank: rank,
                    lookup: lookup,
                    links: links, senate: senate))
        }
        var sections: [DigestContent.Section] = []
        for place in rank.keys.sorted(by: { (rank[$0] ?? .max) < (rank[$1] ?? .max) }) {
            guard let items = bySection[place] else { continue }
            switch place {
            case .campaign(let c):
                let entity = watchlist?.campaigns.first { $0.id == c }
                let attributed = (entity?.actors ?? []).map { a in watchlist?.actors.first { $0.id == a }?.name ?? a }
                sections.append(
                    .init(campaign: c, actor: nil, title: entity?.name ?? c, attributedActors: attributed, items: items)
                )
            case .actor(let a):
                sections.append(
                    .init(campaign: nil, actor: a, title: names[a] ?? a, attributedActors: [], items: items))
            case .unmatched:
                sections.append(
                    .init(
                        campaign: nil, actor: nil, title: Messages(selection.language)["unmatched"],
                        attributedActors: [], items: items))
            }
        }
        let sourceRank = Dictionary(sourceOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let baselines = baseline.sorted {
            (sourceRank[$0.key] ?? Int.max, $0.key) < (sourceRank[$1.key] ?? Int.max, $1.key)
        }
        .map { (source: $0.key, count: $0.value) }
        let shownTrouble = trouble.filter { selection.sources.contains($0.source) }
        var content = DigestContent(
            digest: selection.id, runs: runs, from: from, to: to, sections: sections,
            baseline: baselines, unlisted: unlisted, trouble: shownTrouble)
        content.messages = Messages(selection.language)
        content.summary = DigestSummary(entities: followed, listed: content.listedDeltas, daily: daily)
        let listedIDs = Set(listed.map(\.id))
        return (content, covered.map { ($0.id, listedIDs.contains($0.id)) })
    }

    /// The followed campaigns, then the followed actors, in watchlist order.
    var followed: [(id: String, kind: String, name: String)] {
        (watchlist?.campaigns ?? []).filter { selection.campaigns.contains($0.id) }.map {
            (id: $0.id, kind: "campaign", name: $0.name)
        }
            + (watchlist?.actors ?? []).filter { selection.actors.contains($0.id) }.map {
                (id: $0.id, kind: "actor", name: $0.name)
            }
    }

    /// Entity names by id (campaigns and actors of the watchlist).
    var names: [String: String] {
        var out: [String: String] = [:]
        for c in watchlist?.campaigns ?? [] { out[c.id] = c.name }
        for a in watchlist?.actors ?? [] { out[a.id] = a.name }
        return out
    }

    /// Section order: the watchlist's campaigns, then campaigns it does not know (by id), then its actors,
    /// then unknown actors, then the unmatched items.
    func ranks(_ deltas: [DeltaExport]) -> [Place: Int] {
        var order: [Place] = []
        order += (watchlist?.campaigns.map(\.id) ?? []).map(Place.campaign)
        order += Set(deltas.flatMap(\.campaigns)).sorted().map(Place.campaign)
        order += (watchlist?.actors.map(\.id) ?? []).map(Place.actor)
        order += Set(deltas.flatMap(\.actors)).sorted().map(Place.actor)
        order.append(.unmatched)
        var rank: [Place: Int] = [:]
        for p in order where rank[p] == nil { rank[p] = rank.count }
        return rank
    }

    /// What every item of one build looks up: entity names, watchlist ranks by entity id, followed ids.
    struct Lookup {
        var names: [String: String]
        var entityRank: [String: Int] = [:]
        var followed: Set<String>

        init(names: [String: String], rank: [Place: Int], followed: Set<String>) {
            self.names = names
            self.followed = followed
            for (p, r) in rank {
                switch p {
                case .campaign(let id), .actor(let id): entityRank[id] = min(entityRank[id] ?? .max, r)
                case .unmatched: break
                }
            }
        }
    }

    /// One listed item: its evidence, its tags (the other followed entities of it and its duplicates).
    func item(
        _ d: DeltaExport, duplicates: [DeltaExport], home: Place, rank: [Place: Int], lookup: Lookup,
        links: [Int64: [ItemLink]], senate: [Int64: String]
    ) -> DigestItem {
        let names = lookup.names
        let evidence = DigestEvidence(
            links: links[d.itemID] ?? [], names: names, order: lookup.entityRank, followed: lookup.followed)
        var tagPlaces = Set<Place>()
        for x in [d] + duplicates {
            for c in x.campaigns where selection.campaigns.contains(c) { tagPlaces.insert(.campaign(c)) }
            for a in x.actors where selection.actors.contains(a) { tagPlaces.insert(.actor(a)) }
        }
        tagPlaces.remove(home)
        let tags = tagPlaces.sorted { (rank[$0] ?? .max) < (rank[$1] ?? .max) }.compactMap { p -> DigestItem.Tag? in
            switch p {
            case .campaign(let id): return .init(id: id, kind: "campaign", name: names[id] ?? id)
            case .actor(let id): return .init(id: id, kind: "actor", name: names[id] ?? id)
            case .unmatched: return nil
            }
        }
        let facts =
            (d.detail != nil || senate[d.itemID] != nil)
            ? SenateFacts(detail: d.detail, question: senate[d.itemID]) : nil
        let page = webURL.map { base in (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/items/\(d.itemID)" }
        return DigestItem(
            delta: d, evidence: evidence, tags: tags, duplicates: duplicates, senate: facts, page: page)
    }
}
