extension Normalizer {
    /// Input bytes between two checkpoints, at least (reason: a window re-read around a hit starts at most
    /// about this far before it; one checkpoint costs eight bytes).
    static let checkpointInterval = 128

    /// The loop over one segment when no anchors are wanted: the same bytes as ``run(_:base:_:_:_:)``.
    ///
    /// Two passes, so that no step waits for the tests of the one before:
    /// 1. Every sixteen bytes at once (SIMD, ``plainBlock(_:lastSep:)``), independently: the bytes folded
    ///    (letters lower-cased, digits kept, separators as spaces) into a scratch copy, and one bit per
    ///    byte that stops a plain run: not ASCII, an apostrophe, `#`, `@`, a separator right after another,
    ///    or one of the last bytes (fewer than sixteen).
    /// 2. From stop to stop: the folded run before it copied sixteen bytes at a time, then the stopping
    ///    byte handled as one pass would: an ASCII byte through the action table (a second separator
    ///    writes nothing), a two-byte letter folding to one ASCII letter inline (é → e), anything else
    ///    through ``step(_:_:_:base:_:_:)``.
    /// (A one-pass loop measured slower: each sixteen-byte test had to wait for the previous stop.)
    static func runPlain(
        _ input: UnsafeBufferPointer<UInt8>, base: Int, _ out: UnsafeMutablePointer<UInt8>,
        _ st: inout State, _ table: UnsafeBufferPointer<UInt8>, _ two: UnsafeBufferPointer<UInt8>
    ) {
        guard let p = input.baseAddress, let action = table.baseAddress, let fold2 = two.baseAddress else { return }
        let count = input.count
        let words = count / 64 + 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 16) { scratch in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { stopWords in
                guard let folded = scratch.baseAddress, let stops = stopWords.baseAddress else { return }
                stops.initialize(repeating: 0, count: words)
                // 1. Fold every block; collect the stop bits.
                var b = 0
                var previous: UInt128 = 0 // the previous block's last byte is a separator
                while b &+ 16 <= count {
                    let (v, stop, seps) = plainBlock(
                        UnsafeRawPointer(p + b).loadUnaligned(as: SIMD16<UInt8>.self),
                        lastSep: previous)
                    UnsafeMutableRawPointer(folded + b).storeBytes(of: v, as: SIMD16<UInt8>.self)
                    stops[b >> 6] |= byteBits(stop) << UInt64(b & 63)
                    previous = seps >> 127
                    b &+= 16
                }
                (folded + b).initialize(repeating: 0x20, count: count + 16 - b)
                stops[b >> 6] |= ~0 << UInt64(b & 63) // the last bytes go one at a time
                for w in (b >> 6) + 1..<words { stops[w] = ~0 }
                // 2. Runs and stops.
                var i = 0
                var n = st.n
                var lastSep: UInt8 = st.lastSep ? 1 : 0
                var checkLead = true // after a separator not seen by pass 1, a separator run may go on
                var nextCheck = checkpointInterval
                while i < count {
                    if lastSep != 0, i >= nextCheck { // a restart point for mapWindows
                        st.checkpoints.append(
                            .init(norm: Int32(truncatingIfNeeded: n), orig: Int32(truncatingIfNeeded: base &+ i)))
                        nextCheck = i &+ checkpointInterval
                    }
                    if checkLead {
                        checkLead = false
                        if lastSep != 0, action[Int(p[i])] == sepCode {
                            i &+= 1
                            checkLead = true
                            continue
                        }
                    }
                    var word = i >> 6
                    var w = stops[word] >> UInt64(i & 63)
                    var end = i
                    if w == 0 {
                        word &+= 1
                        while stops[word] == 0 { word &+= 1 }
                        w = stops[word]
                        end = word << 6
                    }
                    end &+= w.trailingZeroBitCount
                    if end > i { // a plain run: one output byte per input byte
                        var k = 0
                        let from = UnsafeRawPointer(folded + i)
                        let to = UnsafeMutableRawPointer(out + n)
                        repeat {
                            let chunk = from.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                            to.storeBytes(of: chunk, toByteOffset: k, as: SIMD16<UInt8>.self)
                            k &+= 16
                        } while i &+ k < end
                        n &+= end &- i
                        i = end
                        lastSep = folded[i &- 1] == 0x20 ? 1 : 0
                        if i >= count { break }
                    }
                    let b = p[i]
                    let t = action[Int(b)]
                    if t < slowCode { // a letter or digit (below 0x80) or a separator (sepCode)
                        let isSep = t >> 7
                        out[n] = t & 0x7F
                        n &+= 1 &- Int(isSep & lastSep)
                        lastSep = isSep
                        i &+= 1
                        continue
                    }
                    if b >= 0xC2, b < 0xE0, i &+ 1 < count { // a two-byte letter folding to one ASCII letter (é → e)
                        let f = fold2[(Int(b) & 0x1F) << 6 | Int(p[i &+ 1] & 0x3F)]
                        if f != 0 {
                            out[n] = f
                            n &+= 1
                            i &+= 2
                            lastSep = 0
                            continue
                        }
                    }
                    st.n = n
                    st.lastSep = lastSep != 0
                    i = step(p, count, i, base: base, out, &st)
                    n = st.n
                    lastSep = st.lastSep ? 1 : 0
                    checkLead = true
                }
                st.n = n
                st.lastSep = lastSep != 0
            }
        }
    }

    /// The high bit of each byte of `mask` (bytes 0x80 or 0), as one bit per byte, byte 0 in bit 0.
    @inline(__always)
    static func byteBits(_ mask: UInt128) -> UInt64 {
        let gather: UInt64 = 0x0102_0408_1020_4080 // moves bit 8j to bit 56 + j
        let lo = UInt64(truncatingIfNeeded: mask) >> 7
        let hi = UInt64(truncatingIfNeeded: mask >> 64) >> 7
        return (lo &* gather) >> 56 | ((hi &* gather) >> 56) << 8
    }

    /// Sixteen input bytes folded (letters lower-cased, digits kept, separators as spaces), the high bit of
    /// each byte that stops a plain run (not ASCII, an apostrophe, `#`, `@`, or a separator right after
    /// another, `lastSep` saying whether the byte before the first was one), and of each separator byte.
    @inline(__always)
    static func plainBlock(_ v: SIMD16<UInt8>, lastSep: UInt128) -> (SIMD16<UInt8>, UInt128, UInt128) {
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
        return (folded, stop, seps)
    }
}
