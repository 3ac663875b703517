import VeilleCore

/// Normalizes UTF-8 text in one pass, keeping the map back to the original bytes.
///
/// 1. Case folded, diacritics removed, ligatures split (`œ` → `oe`), via ``FoldTable``.
/// 2. Every run of non-word characters (spaces of any width, hyphens, punctuation) becomes one space;
///    soft hyphens, zero-width joiners and combining marks vanish.
/// 3. French elisions (`l'`, `d'`, `qu'`, `jusqu'`, `lorsqu'`, with any apostrophe) before a vowel or
///    `h` are dropped, so `l’Azerbaïdjan` reads `azerbaidjan`; other apostrophes split words.
/// 4. `#` and `@` become words of their own (`#Tag` → ` # tag`), so a hashtag matches both the alias
///    `#tag` and the word `tag`.
/// 5. The output starts with a space, so every word, and every pattern, starts after a space.
enum Normalizer {
    /// Byte action codes: below 0x80 the byte to emit; `sepCode` a separator (a space with the high bit);
    /// from `slowCode` up, a byte that needs ``step(_:_:_:base:_:_:_:)``.
    static let sepCode: UInt8 = 0xA0, slowCode: UInt8 = 0xFB, apostropheCode: UInt8 = 0xFE, markCode: UInt8 = 0xFD

    /// The action of every byte value (bytes from 0x80 start or continue multi-byte characters: slow).
    static let ascii: [UInt8] = (0..<256).map { b -> UInt8 in
        if b >= 0x80 { return slowCode }
        let f = Fold(raw: FoldTable.bmp[b])
        switch f.action {
        case 4: return f.first
        case 2: return apostropheCode
        case 3: return markCode
        default: return sepCode
        }
    }

    /// U+0000–U+07FF → the one ASCII letter it folds to, or 0 (reason: accented Latin letters are most
    /// of the non-ASCII characters of French text; they skip the general step).
    static let twoByte: [UInt8] = (0..<0x800).map { cp -> UInt8 in
        let f = Fold(raw: FoldTable.bmp[cp])
        return cp >= 0x80 && f.isEmit && f.count == 1 && f.first < 0x80 ? f.first : 0
    }

    /// Elided French words, as normalized bytes (reason: `l'`, `d'`, `qu'`, `jusqu'`, `lorsqu'` glue to the next word).
    static let elisions: [[UInt8]] = ["l", "d", "qu", "jusqu", "lorsqu"].map { Array($0.utf8) }
    /// First letters that allow an elision (reason: French elides before a vowel or a mute h).
    static let elisionFollowers: Set<UInt8> = Set("aeiouyh".utf8)
    /// ``elisions`` packed little-endian into integers (each is at most six bytes), for a quick test.
    static let elisionKeys: [UInt64] = elisions.map { $0.withUnsafeBufferPointer(ByteBlock.packed) }
    /// ``elisionFollowers`` as a table indexed by byte.
    static let elisionFollowerTable: [Bool] = (0..<256).map { elisionFollowers.contains(UInt8($0)) }

    /// Where the loop stands between segments.
    struct State {
        var n = 1
        var lastSep = true
        /// `orig - norm` from the last anchor on.
        var delta = -1
        var anchors: [NormalizedText.Anchor] = [.init(norm: 0, orig: 0), .init(norm: 1, orig: 0)]
        /// False when only the bytes are wanted (`anchored: false`): no anchor is recorded.
        var recording = true
        /// Restart points recorded by ``runPlain(_:base:_:_:_:_:)`` (see ``NormalizedText/checkpoints``).
        var checkpoints: [NormalizedText.Anchor] = []

        /// Records that normalized offset `n` stands for original offset `orig`, if the offset changed.
        @inline(__always)
        mutating func sync(_ orig: Int) {
            guard recording, orig - n != delta else { return }
            delta = orig - n
            if let last = anchors.last, Int(last.norm) == n {
                anchors[anchors.count - 1].orig = Int32(orig)
            } else {
                anchors.append(.init(norm: Int32(n), orig: Int32(orig)))
            }
        }
    }

    /// Normalizes fields (title, summary, text…) as one text: a space between two, `fieldBreaks` at those.
    ///
    /// With `anchored` false only the bytes are produced, by a faster loop, with ``NormalizedText/checkpoints``
    /// instead of anchors (offsets are mapped later, around hits only); the bytes are the same either way.
    static func normalize(_ fields: [UnsafeBufferPointer<UInt8>], anchored: Bool = true) -> NormalizedText {
        let total = fields.reduce(0) { $0 + $1.count }
        let capacity = 3 * total + 40 // runPlain copies sixteen bytes at a time
        var state = State()
        if anchored {
            state.anchors.reserveCapacity(capacity / 24 + 8) // about one anchor per punctuation mark or accent
        } else {
            state.recording = false
            state.anchors = []
            state.checkpoints.reserveCapacity(total / checkpointInterval + fields.count + 2)
        }
        var fieldBreaks: [Int] = []
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            guard let o = out.baseAddress else {
                written = 0
                return
            }
            o[0] = 0x20
            ascii.withUnsafeBufferPointer { table in
                twoByte.withUnsafeBufferPointer { two in
                    var base = 0
                    for (k, field) in fields.enumerated() {
                        if k > 0 {
                            if !state.lastSep {
                                o[state.n] = 0x20
                                state.n += 1
                                state.lastSep = true
                            }
                            fieldBreaks.append(state.n - 1)
                            state.sync(base)
                        }
                        if anchored {
                            _ = run(field, from: 0, base: base, o, &state, table)
                        } else {
                            state.checkpoints.append(.init(norm: Int32(state.n), orig: Int32(base)))
                            runPlain(field, base: base, o, &state, table, two)
                        }
                        base += field.count + 1
                    }
                }
            }
            written = state.n
        }
        var norm = NormalizedText(bytes: bytes, anchors: state.anchors, fieldBreaks: fieldBreaks)
        norm.checkpoints = state.checkpoints
        return norm
    }

    /// Normalizes one or two fields (title, text): one text, a space between, `fieldBreaks[0]` at that space.
    static func normalize(
        _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?,
        anchored: Bool = true
    ) -> NormalizedText {
        normalize(second.map { [first, $0] } ?? [first], anchored: anchored)
    }

    /// Normalizes a string (aliases, tests), without the leading space.
    static func normalize(_ s: String) -> [UInt8] {
        var s = s
        return Array(s.withUTF8 { normalize($0, nil) }.bytes.dropFirst())
    }

    /// The fold of the scalar starting at `i`, and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (Fold, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Fold(raw: FoldTable.bmp[Int(b0)]), 1) }
        if b0 < 0xE0, b0 >= 0xC2, i + 1 < n {
            return (Fold(raw: FoldTable.bmp[Int((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F))]), 2)
        }
        if b0 >= 0xE0, b0 < 0xF0, i + 2 < n {
            let cp = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return (Fold(raw: FoldTable.bmp[Int(cp)]), 3)
        }
        if b0 >= 0xF0, b0 < 0xF5, i + 3 < n {
            let cp =
                (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F)
            // Emoji and pictographs (U+1F000–U+1FAFF) split words; other supplementary scalars fold slowly.
            return (cp >= 0x1F000 && cp < 0x1FB00 ? .separator : FoldTable.fold(cp), 4)
        }
        return (.separator, 1) // a stray byte: not valid UTF-8
    }

    /// The loop over one segment whose first byte is original offset `base`.
    ///
    /// The common steps (an ASCII letter or digit, a separator) run on local variables without branches
    /// but the collapse of a separator run; anything else (a multi-byte character, a mark, an apostrophe)
    /// goes through ``step(_:_:_:base:_:_:)``. Anchors are recorded as soon as the offset changes.
    ///
    /// It starts at input offset `from` (a checkpoint, or where an earlier call stopped) and stops at the
    /// top of its loop once the output reaches `stopAt`; returns the input offset where it stopped.
    @discardableResult
    static func run(
        _ input: UnsafeBufferPointer<UInt8>, from: Int = 0, base: Int, _ out: UnsafeMutablePointer<UInt8>,
        _ st: inout State, _ table: UnsafeBufferPointer<UInt8>, stopAt: Int = Int.max
    ) -> Int {
        guard let p = input.baseAddress else { return from }
        let count = input.count
        var i = from
        var n = st.n
        var lastSep = st.lastSep
        while i < count, n < stopAt {
            if i &+ 8 <= count { // eight bytes at a time while they are letters, digits and single spaces
                let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let (folded, good) = plainRun(w, lastSep: lastSep)
                if good > 0 {
                    UnsafeMutableRawPointer(out + n).storeBytes(of: folded.littleEndian, as: UInt64.self)
                    n &+= good
                    i &+= good
                    lastSep = (folded >> UInt64(8 * (good - 1))) & 0xFF == 0x20
                    if good == 8 { continue }
                }
            }
            let t = table[Int(p[i])]
            if t == slowCode, i &+ 1 < count { // a two-byte letter folding to one ASCII letter (é → e)
                let cp = (Int(p[i]) & 0x1F) << 6 | Int(p[i &+ 1] & 0x3F)
                let folded = p[i] >= 0xC2 && p[i] < 0xE0 ? twoByte[cp] : 0
                if folded != 0 {
                    out[n] = folded
                    n &+= 1
                    i &+= 2
                    lastSep = false
                    st.n = n
                    st.sync(base &+ i)
                    continue
                }
            }
            if t < slowCode {
                let isSep = t == sepCode
                if isSep && lastSep { // a run of separators: one space only
                    i &+= 1
                    st.n = n
                    st.sync(base &+ i)
                    continue
                }
                out[n] = t & 0x7F
                n &+= 1
                i &+= 1
                lastSep = isSep
                continue
            }
            st.n = n
            st.lastSep = lastSep
            i = step(p, count, i, base: base, out, &st)
            st.sync(base + i)
            n = st.n
            lastSep = st.lastSep
        }
        st.n = n
        st.lastSep = lastSep
        return i
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `w` case-folded, and how many of them, from the first, are plain: ASCII letters,
    /// digits, or a space that does not follow another (SWAR: one high bit per byte for each test; carries
    /// only run towards later bytes, so the tests hold up to the first non-ASCII byte).
    @inline(__always)
    static func plainRun(_ w: UInt64, lastSep: Bool) -> (UInt64, Int) {
        let high = w & highs
        let limit = high == 0 ? 8 : high.trailingZeroBitCount / 8
        if limit == 0 { return (w, 0) }
        @inline(__always) func inRange(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (w &+ ones &* (0x80 - lo)) & ~(w &+ ones &* (0x80 - hi - 1)) & highs
        }
        let lower = inRange(0x61, 0x7A)
        let upper = inRange(0x41, 0x5A)
        let digit = inRange(0x30, 0x39)
        let z = w ^ (ones &* 0x20)
        let space = ~(((z & ~highs) &+ ~highs) | z) & highs
        var ok = lower | upper | digit | space
        ok &= ~(space << 8) // the second space of a pair
        if lastSep { ok &= ~(space & 0x80) } // a space after a separator
        let bad = ~ok & highs
        let good = bad == 0 ? 8 : bad.trailingZeroBitCount / 8
        return (w | (upper >> 2), min(good, limit))
    }

    /// One character that is not a plain ASCII letter, digit or separator; returns the next offset.
    static func step(
        _ p: UnsafePointer<UInt8>, _ count: Int, _ i: Int, base: Int, _ out: UnsafeMutablePointer<UInt8>,
        _ st: inout State
    ) -> Int {
        let b = p[i]
        if b < 0x80 {
            if ascii[Int(b)] == markCode {
                mark(b, base + i, out, &st)
            } else if !elide(p, count, i + 1, out, &st) {
                separator(out, &st)
            }
            return i + 1
        }
        let (fold, length) = decode(p, i, count)
        switch fold.action {
        case 4:
            var raw = fold.raw
            for _ in 0..<max(1, fold.count) {
                out[st.n] = UInt8(truncatingIfNeeded: raw)
                st.n += 1
                raw >>= 8
            }
            st.lastSep = false
        case 3: mark(fold.first, base + i, out, &st)
        case 2: if !elide(p, count, i + length, out, &st) { separator(out, &st) }
        case 1: break
        default: separator(out, &st)
        }
        return i + length
    }

    @inline(__always)
    static func separator(_ out: UnsafeMutablePointer<UInt8>, _ st: inout State) {
        if st.lastSep { return }
        out[st.n] = 0x20
        st.n += 1
        st.lastSep = true
    }

    /// `#` or `@` as a word of its own: a space before if needed, the mark, a space after.
    static func mark(_ byte: UInt8, _ at: Int, _ out: UnsafeMutablePointer<UInt8>, _ st: inout State) {
        if !st.lastSep {
            out[st.n] = 0x20
            st.n += 1
            st.sync(at)
        }
        out[st.n] = byte
        out[st.n + 1] = 0x20
        st.n += 2
        st.lastSep = true
    }

    /// Drops the word just written when it is an elided article followed by a vowel or h.
    static func elide(
        _ p: UnsafePointer<UInt8>, _ count: Int, _ next: Int, _ out: UnsafeMutablePointer<UInt8>,
        _ st: inout State
    ) -> Bool {
        guard !st.lastSep, next < count else { return false }
        var k = st.n
        while k > 1, st.n - k <= 6, NormalizedText.isWord(out[k - 1]) { k -= 1 }
        guard !NormalizedText.isWord(out[k - 1]), st.n - k <= 6 else { return false }
        let word = UnsafeBufferPointer(start: out + k, count: st.n - k)
        let key = ByteBlock.packed(word)
        guard elisionKeys.contains(key) else { return false }
        let (fold, _) = decode(p, next, count)
        guard fold.isEmit, elisionFollowerTable[Int(fold.first)] else { return false }
        st.n = k
        while let last = st.anchors.last, Int(last.norm) > k { st.anchors.removeLast() }
        if let last = st.anchors.last { st.delta = Int(last.orig) - Int(last.norm) }
        st.lastSep = out[k - 1] == 0x20
        return true
    }
}
