@testable import Matching

// The matcher as it was before issue 16 (a second, anchored normalization of the whole text once it has
// a hit), kept verbatim but for names, as the reference of the differential tests. Title and text only.

/// The old ``NormalizedText``: anchors over the whole text and the original bytes copied.
struct ReferenceNormalized {
    var bytes: [UInt8]
    var anchors: [NormalizedText.Anchor]
    var fieldBreak: Int
    var original: [UInt8] = []
    /// The original byte offset where the character behind normalized byte `n` starts.
    func originalStart(_ n: Int) -> Int {
        if n >= bytes.count { return original.count }
        var lo = 0
        var hi = anchors.count - 1
        while lo < hi { // last anchor with norm <= n
            let mid = (lo + hi + 1) / 2
            if Int(anchors[mid].norm) <= n { lo = mid } else { hi = mid - 1 }
        }
        var p = min(Int(anchors[lo].orig) + (n - Int(anchors[lo].norm)), original.count)
        while p > 0, p < original.count, original[p] & 0xC0 == 0x80 { p -= 1 }
        return p
    }

    /// The original byte offset just past the character behind normalized byte `n - 1` (`end` exclusive).
    func originalEnd(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let p = originalStart(n - 1)
        guard p < original.count else { return original.count }
        let lead = original[p]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return min(p + length, original.count)
    }
}

extension CompiledWatchlist {
    func referenceMatch(title: String?, text: String?) -> [EntityMatch] {
        guard title != nil || text != nil else { return [] }
        // Bytes only first: most items have no hit, and anchors are only needed to report one.
        var candidates = referenceHits(Self.referenceNormalize(title, text, anchored: false))
        if candidates.isEmpty { return [] }
        var norm = Self.referenceNormalize(title, text, anchored: true)
        if let t = title, let x = text {
            norm.original = Array(t.utf8) + [0x0A] + Array(x.utf8)
        } else {
            norm.original = Array((title ?? text ?? "").utf8)
        }
        candidates.removeAll {
            patterns[$0.pattern].exact && !referenceExactCase(patterns[$0.pattern], norm, $0.start, $0.end)
        }
        let titleLength = title?.utf8.count ?? -1
        let matches = referenceEvaluate(candidates, norm).map { referenceEvidence($0, norm, titleLength: titleLength) }
        return matches.sorted(by: Self.referenceOrder)
    }

    static func referenceNormalize(_ title: String?, _ text: String?, anchored: Bool) -> ReferenceNormalized {
        switch (title, text) {
        case (var t?, var x?):
            return t.withUTF8 { tb in x.withUTF8 { xb in Self.old(Normalizer.normalize(tb, xb, anchored: anchored)) } }
        case (var one?, nil), (nil, var one?):
            return one.withUTF8 { Self.old(Normalizer.normalize($0, nil, anchored: anchored)) }
        case (nil, nil):
            return ReferenceNormalized(bytes: [0x20], anchors: [.init(norm: 0, orig: 0)], fieldBreak: -1)
        }
    }

    static func old(_ n: NormalizedText) -> ReferenceNormalized {
        ReferenceNormalized(bytes: n.bytes, anchors: n.anchors, fieldBreak: n.fieldBreaks.first ?? -1)
    }

    static func referenceOrder(_ a: EntityMatch, _ b: EntityMatch) -> Bool {
        if a.field != b.field { return a.field == .title }
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.entityID < b.entityID
    }

    func referenceHits(_ norm: ReferenceNormalized) -> [Candidate] {
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

    func referenceExactCase(_ spec: PatternSpec, _ norm: ReferenceNormalized, _ start: Int, _ end: Int) -> Bool {
        let s = norm.originalStart(start)
        let e = norm.originalEnd(end)
        let found = String(decoding: norm.original[s..<e], as: UTF8.self)
        let shape = PatternSpec.caseShape(Substring(found))
        return spec.prefix ? shape.starts(with: spec.caseShape) : shape == spec.caseShape
    }

    func referenceEvaluate(_ candidates: [Candidate], _ norm: ReferenceNormalized) -> [Candidate] {
        var byEntity: [Int: [Candidate]] = [:]
        for c in candidates { byEntity[patterns[c.pattern].entity, default: []].append(c) }
        var kept: [Candidate] = []
        for (entity, list) in byEntity {
            let vetoes = Vetoes(list.filter { patterns[$0.pattern].role == .exclude })
            let live = list.filter { c in patterns[c.pattern].role != .exclude && !vetoes.overlap(c.start, c.end) }
            var matches = live.filter { patterns[$0.pattern].role == .alias }
            matches += referenceSatisfiedGroupTerms(live, entity: entities[entity], norm)
            kept += Self.outermost(matches)
        }
        return kept
    }

    func referenceSatisfiedGroupTerms(_ live: [Candidate], entity: Entity, _ norm: ReferenceNormalized) -> [Candidate] {
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

    func referenceEvidence(_ c: Candidate, _ norm: ReferenceNormalized, titleLength: Int) -> EntityMatch {
        let spec = patterns[c.pattern]
        var s = norm.originalStart(c.start)
        var e = norm.originalEnd(c.end)
        if !spec.marked, s > 0, norm.original[s - 1] == UInt8(ascii: "#") || norm.original[s - 1] == UInt8(ascii: "@") {
            s -= 1 // found keeps the text's # or @
        }
        var field = EntityMatch.Field.text
        var fieldStart = 0
        var fieldEnd = norm.original.count
        if titleLength >= 0 {
            if s < titleLength {
                field = .title
                fieldEnd = titleLength
            } else {
                fieldStart = titleLength + 1
            }
        }
        s = max(s, fieldStart)
        e = min(max(e, s), fieldEnd)
        let entity = entities[spec.entity]
        return EntityMatch(
            entityID: entity.id, entityKind: entity.kind, alias: spec.written,
            found: String(decoding: norm.original[s..<e], as: UTF8.self), field: field,
            start: s - fieldStart, end: e - fieldStart,
            snippet: ReferenceSnippet.make(norm.original, fieldStart..<fieldEnd, span: s..<e), rule: c.rule)
    }
}

/// The context of a match: about ``radius`` bytes each side, cut at spaces, whitespace collapsed.
enum ReferenceSnippet {
    /// Bytes of context each side (reason: about ten words, enough to judge a match in a digest).
    static let radius = 60

    /// The snippet around `span` within `field` of `text`.
    static func make(_ text: [UInt8], _ field: Range<Int>, span: Range<Int>) -> String {
        var lo = max(field.lowerBound, span.lowerBound - radius)
        var hi = min(field.upperBound, span.upperBound + radius)
        if lo > field.lowerBound {
            while lo < span.lowerBound, text[lo] != 0x20, text[lo] != 0x0A { lo += 1 }
        }
        if hi < field.upperBound {
            while hi > span.upperBound, text[hi - 1] != 0x20, text[hi - 1] != 0x0A { hi -= 1 }
        }
        while lo < span.lowerBound, text[lo] & 0xC0 == 0x80 { lo += 1 }
        while hi > span.upperBound, hi < text.count, text[hi] & 0xC0 == 0x80 { hi -= 1 }
        var out: [UInt8] = lo > field.lowerBound ? Array("…".utf8) : []
        var space = false
        for b in text[lo..<hi] {
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0 {
                space = true
            } else {
                if space, !out.isEmpty, out.last != 0x20 { out.append(0x20) }
                space = false
                out.append(b)
            }
        }
        if hi < field.upperBound { out += Array("…".utf8) }
        return String(decoding: out, as: UTF8.self)
    }
}
