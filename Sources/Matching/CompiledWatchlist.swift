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
    /// Each entity's place among the entities sorted by id (equal ids, equal places), so that matches sort
    /// by integers instead of strings.
    let entityRanks: [Int]
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
        let byID = entities.indices.sorted { entities[$0].id < entities[$1].id }
        var ranks = [Int](repeating: 0, count: entities.count)
        for (j, e) in byID.enumerated() {
            ranks[e] = j > 0 && entities[byID[j - 1]].id == entities[e].id ? ranks[byID[j - 1]] : j
        }
        self.entityRanks = ranks
        self.patterns = patterns
        self.automaton = Automaton(patterns: patterns.map { [0x20] + $0.bytes })
        self.versionHash = watchlist.versionHash
        self.domains = DomainMatcher(watchlist)
    }

    /// Matches one item's title and text (no summary): see ``match(title:summary:text:)``.
    public func match(title: String?, text: String?) -> [EntityMatch] {
        match(title: title, summary: nil, text: text)
    }

    /// Matches every stored field of one item: its title, its feed summary and its text.
    ///
    /// The fields form one text, in that order, for `all` rules without `within`; a `within` window lies in
    /// the title and the text, or in the title and the summary (so title and text behave as they do without
    /// a summary). A summary equal to the text (a feed with no content, an article not extracted yet) is
    /// not matched twice. Offsets are per field.
    /// - Parameters:
    ///   - title: the item's title, if any.
    ///   - summary: the feed's summary, if any.
    ///   - text: the item's text, if any (a parliamentary question's question and answer are one text).
    /// - Returns: the matches, title first, then summary, then text, then by position and entity id;
    ///   vetoed hits are not included.
    public func match(title: String?, summary: String?, text: String?) -> [EntityMatch] {
        var fields: [(EntityMatch.Field, String)] = []
        if let title { fields.append((.title, title)) }
        if let summary, !summary.isEmpty, summary != text { fields.append((.summary, summary)) }
        if let text { fields.append((.text, text)) }
        guard !fields.isEmpty else { return [] }
        return Self.withBuffers(fields.map(\.1)[...], []) { match(fields.map(\.0), $0) }
    }

    /// Runs `body` with the UTF-8 bytes of every string in place.
    static func withBuffers<R>(
        _ strings: ArraySlice<String>, _ done: [UnsafeBufferPointer<UInt8>],
        _ body: ([UnsafeBufferPointer<UInt8>]) -> R
    ) -> R {
        guard var first = strings.first else { return body(done) }
        return first.withUTF8 { withBuffers(strings.dropFirst(), done + [$0], body) }
    }

    /// Matches fields of the given kinds, in the order of ``match(title:summary:text:)``.
    ///
    /// One pass normalizes the bytes (with checkpoints, no anchors) and the automaton scans them; most
    /// items stop there. Offsets are then mapped only in windows around the hits.
    func match(_ kinds: [EntityMatch.Field], _ buffers: [UnsafeBufferPointer<UInt8>]) -> [EntityMatch] {
        var norm = Normalizer.normalize(buffers, anchored: false)
        var candidates = hits(norm)
        if candidates.isEmpty { return [] }
        let original = OriginalText(buffers)
        let spans = candidates.map { (start: $0.start, end: $0.end) }.sorted { $0.start < $1.start }
        Normalizer.mapWindows(&norm, original, spans: spans)
        candidates.removeAll {
            patterns[$0.pattern].exact && !exactCase(patterns[$0.pattern], norm, original, $0.start, $0.end)
        }
        let kept = evaluate(candidates, norm, kinds)
        let matches = kept.map { evidence($0, norm, original, kinds) }
        // In the order of ``order(_:_:)``, the entity compared by its rank: the same comparisons, on integers.
        let keys = zip(kept, matches).map { c, m in
            (Self.rank(m.field), m.start, m.end, entityRanks[patterns[c.pattern].entity])
        }
        return matches.indices.sorted { keys[$0] < keys[$1] }.map { matches[$0] }
    }

    /// Title first, then summary, then text; then by start, end and entity id.
    static func order(_ a: EntityMatch, _ b: EntityMatch) -> Bool {
        if a.field != b.field { return rank(a.field) < rank(b.field) }
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.entityID < b.entityID
    }

    /// A field's place in an item (reading order: headline, lead, body).
    static func rank(_ f: EntityMatch.Field) -> Int {
        switch f {
        case .title: 0
        case .summary: 1
        case .text: 2
        case .url: 3
        case .link: 4
        }
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
