/// Normalizes UTF-8 text in one pass, keeping the map back to the original bytes.
///
/// 1. Case folded, diacritics removed, ligatures split (`œ` → `oe`), via ``FoldTable``.
/// 2. Every run of non-word characters (spaces of any width, hyphens, punctuation) becomes one space;
///    soft hyphens, zero-width joiners and combining marks vanish.
/// 3. French elisions (`l'`, `d'`, `qu'`, `jusqu'`, `lorsqu'`, with any apostrophe) before a vowel or
///    `h` are dropped, so `l’Azerbaïdjan` reads `azerbaidjan`; other apostrophes split words.
/// 4. `#` and `@` stay, so `#Tag` is matchable as `#tag` and, being a non-word byte, as the word `tag`.
/// 5. A 0 byte (the field separator) is kept as a hard break no pattern crosses.
enum Normalizer {
    /// ASCII action codes (values below 0x80 are the byte to emit).
    static let sepCode: UInt8 = 0xFF, apostropheCode: UInt8 = 0xFE, markCode: UInt8 = 0xFD, hardCode: UInt8 = 0xFC

    static let ascii: [UInt8] = (0..<128).map { b -> UInt8 in
        if b == 0 { return hardCode }
        let f = Fold(raw: FoldTable.bmp[b])
        switch f.action {
        case 4: return f.first
        case 2: return apostropheCode
        case 3: return markCode
        default: return sepCode
        }
    }

    /// Elided French words, as normalized bytes (reason: `l'`, `d'`, `qu'`, `jusqu'`, `lorsqu'` glue to the next word).
    static let elisions: [[UInt8]] = ["l", "d", "qu", "jusqu", "lorsqu"].map { Array($0.utf8) }
    /// First letters that allow an elision (reason: French elides before a vowel or a mute h).
    static let elisionFollowers: Set<UInt8> = Set("aeiouyh".utf8)

    /// Normalizes `original`.
    static func normalize(_ original: [UInt8]) -> NormalizedText {
        var anchors: [NormalizedText.Anchor] = [.init(norm: 0, orig: 0)]
        let count = original.count
        let bytes = [UInt8](unsafeUninitializedCapacity: count * 2 + 8) { out, written in
            original.withUnsafeBufferPointer { input in
                written = run(input, out, &anchors)
            }
        }
        _ = count
        return NormalizedText(bytes: bytes, anchors: anchors, original: original)
    }

    /// Normalizes a string (aliases, tests).
    static func normalize(_ s: String) -> [UInt8] { normalize(Array(s.utf8)).bytes }

    /// The fold of the scalar starting at `i`, and its length in bytes.
    @inline(__always)
    static func decode(_ input: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Fold, Int) {
        let b0 = UInt32(input[i])
        let n = input.count
        if b0 < 0xE0, b0 >= 0xC2, i + 1 < n {
            let cp = (b0 & 0x1F) << 6 | UInt32(input[i + 1] & 0x3F)
            return (Fold(raw: FoldTable.bmp[Int(cp)]), 2)
        }
        if b0 >= 0xE0, b0 < 0xF0, i + 2 < n {
            let cp = (b0 & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6 | UInt32(input[i + 2] & 0x3F)
            return (Fold(raw: FoldTable.bmp[Int(cp)]), 3)
        }
        if b0 >= 0xF0, b0 < 0xF5, i + 3 < n {
            let cp = (b0 & 0x07) << 18 | UInt32(input[i + 1] & 0x3F) << 12 | UInt32(input[i + 2] & 0x3F) << 6
                | UInt32(input[i + 3] & 0x3F)
            // Emoji and pictographs (U+1F000–U+1FAFF) split words; other supplementary scalars fold slowly.
            return (cp >= 0x1F000 && cp < 0x1FB00 ? .separator : FoldTable.fold(cp), 4)
        }
        if b0 < 0x80 { return (Fold(raw: FoldTable.bmp[Int(b0)]), 1) }
        return (.separator, 1)  // a stray byte: not valid UTF-8
    }

    /// The loop. Returns the number of bytes written to `out`.
    static func run(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>,
                    _ anchors: inout [NormalizedText.Anchor]) -> Int {
        var n = 0, i = 0
        var lastSep = true, dirty = false
        var delta = 0
        let count = input.count
        @inline(__always) func anchor(_ at: Int) {
            if dirty {
                if at - n != delta { anchors.append(.init(norm: Int32(n), orig: Int32(at))); delta = at - n }
                dirty = false
            }
        }
        @inline(__always) func separator(_ at: Int) {
            if lastSep { dirty = true; return }
            anchor(at); out[n] = 0x20; n += 1; lastSep = true
        }
        ascii.withUnsafeBufferPointer { table in
            while i < count {
                let b = input[i]
                if b < 0x80 {
                    let t = table[Int(b)]
                    if t < 0x80 {
                        anchor(i); out[n] = t; n += 1; lastSep = false; i += 1
                        continue
                    }
                    switch t {
                    case sepCode: separator(i)
                    case markCode: anchor(i); out[n] = b; n += 1; lastSep = false
                    case hardCode: anchor(i); out[n] = 0; n += 1; lastSep = true
                    default: if !elide(input, i + 1) { separator(i) }
                    }
                    i += 1
                    continue
                }
                let (fold, length) = decode(input, i)
                switch fold.action {
                case 4:
                    anchor(i)
                    var raw = fold.raw
                    for _ in 0..<fold.count { out[n] = UInt8(truncatingIfNeeded: raw); n += 1; raw >>= 8 }
                    lastSep = false
                case 3: anchor(i); out[n] = fold.first; n += 1; lastSep = false
                case 2: if !elide(input, i + length) { separator(i) }
                case 1: break
                default: separator(i)
                }
                dirty = true
                i += length
            }
        }
        return n

        /// Drops the word just written when it is an elided article followed by a vowel or h.
        func elide(_ input: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
            guard !lastSep, next < count else { return false }
            var k = n
            while k > 0, n - k <= 6, NormalizedText.isWord(out[k - 1]) { k -= 1 }
            guard k == 0 || !NormalizedText.isWord(out[k - 1]), n - k <= 6 else { return false }
            let word = UnsafeBufferPointer(rebasing: out[k..<n])
            guard elisions.contains(where: { $0.elementsEqual(word) }) else { return false }
            let (fold, _) = decode(input, next)
            guard fold.isEmit, elisionFollowers.contains(fold.first) else { return false }
            n = k
            while let last = anchors.last, Int(last.norm) > k { anchors.removeLast() }
            if let last = anchors.last { delta = Int(last.orig) - Int(last.norm) }
            lastSep = k == 0 || out[k - 1] == 0x20
            dirty = true
            return true
        }
    }
}
