/// Text after normalization, with the map back to the original UTF-8 bytes.
///
/// `bytes` starts with a space and holds lower-case ASCII letters and digits, other scripts as lower-case
/// UTF-8, one space between words, `#` and `@` as words of their own. `anchors` is sparse: from each anchor
/// on, one normalized byte stands for one original byte, until the next anchor. `original` is filled only
/// when there is evidence to report.
struct NormalizedText: Sendable {
    /// A point where the offset between normalized and original text changes.
    struct Anchor: Sendable {
        var norm: Int32
        var orig: Int32
    }

    var bytes: [UInt8]
    var anchors: [Anchor]
    /// The normalized offset of the space between title and text; -1 for one field.
    var fieldBreak: Int
    /// The original UTF-8 bytes (title, one byte, text), set before offsets are mapped.
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

    /// True for bytes that belong to words (letters, digits, other scripts).
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
}
