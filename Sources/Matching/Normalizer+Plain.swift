extension Normalizer {
    /// The loop over one segment when no anchors are wanted: the same bytes as ``run(_:base:_:_:_:)``.
    ///
    /// One byte at a time, without a branch for ASCII letters, digits and separators: the action table
    /// gives the byte to write (a separator's code is a space with the high bit set), and the output offset
    /// only moves when the byte is not a second separator in a row. Two-byte letters that fold to one ASCII
    /// letter (é → e) are inline; anything else goes through ``step(_:_:_:base:_:_:)``. (Eight-byte SWAR
    /// runs measured no faster on French text, whose accents and punctuation cut them short.)
    @inline(__always)
    static func runPlain(_ input: UnsafeBufferPointer<UInt8>, base: Int, _ out: UnsafeMutablePointer<UInt8>,
                         _ st: inout State, _ table: UnsafeBufferPointer<UInt8>, _ two: UnsafeBufferPointer<UInt8>) {
        guard let p = input.baseAddress, let action = table.baseAddress, let fold2 = two.baseAddress else { return }
        let count = input.count
        var i = 0
        var n = st.n
        var lastSep: UInt8 = st.lastSep ? 1 : 0
        while i < count {
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
}
