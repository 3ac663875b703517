import VeilleCore

/// A watchlist compiled once into one automaton, ready to match any number of items.
///
/// Every alias, case-sensitive alias, group term and exclusion of every entity becomes one pattern of a
/// single ``Automaton`` over normalized bytes, so the cost per item depends on the item's length and its
/// hits, not on the number of aliases. The rules (word boundaries, prefixes, exact case, exclusions,
/// `all` groups within N words) are evaluated on the hits. Immutable, so safe to share across tasks.
public final class CompiledWatchlist: Sendable {
    /// One compiled entity: its id, kind and `all` rule shape.
    struct Entity: Sendable {
        var id: String
        var kind: EntityMatch.EntityKind
        var groupCount: Int
        var within: Int?
    }

    let entities: [Entity]
    let patterns: [PatternSpec]
    let automaton: Automaton
    /// The watchlist's `domains:` (see ``DomainMatcher``), matched beside the automaton.
    public let domains: DomainMatcher
    /// The watchlist's ``Watchlist/versionHash``, to store with the matches.
    public let versionHash: String

    /// Compiles `watchlist`.
    ///
    /// - Parameter watchlist: a validated watchlist (terms that normalize to nothing are skipped).
    public init(_ watchlist: Watchlist) {
        var entities: [Entity] = []
        var patterns: [PatternSpec] = []
        let all =
            watchlist.actors.map { ($0, EntityMatch.EntityKind.actor) }
            + watchlist.campaigns.map { ($0, EntityMatch.EntityKind.campaign) }
        for (index, (e, kind)) in all.enumerated() {
            entities.append(Entity(id: e.id, kind: kind, groupCount: e.all.count, within: e.within))
            var specs: [PatternSpec?] = e.aliases.map {
                PatternSpec(entity: index, role: .alias, written: $0, exact: false)
            }
            specs += e.caseSensitive.map { PatternSpec(entity: index, role: .alias, written: $0, exact: true) }
            for (g, group) in e.all.enumerated() {
                specs += group.map { PatternSpec(entity: index, role: .group(g), written: $0, exact: false) }
            }
            specs += e.exclude.map { PatternSpec(entity: index, role: .exclude, written: $0, exact: false) }
            patterns += specs.compactMap { $0 }
        }
        self.entities = entities
        self.patterns = patterns
        self.automaton = Automaton(patterns: patterns.map { [0x20] + $0.bytes })
        self.versionHash = watchlist.versionHash
        self.domains = DomainMatcher(watchlist)
    }

    /// Matches one item. Title and text form one text (title first) for `within`; offsets are per field.
    ///
    /// - Parameters:
    ///   - title: the item's title, if any.
    ///   - text: the item's text, if any.
    /// - Returns: the matches, title first, then by position and entity id; vetoed hits are not included.
    public func match(title: String?, text: String?) -> [EntityMatch] {
        guard title != nil || text != nil else { return [] }
        // Bytes only first: most items have no hit, and anchors are only needed to report one.
        var candidates = hits(Self.normalize(title, text, anchored: false))
        if candidates.isEmpty { return [] }
        var norm = Self.normalize(title, text, anchored: true)
        if let t = title, let x = text {
            norm.original = Array(t.utf8) + [0x0A] + Array(x.utf8)
        } else {
            norm.original = Array((title ?? text ?? "").utf8)
        }
        candidates.removeAll { patterns[$0.pattern].exact && !exactCase(patterns[$0.pattern], norm, $0.start, $0.end) }
        let titleLength = title?.utf8.count ?? -1
        let matches = evaluate(candidates, norm).map { evidence($0, norm, titleLength: titleLength) }
        return matches.sorted(by: Self.order)
    }

    /// The normalized title and text (one text, title first), with anchors or bytes only.
    static func normalize(_ title: String?, _ text: String?, anchored: Bool) -> NormalizedText {
        switch (title, text) {
        case (var t?, var x?):
            return t.withUTF8 { tb in x.withUTF8 { xb in Normalizer.normalize(tb, xb, anchored: anchored) } }
        case (var one?, nil), (nil, var one?):
            return one.withUTF8 { Normalizer.normalize($0, nil, anchored: anchored) }
        case (nil, nil):
            return NormalizedText(bytes: [0x20], anchors: [.init(norm: 0, orig: 0)], fieldBreak: -1)
        }
    }

    /// Title first, then by start, end and entity id.
    static func order(_ a: EntityMatch, _ b: EntityMatch) -> Bool {
        if a.field != b.field { return a.field == .title }
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.entityID < b.entityID
    }

    /// Bytes held by the compiled tables (automaton and pattern specs, approximately).
    public var memoryBytes: Int {
        automaton.memoryBytes
            + patterns.reduce(0) { $0 + 96 + $1.bytes.count + $1.written.utf8.count + $1.caseShape.count }
    }

    /// Number of compiled patterns (aliases, group terms and exclusions).
    public var patternCount: Int { patterns.count }

    /// Number of automaton states.
    public var stateCount: Int { automaton.stateCount }
}
