/// Matches a `class` or `id` value against every ``ClassVocabulary`` entry in one scan of its bytes.
///
/// Entries are bucketed by their first byte, so each position of the value is compared with the one or two
/// fragments that could start there. ASCII letters are folded to lower case on the fly; nothing is
/// allocated per element.
struct ClassMatcher: Sendable {
    /// One vocabulary fragment: where its bytes are, and what a match of it adds.
    struct Pattern: Sendable {
        /// The fragment as a range of ``ClassMatcher/fragmentBytes``.
        let start: Int32
        let count: Int32
        let sets: ClassVocabulary.Set
        let mode: ClassVocabulary.Mode
    }

    /// Every fragment's bytes, back to back.
    let fragmentBytes: [UInt8]
    /// Patterns ordered by first byte.
    let patterns: [Pattern]
    /// `patterns[bucketStart[b] ..< bucketStart[b + 1]]` start with byte `b` (257 entries).
    let bucketStart: [Int32]
    /// A bit per hashed three-byte start of some fragment (65,536 bits, ``trigram(_:_:_:)``): most positions
    /// of a value fail this test and skip the bucket. All ones when a fragment is shorter than three bytes.
    let trigrams: [UInt64]
    /// The shortest fragment's length (positions closer to the end cannot start a match).
    let minLength: Int

    static let shared = ClassMatcher(ClassVocabulary.entries)

    init(_ entries: [ClassVocabulary.Entry]) {
        var byFirst = [[(bytes: [UInt8], sets: ClassVocabulary.Set, mode: ClassVocabulary.Mode)]](
            repeating: [], count: 256)
        for e in entries {
            let bytes = Array(UnsafeBufferPointer(start: e.fragment.utf8Start, count: e.fragment.utf8CodeUnitCount))
            guard let first = bytes.first else { continue }
            byFirst[Int(first)].append((bytes, e.sets, e.mode))
        }
        var all = [UInt8]()
        var list = [Pattern]()
        var starts = [Int32]()
        var bits = [UInt64](repeating: 0, count: 1024)
        var shortest = Int.max
        for bucket in byFirst {
            starts.append(Int32(list.count))
            for p in bucket {
                list.append(Pattern(start: Int32(all.count), count: Int32(p.bytes.count), sets: p.sets, mode: p.mode))
                all.append(contentsOf: p.bytes)
                shortest = min(shortest, p.bytes.count)
                if p.bytes.count >= 3 {
                    let key = ClassMatcher.trigram(p.bytes[0], p.bytes[1], p.bytes[2])
                    bits[key >> 6] |= 1 << UInt64(key & 63)
                }
            }
        }
        starts.append(Int32(list.count))
        fragmentBytes = all
        patterns = list
        bucketStart = starts
        minLength = shortest == Int.max ? 1 : shortest
        if minLength < 3 { bits = [UInt64](repeating: ~0, count: 1024) } // the filter needs three bytes
        trigrams = bits
    }

    /// The filter's key for three lower-case bytes.
    @inline(__always) static func trigram(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        ((Int(a) << 10) ^ (Int(b) << 5) ^ Int(c)) & 0xFFFF
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c + 32 : c }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        let l = lower(c)
        return (l >= 97 && l <= 122) || (c >= 48 && c <= 57)
    }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }

    /// The union of the sets of every fragment found in `bytes[range]`.
    func sets(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ClassVocabulary.Set {
        fragmentBytes.withUnsafeBufferPointer { frag in
            patterns.withUnsafeBufferPointer { pats in
                bucketStart.withUnsafeBufferPointer { starts in
                    trigrams.withUnsafeBufferPointer { bits in
                        scan(bytes, range, frag, pats, starts, bits)
                    }
                }
            }
        }
    }

    /// True when the fragment at `i` follows a negation opening its token: `non-paywall`, `no-sidebar`,
    /// `not_premium` name the opposite of the fragment.
    @inline(__always)
    func negated(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ i: Int) -> Bool {
        guard i - start >= 3 else { return false }
        let sep = bytes[i - 1]
        guard sep == 0x2D || sep == 0x5F else { return false }
        var j = i - 2
        let last = ClassMatcher.lower(bytes[j])
        if last == 0x6E || last == 0x74 { // "non-", "not-"
            guard j - start >= 2, ClassMatcher.lower(bytes[j - 1]) == 0x6F, ClassMatcher.lower(bytes[j - 2]) == 0x6E
            else {
                return false
            }
            j -= 2
        } else if last == 0x6F { // "no-"
            guard ClassMatcher.lower(bytes[j - 1]) == 0x6E else { return false }
            j -= 1
        } else {
            return false
        }
        return j == start || ClassMatcher.isSpace(bytes[j - 1])
    }

    @inline(__always)
    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ frag: UnsafeBufferPointer<UInt8>,
        _ pats: UnsafeBufferPointer<Pattern>, _ starts: UnsafeBufferPointer<Int32>,
        _ bits: UnsafeBufferPointer<UInt64>
    ) -> ClassVocabulary.Set {
        var found = ClassVocabulary.Set()
        var i = range.lowerBound
        let end = range.upperBound
        let last = end - minLength // the last position where a fragment fits
        while i <= last {
            let c = Int(ClassMatcher.lower(bytes[i]))
            if i + 2 < end {
                let key = ClassMatcher.trigram(
                    UInt8(c), ClassMatcher.lower(bytes[i + 1]), ClassMatcher.lower(bytes[i + 2]))
                if bits[key >> 6] & (1 << UInt64(key & 63)) == 0 {
                    i += 1
                    continue
                }
            }
            var q = Int(starts[c])
            let qEnd = Int(starts[c + 1])
            while q < qEnd {
                let p = pats[q]
                q += 1
                if found.isSuperset(of: p.sets) { continue }
                let n = Int(p.count)
                guard i + n <= end else { continue }
                let f = Int(p.start)
                var k = 1
                while k < n, ClassMatcher.lower(bytes[i + k]) == frag[f + k] { k += 1 }
                guard k == n else { continue }
                if negated(bytes, range.lowerBound, i) { continue }
                switch p.mode {
                case .substring: found.formUnion(p.sets)
                case .word:
                    let beforeOK = i == range.lowerBound || !ClassMatcher.isAlnum(bytes[i - 1])
                    let afterOK = i + n == end || !ClassMatcher.isAlnum(bytes[i + n])
                    if beforeOK && afterOK { found.formUnion(p.sets) }
                case .token:
                    let beforeOK = i == range.lowerBound || ClassMatcher.isSpace(bytes[i - 1])
                    let afterOK = i + n == end || ClassMatcher.isSpace(bytes[i + n])
                    if beforeOK && afterOK { found.formUnion(p.sets) }
                }
            }
            i += 1
        }
        return found
    }
}
