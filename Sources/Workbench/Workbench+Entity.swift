import Foundation
import Storage
import VeilleCore

/// A campaign `/campaigns/{id}` or actor `/actors/{id}` page.
struct EntityView: Encodable {
    /// A link to another entity.
    struct Ref: Encodable {
        var id: String
        var name: String
        var href: String
    }

    var id: String
    var name: String
    /// `campaign` or `actor`.
    var kind: String
    /// An actor's kind (state, party, person…).
    var actorKind: String?
    var aliases: [String]
    /// A campaign's attribution: the actors a source attributes it to.
    var attributedTo: [Ref]
    /// An actor's campaigns (those attributed to it).
    var campaigns: [Ref]
    var references: [String]
    var firstSeen: String?
    var chart: Chart
    var items: [ItemCard]
    /// The filters in force, as given.
    var filter: Filter
    var deltaKinds: [Option]
    /// The next page (keyset), nil on the last.
    var next: String?

    struct Filter: Encodable {
        var kind: String?
        var source: String?
        var from: String?
        var to: String?
        var before: Int64?
    }
}

extension Workbench {
    /// Delta kinds an analyst filters on (the foundation's and the Sénat lifecycle's).
    static let deltaKinds = DeltaKind.allCases.map(\.rawValue)
    /// Items per page (reason: a screenful of cards; keyset paging keeps later pages as fast).
    static let pageSize = 50

    func entityPage(kind: String, id: String, query q: QueryParameters) throws -> EntityView {
        let known = entities.byID[id]
        if let known, (known.kind == nil) != (kind == "campaign") {
            throw PageError.notFound("no \(kind) “\(id)” (it is \(known.kind == nil ? "a campaign" : "an actor"))")
        }
        let filter = ItemFilter(
            deltaKind: try q.choice("kind", Self.deltaKinds).flatMap(DeltaKind.init(rawValue:)),
            source: q.string("source"), from: try q.day("from"),
            to: try q.day("to").map { $0.addingTimeInterval(86_400) }, before: try q.positive("before"),
            limit: Self.pageSize + 1)
        var items = try reader.linkedItems(entity: id, filter: filter)
        if known == nil {
            let any = try !reader.linkedItems(entity: id, filter: ItemFilter(limit: 1)).isEmpty
            if !any { throw PageError.notFound("no \(kind) “\(id)” in the watchlist or the archive") }
        }
        let more = items.count > Self.pageSize
        if more { items.removeLast() }
        let now = now()
        let since = startOfDay(now.addingTimeInterval(-Double(Self.chartDays - 1) * 86_400))
        let path = entities.href(id, kind: kind)
        let f = EntityView.Filter(
            kind: filter.deltaKind?.rawValue, source: filter.source, from: q.string("from"), to: q.string("to"),
            before: filter.before)
        let next =
            more
            ? Path.with(
                path,
                [
                    ("kind", f.kind), ("source", f.source), ("from", f.from), ("to", f.to),
                    ("before", items.last.map { String($0.id) }),
                ]) : nil
        let ref = { (e: String, k: String) in
            EntityView.Ref(id: e, name: self.entities.name(e), href: self.entities.href(e, kind: k))
        }
        return EntityView(
            id: id, name: known?.name ?? id, kind: kind, actorKind: known?.kind?.rawValue,
            aliases: (known?.aliases ?? []) + (known?.caseSensitive ?? []),
            attributedTo: (known?.actors ?? []).map { ref($0, "actor") },
            campaigns: entities.campaigns.filter { $0.actors.contains(id) }.map { ref($0.id, "campaign") },
            references: (known?.references ?? []).compactMap(Format.safeLink), firstSeen: known?.firstSeen,
            chart: Chart(counts: try reader.dailyCounts(entity: id, since: since), days: Self.chartDays, now: now),
            items: items.map(ItemCard.init), filter: f,
            deltaKinds: Self.deltaKinds.map { Option(value: $0, label: $0, selected: $0 == f.kind) }, next: next)
    }
}
