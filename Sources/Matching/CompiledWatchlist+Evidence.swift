extension CompiledWatchlist {
    /// Turns a surviving candidate into a match with field offsets, the found text and a snippet.
    func evidence(
        _ c: Candidate, _ norm: NormalizedText, _ original: OriginalText, _ kinds: [EntityMatch.Field]
    ) -> EntityMatch {
        let spec = patterns[c.pattern]
        var s = norm.originalStart(c.start, original)
        var e = norm.originalEnd(c.end, original)
        if !spec.marked, s > 0, original[s - 1] == UInt8(ascii: "#") || original[s - 1] == UInt8(ascii: "@") {
            s -= 1 // found keeps the text's # or @
        }
        let k = original.field(of: s)
        let field = original.fields[k]
        let fieldStart = original.bases[k]
        s = max(s, fieldStart) - fieldStart
        e = min(max(e - fieldStart, s), field.count)
        let entity = entities[spec.entity]
        return EntityMatch(
            entityID: entity.id, entityKind: entity.kind, alias: spec.written,
            found: String(decoding: UnsafeBufferPointer(rebasing: field[s..<e]), as: UTF8.self), field: kinds[k],
            start: s, end: e, snippet: Snippet.make(field, span: s..<e), rule: c.rule)
    }
}

/// The context of a match: about ``radius`` bytes each side, cut at spaces, whitespace collapsed.
enum Snippet {
    /// Bytes of context each side (reason: about ten words, enough to judge a match in a digest).
    static let radius = 60

    /// The snippet around `span` of `text` (one field).
    static func make(_ text: UnsafeBufferPointer<UInt8>, span: Range<Int>) -> String {
        let field = 0..<text.count
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
        let ellipsis: (UInt8, UInt8, UInt8) = (0xE2, 0x80, 0xA6) // …
        let (from, to) = (lo, hi)
        // Written in place: at most the bytes of the context and two ellipses.
        return String(unsafeUninitializedCapacity: to - from + 6) { out in
            guard let o = out.baseAddress, let t = text.baseAddress else { return 0 }
            var n = 0
            if from > field.lowerBound {
                (o[0], o[1], o[2]) = ellipsis
                n = 3
            }
            var space = false
            for i in from..<to {
                let b = t[i]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0 {
                    space = true
                } else {
                    if space, n > 0, o[n &- 1] != 0x20 {
                        o[n] = 0x20
                        n &+= 1
                    }
                    space = false
                    o[n] = b
                    n &+= 1
                }
            }
            if to < field.upperBound {
                (o[n], o[n &+ 1], o[n &+ 2]) = ellipsis
                n &+= 3
            }
            return n
        }
    }
}
