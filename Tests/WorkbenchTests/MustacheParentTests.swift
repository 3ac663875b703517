import Foundation
import Mustache
import Testing

@testable import Storage
@testable import Workbench

/// The view models that name their fields to the templates (`Views+Mustache.swift`) answer every stored
/// property exactly as swift-mustache's reflection would, and nothing else.
@Suite struct MustacheParentTests {
    /// Every labelled child of `value`'s Mirror, compared with `child(named:)` (an absent optional is nil).
    static func mismatches(_ value: some MustacheParent) -> [String] {
        var bad: [String] = []
        for c in Mirror(reflecting: value).children {
            guard let label = c.label else { continue }
            let reflected = Mirror(reflecting: c.value)
            let expected: Any? =
                reflected.displayStyle == .optional ? reflected.children.first.map(\.value) : c.value
            let answered = value.child(named: label)
            if (expected == nil) != (answered == nil)
                || expected.map({ String(describing: $0) }) != answered.map({ String(describing: $0) })
            {
                bad.append(label)
            }
        }
        if value.child(named: "noSuchField") != nil { bad.append("noSuchField") }
        return bad
    }

    @Test func everyFieldAnswersAsItsMirrorWould() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let chart = Chart(counts: [DayCount(day: "2026-05-28", count: 3)], days: 3, now: now)
        let card = ItemCard(
            ItemEntry(
                id: 7, sourceID: "s", url: "https://e.org/a", canonicalURL: nil, title: "t", text: "x", author: nil,
                published: now, firstSeenAt: now, lastSeenAt: now))
        let bare = ItemCard(id: 8, title: nil, source: "s", firstSeen: now)
        let ref = EntityView.Ref(id: "a", name: "A", href: "/actors/a")
        let filter = EntityView.Filter(kind: "new", source: nil, from: "2026-01-01", to: nil, before: 5)
        let option = Option(value: "new", label: "new", selected: true)
        let view = EntityView(
            id: "c", name: "C", kind: "campaign", actorKind: nil, aliases: ["c"], attributedTo: [ref], campaigns: [],
            references: [], firstSeen: "2024", chart: chart, items: [card, bare], filter: filter,
            deltaKinds: [option], next: "/campaigns/c?before=8")
        #expect(Self.mismatches(card).isEmpty)
        #expect(Self.mismatches(bare).isEmpty)
        #expect(Self.mismatches(chart).isEmpty)
        #expect(Self.mismatches(chart.bars[2]).isEmpty)
        #expect(Self.mismatches(option).isEmpty)
        #expect(Self.mismatches(ref).isEmpty)
        #expect(Self.mismatches(filter).isEmpty)
        #expect(Self.mismatches(view).isEmpty)
        let marked = Segment(text: "Bakou", mark: true, note: "Azerbaïdjan")
        let plain = Segment(text: " et ", mark: false, note: nil)
        let hit = SearchView.Hit(
            itemId: 7, href: "/items/7", title: "t", source: "s", date: "2026-05-28", dateIsPublication: true,
            link: nil, snippet: [marked, plain])
        let search = SearchView(
            q: "bakou", entity: nil, source: "s", from: nil, to: "2026-06-01", error: nil, searched: true, hits: [hit],
            next: nil, entities: [option])
        #expect(Self.mismatches(marked).isEmpty)
        #expect(Self.mismatches(plain).isEmpty)
        #expect(Self.mismatches(hit).isEmpty)
        #expect(Self.mismatches(search).isEmpty)
    }
}
