extension CompiledWatchlist {
    /// A pattern hit that passed the word-boundary and exact-case checks, in normalized offsets.
    struct Candidate {
        var pattern: Int
        var start: Int
        var end: Int
        var rule: EntityMatch.Rule = .alias
    }

    /// Scans the normalized text and keeps the hits that respect word boundaries and stay in one field
    /// (exact case is checked later, against the original text).
    func hits(_ norm: NormalizedText) -> [Candidate] {
        var raw: [(state: Int, end: Int, startBelow: Int)] = []
        norm.bytes.withUnsafeBufferPointer { text in automaton.scan(text) { raw.append(($0, $1, $2)) } }
        if raw.isEmpty { return [] }
        // Text order; at one end, patterns starting earlier first (as one scan would report them).
        raw.sort { ($0.end, $0.startBelow) < ($1.end, $1.startBelow) }
        var out: [Candidate] = []
        let bytes = norm.bytes
        for (state, end, startBelow) in raw {
            for o in automaton.outputStart[state]..<automaton.outputStart[state + 1] {
                let p = Int(automaton.outputs[Int(o)])
                let spec = patterns[p]
                let start = end - spec.bytes.count
                if start >= startBelow { continue } // found by the scan of the next stretch
                if start > 0, NormalizedText.isWord(bytes[start - 1]) { continue }
                if !spec.prefix, end < bytes.count, NormalizedText.isWord(bytes[end]) { continue }
                var stop = end
                if spec.prefix { while stop < bytes.count, NormalizedText.isWord(bytes[stop]) { stop += 1 } }
                if norm.fieldBreak >= start, norm.fieldBreak < stop { continue }
                out.append(Candidate(pattern: p, start: start, end: stop))
            }
        }
        return out
    }

    /// True when the original span has the written case of `spec`'s letters.
    func exactCase(_ spec: PatternSpec, _ norm: NormalizedText, _ start: Int, _ end: Int) -> Bool {
        let s = norm.originalStart(start)
        let e = norm.originalEnd(end)
        let found = String(decoding: norm.original[s..<e], as: UTF8.self)
        let shape = PatternSpec.caseShape(Substring(found))
        return spec.prefix ? shape.starts(with: spec.caseShape) : shape == spec.caseShape
    }

    /// Applies exclusions and `all` rules; returns the surviving matches, contained spans removed.
    func evaluate(_ candidates: [Candidate], _ norm: NormalizedText) -> [Candidate] {
        var byEntity: [Int: [Candidate]] = [:]
        for c in candidates { byEntity[patterns[c.pattern].entity, default: []].append(c) }
        var kept: [Candidate] = []
        for (entity, list) in byEntity {
            let vetoes = Vetoes(list.filter { patterns[$0.pattern].role == .exclude })
            let live = list.filter { c in patterns[c.pattern].role != .exclude && !vetoes.overlap(c.start, c.end) }
            var matches = live.filter { patterns[$0.pattern].role == .alias }
            matches += satisfiedGroupTerms(live, entity: entities[entity], norm)
            kept += Self.outermost(matches)
        }
        return kept
    }

    /// The group-term hits that lie in a window of `within` words holding one term of every group.
    func satisfiedGroupTerms(_ live: [Candidate], entity: Entity, _ norm: NormalizedText) -> [Candidate] {
        guard entity.groupCount > 0 else { return [] }
        var items: [(word: Int, group: Int, c: Candidate)] = []
        var present = Set<Int>()
        for c in live {
            if case .group(let g) = patterns[c.pattern].role {
                items.append((0, g, c))
                present.insert(g)
            }
        }
        guard present.count == entity.groupCount else { return [] }
        items.sort { $0.c.start < $1.c.start }
        guard let within = entity.within else {
            return items.map {
                var c = $0.c
                c.rule = .all
                return c
            }
        }
        WordCounter.assign(&items, norm.bytes)
        var counts = [Int](repeating: 0, count: entity.groupCount)
        var covered = 0
        var r = 0
        var diff = [Int](repeating: 0, count: items.count + 1)
        for l in 0..<items.count {
            while r < items.count, items[r].word - items[l].word <= within {
                if counts[items[r].group] == 0 { covered += 1 }
                counts[items[r].group] += 1
                r += 1
            }
            if covered == entity.groupCount {
                diff[l] += 1
                diff[r] -= 1
            }
            counts[items[l].group] -= 1
            if counts[items[l].group] == 0 { covered -= 1 }
        }
        var out: [Candidate] = []
        var running = 0
        for i in 0..<items.count {
            running += diff[i]
            if running > 0 {
                var c = items[i].c
                c.rule = .all
                out.append(c)
            }
        }
        return out
    }

    /// Drops matches of one entity whose span lies inside another of its matches (aliases first on ties).
    static func outermost(_ matches: [Candidate]) -> [Candidate] {
        let sorted = matches.sorted {
            ($0.start, -$0.end, $0.rule == .alias ? 0 : 1) < ($1.start, -$1.end, $1.rule == .alias ? 0 : 1)
        }
        var out: [Candidate] = []
        var maxEnd = -1
        for c in sorted where c.end > maxEnd {
            out.append(c)
            maxEnd = c.end
        }
        return out
    }
}

/// Exclusion spans of one entity, sorted, answering "does any overlap this span?" in O(log n).
struct Vetoes {
    var starts: [Int] = []
    /// The largest end among the spans up to each index.
    var maxEnds: [Int] = []

    init(_ spans: [CompiledWatchlist.Candidate]) {
        var running = Int.min
        for c in spans.sorted(by: { $0.start < $1.start }) {
            running = max(running, c.end)
            starts.append(c.start)
            maxEnds.append(running)
        }
    }

    /// True when a span starting before `end` ends after `start`.
    func overlap(_ start: Int, _ end: Int) -> Bool {
        var lo = 0
        var hi = starts.count // first index with starts[i] >= end
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < end { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && maxEnds[lo - 1] > start
    }
}

/// Counts words in normalized text, to place group-term hits for `within`.
enum WordCounter {
    /// Sets `word` of each item (sorted by start) to the index of the word its span starts in.
    static func assign(_ items: inout [(word: Int, group: Int, c: CompiledWatchlist.Candidate)], _ bytes: [UInt8]) {
        var words = 0
        var pos = 0
        var inWord = false
        for i in 0..<items.count {
            while pos < items[i].c.start, pos < bytes.count {
                let w = NormalizedText.isWord(bytes[pos])
                if w && !inWord { words += 1 }
                inWord = w
                pos += 1
            }
            items[i].word = words
        }
    }
}
