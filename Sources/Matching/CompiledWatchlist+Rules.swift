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
                if norm.fieldBreaks.contains(where: { $0 >= start && $0 < stop }) { continue }
                out.append(Candidate(pattern: p, start: start, end: stop))
            }
        }
        return out
    }

    /// True when the original span has the written case of `spec`'s letters.
    func exactCase(
        _ spec: PatternSpec, _ norm: NormalizedText, _ original: OriginalText, _ start: Int, _ end: Int
    ) -> Bool {
        let s = norm.originalStart(start, original)
        let k = original.field(of: s)
        let from = max(0, s - original.bases[k])
        let to = min(max(from, norm.originalEnd(end, original) - original.bases[k]), original.fields[k].count)
        let found = String(decoding: UnsafeBufferPointer(rebasing: original.fields[k][from..<to]), as: UTF8.self)
        let shape = PatternSpec.caseShape(Substring(found))
        return spec.prefix ? shape.starts(with: spec.caseShape) : shape == spec.caseShape
    }

    /// Applies exclusions and `all` rules; returns the surviving matches, contained spans removed.
    func evaluate(_ candidates: [Candidate], _ norm: NormalizedText, _ kinds: [EntityMatch.Field]) -> [Candidate] {
        var byEntity: [Int: [Candidate]] = [:]
        for c in candidates { byEntity[patterns[c.pattern].entity, default: []].append(c) }
        var kept: [Candidate] = []
        for (entity, list) in byEntity {
            let vetoes = Vetoes(list.filter { patterns[$0.pattern].role == .exclude })
            let live = list.filter { c in patterns[c.pattern].role != .exclude && !vetoes.overlap(c.start, c.end) }
            var matches = live.filter { patterns[$0.pattern].role == .alias }
            matches += satisfiedGroupTerms(live, entity: entities[entity], norm, kinds)
            kept += Self.outermost(matches)
        }
        return kept
    }

    /// The group-term hits that lie in a window of `within` words holding one term of every group.
    ///
    /// Windows lie in the title and the text, or in the title and the summary: with a summary, the words
    /// of the text are counted as if the summary were not there, so title and text behave as without it.
    func satisfiedGroupTerms(
        _ live: [Candidate], entity: Entity, _ norm: NormalizedText, _ kinds: [EntityMatch.Field]
    ) -> [Candidate] {
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
        var satisfied: [Bool]
        if let s = kinds.firstIndex(of: .summary) {
            // The summary's normalized bytes lie between the breaks around it.
            let from = s > 0 ? norm.fieldBreaks[s - 1] : 0
            let to = s < norm.fieldBreaks.count ? norm.fieldBreaks[s] : norm.bytes.count
            let summaryWords = WordCounter.count(norm.bytes, from..<to)
            func kind(_ c: Candidate) -> EntityMatch.Field { kinds[norm.fieldBreaks.filter { $0 < c.start }.count] }
            let inSummary = items.map { kind($0.c) == .summary }
            let inText = items.map { kind($0.c) == .text }
            let withSummary = items.indices.filter { !inText[$0] }
            let withText = items.indices.filter { !inSummary[$0] }
            satisfied = [Bool](repeating: false, count: items.count)
            for (passage, shift) in [(withSummary, 0), (withText, summaryWords)] {
                let marks = Self.windows(
                    passage.map { (inText[$0] ? items[$0].word - shift : items[$0].word, items[$0].group) },
                    groupCount: entity.groupCount, within: within)
                for (j, index) in passage.enumerated() where marks[j] { satisfied[index] = true }
            }
        } else {
            satisfied = Self.windows(items.map { ($0.word, $0.group) }, groupCount: entity.groupCount, within: within)
        }
        return items.indices.filter { satisfied[$0] }.map {
            var c = items[$0].c
            c.rule = .all
            return c
        }
    }

    /// Which items (word number, group; sorted by word) lie in a window of `within` words that holds one
    /// item of every group (two pointers and a difference array: linear).
    static func windows(_ items: [(word: Int, group: Int)], groupCount: Int, within: Int) -> [Bool] {
        var counts = [Int](repeating: 0, count: groupCount)
        var covered = 0
        var r = 0
        var diff = [Int](repeating: 0, count: items.count + 1)
        for l in 0..<items.count {
            while r < items.count, items[r].word - items[l].word <= within {
                if counts[items[r].group] == 0 { covered += 1 }
                counts[items[r].group] += 1
                r += 1
            }
            if covered == groupCount {
                diff[l] += 1
                diff[r] -= 1
            }
            counts[items[l].group] -= 1
            if counts[items[l].group] == 0 { covered -= 1 }
        }
        var out = [Bool](repeating: false, count: items.count)
        var running = 0
        for i in 0..<items.count {
            running += diff[i]
            out[i] = running > 0
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

    /// The number of words that start in `range` of `bytes`.
    static func count(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var words = 0
        var inWord = range.lowerBound > 0 && NormalizedText.isWord(bytes[range.lowerBound - 1])
        for b in bytes[range] {
            let w = NormalizedText.isWord(b)
            if w && !inWord { words += 1 }
            inWord = w
        }
        return words
    }
}
