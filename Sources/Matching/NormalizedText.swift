/// Text after normalization, with what is needed to map offsets back to the original UTF-8 bytes.
///
/// `bytes` starts with a space and holds lower-case ASCII letters and digits, other scripts as lower-case
/// UTF-8, one space between words, `#` and `@` as words of their own. Offsets in the original are
/// offsets in the fields laid end to end with one byte between two fields (see ``OriginalText``).
///
/// `anchors` is sparse: from each anchor on, one normalized byte stands for one original byte, until the
/// next anchor. The first pass over a text records no anchors, only ``checkpoints`` (a few per KB); once
/// a text has hits, ``Normalizer/mapWindows(_:_:spans:)`` records the anchors of the windows around them.
struct NormalizedText: Sendable {
    /// A point where the offset between normalized and original text changes.
    struct Anchor: Sendable, Equatable {
        var norm: Int32
        var orig: Int32
    }

    var bytes: [UInt8]
    var anchors: [Anchor]
    /// The normalized offsets of the spaces between fields (one fewer than the fields).
    var fieldBreaks: [Int]
    /// Points where the first pass stood right after a separator (`bytes[norm - 1]` is a space) at the top
    /// of its loop: normalization can start again there, with nothing before it in memory.
    var checkpoints: [Anchor] = []

    /// The original byte offset where the character behind normalized byte `n` starts.
    ///
    /// `n` must lie in a window whose anchors are recorded (or the whole text was normalized with anchors).
    func originalStart(_ n: Int, _ original: OriginalText) -> Int {
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
    func originalEnd(_ n: Int, _ original: OriginalText) -> Int {
        guard n > 0 else { return 0 }
        let p = originalStart(n - 1, original)
        guard p < original.count else { return original.count }
        let lead = original[p]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return min(p + length, original.count)
    }

    /// True for bytes that belong to words (letters, digits, other scripts).
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
}

/// The original UTF-8 bytes of an item's fields, read in place, as one text: the fields end to end with a
/// line feed between two (never copied; valid only while the fields' storage is).
struct OriginalText {
    /// The fields' bytes, in matching order.
    let fields: [UnsafeBufferPointer<UInt8>]
    /// Offset of each field's first byte in the whole.
    let bases: [Int]
    /// Bytes of the whole, separators included.
    let count: Int

    init(_ fields: [UnsafeBufferPointer<UInt8>]) {
        self.fields = fields
        var bases: [Int] = []
        var at = 0
        for f in fields {
            bases.append(at)
            at += f.count + 1
        }
        self.bases = bases
        count = max(0, at - 1)
    }

    /// The byte at offset `p` of the whole (a line feed between fields).
    subscript(p: Int) -> UInt8 {
        var k = fields.count - 1
        while k > 0, p < bases[k] { k -= 1 }
        let local = p - bases[k]
        return local < fields[k].count ? fields[k][local] : 0x0A
    }

    /// The field whose bytes start at or before `p` (for a checkpoint: an empty field's start is the next
    /// field's start less one, so the two never share an offset).
    func field(starting p: Int) -> Int {
        var k = fields.count - 1
        while k > 0, p < bases[k] { k -= 1 }
        return k
    }

    /// The field an offset belongs to: the last one whose start, less its separator, is at or before it
    /// (a separator counts with the field after it).
    func field(of p: Int) -> Int {
        var k = fields.count - 1
        while k > 0, p < bases[k] - 1 { k -= 1 }
        return k
    }
}
