/// Matches a `class` or `id` value against every ``ClassVocabulary`` entry in one scan of its bytes.
///
/// Entries are bucketed by their first byte, so each position of the value is compared with the one or two
/// fragments that could start there. ASCII letters are folded to lower case on the fly; nothing is
/// allocated per element.
struct ClassMatcher: Sendable {
    struct Pattern: Sendable {
        let bytes: [UInt8]
        let sets: ClassVocabulary.Set
        let mode: ClassVocabulary.Mode
    }

    /// Patterns by first byte.
    let buckets: [[Pattern]]

    static let shared = ClassMatcher(ClassVocabulary.entries)

    init(_ entries: [ClassVocabulary.Entry]) {
        var b = [[Pattern]](repeating: [], count: 256)
        for e in entries {
            let bytes = Array(UnsafeBufferPointer(start: e.fragment.utf8Start, count: e.fragment.utf8CodeUnitCount))
            guard let first = bytes.first else { continue }
            b[Int(first)].append(Pattern(bytes: bytes, sets: e.sets, mode: e.mode))
        }
        buckets = b
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c + 32 : c }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        let l = lower(c)
        return (l >= 97 && l <= 122) || (c >= 48 && c <= 57)
    }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }

    /// The union of the sets of every fragment found in `bytes[range]`.
    func sets(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ClassVocabulary.Set {
        var found = ClassVocabulary.Set()
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = ClassMatcher.lower(bytes[i])
            for p in buckets[Int(c)] where !found.isSuperset(of: p.sets) {
                let n = p.bytes.count
                guard i + n <= end else { continue }
                var k = 1
                while k < n, ClassMatcher.lower(bytes[i + k]) == p.bytes[k] { k += 1 }
                guard k == n else { continue }
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
