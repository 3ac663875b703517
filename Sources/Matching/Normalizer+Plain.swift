extension Normalizer {
    /// The loop over one segment when no anchors are wanted: the same bytes as ``run(_:base:_:_:_:)``.
    ///
    /// Sixteen bytes at once (SIMD, ``plainBlock(_:lastSep:)``) up to the first byte that stops the run:
    /// before it every byte is a letter or digit (case-folded with one OR) or a separator (written as a
    /// space), one output byte each. The stopping byte is a second separator (skipped), a two-byte letter
    /// folding to one ASCII letter (é → e, inline), or anything else (``step(_:_:_:base:_:_:)``). The last
    /// fifteen bytes go one at a time through the action table, without a branch for ASCII letters, digits
    /// and separators: the output offset only moves when the byte is not a second separator in a row.
    /// (Eight-byte SWAR runs measured no faster than a byte loop on French text, whose accents and
    /// punctuation cut them short; sixteen-byte vector tests are cheap enough to win.)
    @inline(__always)
    static func runPlain(_ input: UnsafeBufferPointer<UInt8>, base: Int, _ out: UnsafeMutablePointer<UInt8>,
                         _ st: inout State, _ table: UnsafeBufferPointer<UInt8>, _ two: UnsafeBufferPointer<UInt8>) {
        guard let p = input.baseAddress, let action = table.baseAddress, let fold2 = two.baseAddress else { return }
        let count = input.count
        var i = 0
        var n = st.n
        var lastSep: UInt8 = st.lastSep ? 1 : 0
        while i < count {
            if i &+ 16 <= count {  // sixteen bytes at once up to the first that stops the run
                let (folded, length, seps) = plainBlock(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self), lastSep: UInt128(lastSep))
                UnsafeMutableRawPointer(out + n).storeBytes(of: folded, as: SIMD16<UInt8>.self)
                if length > 0 {
                    n &+= length
                    i &+= length
                    lastSep = UInt8(truncatingIfNeeded: seps >> UInt128(8 &* length &- 1)) & 1
                    if length == 16 { continue }
                }
                if action[Int(p[i])] == sepCode { i &+= 1; continue }  // a separator after a separator
            }
            let b = p[i]
            let t = action[Int(b)]
            if _fastPath(t < slowCode) {  // a letter or digit (below 0x80) or a separator (sepCode)
                let isSep = t >> 7
                out[n] = t & 0x7F
                n &+= 1 &- Int(isSep & lastSep)
                lastSep = isSep
                i &+= 1
                continue
            }
            if b >= 0xC2, b < 0xE0, i &+ 1 < count {  // a two-byte letter folding to one ASCII letter (é → e)
                let folded = fold2[(Int(b) & 0x1F) << 6 | Int(p[i &+ 1] & 0x3F)]
                if folded != 0 {
                    out[n] = folded
                    n &+= 1; i &+= 2
                    lastSep = 0
                    continue
                }
            }
            st.n = n; st.lastSep = lastSep != 0
            i = step(p, count, i, base: base, out, &st)
            n = st.n; lastSep = st.lastSep ? 1 : 0
        }
        st.n = n; st.lastSep = lastSep != 0
    }

    /// Sixteen input bytes folded (letters lower-cased, digits kept, separators as spaces), how many of them,
    /// from the first, come before a byte that stops the run (not ASCII, an apostrophe, `#`, `@`, or a
    /// separator right after another), and the high bit of each separator byte.
    @inline(__always)
    static func plainBlock(_ v: SIMD16<UInt8>, lastSep: UInt128) -> (SIMD16<UInt8>, Int, UInt128) {
        typealias V = SIMD16<UInt8>
        let space = V(repeating: 0x20)
        let letter = (v | space) &- V(repeating: 0x61) .< V(repeating: 26)
        let word = letter .| (v &- V(repeating: 0x30) .< V(repeating: 10))
        // ' and ` (0x27, 0x60) are apostrophes, # and @ (0x23, 0x40) marks: one masked test per pair.
        let special = (v & V(repeating: 0xFB) .== V(repeating: 0x23)) .| (v & V(repeating: 0xDF) .== V(repeating: 0x40))
        let stopping = special .| (v .>= V(repeating: 0x80))
        let wordBytes = unsafeBitCast(word, to: V.self)
        let folded = ((v | (unsafeBitCast(letter, to: V.self) & space)) & wordBytes) | (space & ~wordBytes)
        let highs = (UInt128(Self.highs) << 64) | UInt128(Self.highs)
        let seps = ~unsafeBitCast(word .| stopping, to: UInt128.self) & highs
        let stop = (unsafeBitCast(stopping, to: UInt128.self) & highs) | (seps & ((seps << 8) | (lastSep << 7)))
        let length = stop == 0 ? 16 : stop.trailingZeroBitCount / 8
        return (folded, length, seps)
    }
}
