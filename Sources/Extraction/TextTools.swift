import Foundation

/// Small text helpers shared by the title, byline and metadata readers.
enum TextTools {
    /// Lower-cased words (letters and digits), as Readability's title similarity splits them.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }
    }

    /// Readability's text similarity: 1 minus the share of `b`'s words (by length) that `a` lacks.
    static func similarity(_ a: [Substring], _ b: [Substring]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let known = Set(a)
        let unique = b.filter { !known.contains($0) }
        let uniqueLength = unique.reduce(0) { $0 + $1.count } + max(0, unique.count - 1)
        let totalLength = b.reduce(0) { $0 + $1.count } + max(0, b.count - 1)
        return totalLength == 0 ? 0 : 1 - Double(uniqueLength) / Double(totalLength)
    }

    /// The text in Unicode normalization form C, as the page's author typed it: some pages store decomposed
    /// letters (a Bengali "য়" as "য" + nukta, an "é" as "e" + U+0301), which then match neither a search nor
    /// a quotation typed in composed form. Only texts holding a character that may change (``mayChangeInNFC``)
    /// pay for the normalization.
    static func nfc(_ text: String) -> String {
        mayChangeInNFC(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// True when the text holds a byte sequence of a character whose NFC quick check is not "yes", or may
    /// not be: combining diacritics (U+0300–U+036F), the Indic, Tibetan and Myanmar blocks (U+0900–U+109F:
    /// nuktas, vowel signs), Hangul jamo (U+1100–U+11FF), combining supplements (U+1DC0–U+1DFF, U+20D0–U+20FF),
    /// polytonic Greek (U+1F00–U+1FFF), kana voicing marks (U+3099, U+309A), Arabic maddah and hamza marks
    /// (U+0653–U+0655), CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F), Brahmic scripts past
    /// U+11000 and musical symbols (U+1D000–U+1DFFF). Latin, Cyrillic, curly quotes and
    /// dashes never do: a text of those is NFC as it stands.
    static func mayChangeInNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var k = 0
            let n = b.count
            while k < n {
                let c = b[k]
                if c < 0xCC {
                    k += 1
                    continue
                }
                if c <= 0xCD { return true }
                if k + 1 < n {
                    let d = b[k + 1]
                    switch c {
                    case 0xD9 where d >= 0x93 && d <= 0x95: return true
                    case 0xE0 where d >= 0xA4: return true
                    case 0xE1 where d <= 0x87 || d == 0xB7 || d >= 0xBC: return true
                    case 0xCE where d == 0x87: return true // Greek ano teleia, a singleton
                    case 0xE2 where d == 0x83: return true
                    case 0xE2 where k + 2 < n && NFCSingletons.general(d, b[k + 2]): return true
                    case 0xE3 where d == 0x82 && k + 2 < n && (b[k + 2] == 0x99 || b[k + 2] == 0x9A): return true
                    case 0xEF where (d >= 0xA4 && d <= 0xAB) || d == 0xAC || d == 0xAD: return true
                    case 0xF0 where d == 0x91 || d == 0x9D || d == 0xAF: return true
                    default: break
                    }
                }
                k += 1
            }
            return false
        }
    }

    /// Whitespace runs (no-break spaces included) collapsed to one space, ends trimmed.
    static func collapse(_ text: String) -> String {
        if let fast = collapseBytes(text) { return fast }
        // Fast path: ASCII-only whitespace handling on bytes (no-break space C2 A0 included).
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        var pending = false
        var simple = true
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 {
                pending = !bytes.isEmpty
                previous = b
                continue
            }
            if b == 0xA0, previous == 0xC2 {
                bytes.removeLast()
                while bytes.last == 32 { bytes.removeLast() }
                pending = !bytes.isEmpty
                previous = b
                continue
            }
            if b >= 0xE2 {
                simple = false
                break
            } // other Unicode spaces (U+2000…, U+3000) take the slow path
            if pending {
                bytes.append(32)
                pending = false
            }
            bytes.append(b)
            previous = b
        }
        if simple { return String(decoding: bytes, as: UTF8.self) }
        return collapseCharacters(text)
    }

    /// ``collapse(_:)`` by Characters: the reading for text holding a character past U+1FFF (Unicode spaces).
    static func collapseCharacters(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for ch in text {
            if ch.isWhitespace || ch == "\u{00A0}" {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(ch)
        }
        return out
    }

    /// ``collapse(_:)`` on UTF-8 bytes for the common case, including the Unicode spaces U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F and U+3000 (which used to send a string down the Character path).
    ///
    /// - Returns: nil when the byte reading could differ from the Character reading: U+000B, U+0085 or
    ///   U+1000–U+1FFF (U+1680 is a space the two older paths read differently), scripts with prepended
    ///   marks, or a space followed by a character that might join it into one grapheme (a combining mark,
    ///   a joiner, a variation selector…).
    static func collapseBytes(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { src -> String? in
            var out = [UInt8]()
            out.reserveCapacity(src.count)
            var pending = false
            var afterSpace = false
            var k = 0
            let n = src.count
            while k < n {
                let b = src[k]
                let width = spaceWidth(src, k)
                if width > 0 {
                    pending = !out.isEmpty
                    afterSpace = true
                    k += width
                    continue
                }
                if b == 0x0B || (b == 0xC2 && k + 1 < n && src[k + 1] == 0x85) || b == 0xE1 { return nil }
                // Scripts with prepended marks (Arabic, Syriac, Indic, astral planes) keep the Character path.
                if (b >= 0xD8 && b <= 0xDC) || b == 0xE0 || b >= 0xF0 { return nil }
                if afterSpace, b >= 0x80, !startsPlainCharacter(src, k) { return nil }
                afterSpace = false
                if pending {
                    out.append(32)
                    pending = false
                }
                out.append(b)
                k += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The byte length of a whitespace character at `k` (0 when there is none): ASCII space, tab, line feed,
    /// carriage return, form feed, U+00A0, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    static func spaceWidth(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
        let b = s[k]
        if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 { return 1 }
        if b == 0xC2, k + 1 < s.count, s[k + 1] == 0xA0 { return 2 }
        guard k + 2 < s.count else { return 0 }
        let c = s[k + 1]
        let d = s[k + 2]
        if b == 0xE2, c == 0x80, (0x80...0x8A).contains(d) || d == 0xA8 || d == 0xA9 || d == 0xAF { return 3 }
        if b == 0xE2, c == 0x81, d == 0x9F { return 3 }
        if b == 0xE3, c == 0x80, d == 0x80 { return 3 }
        return 0
    }

    /// True when the non-ASCII character at `k` cannot extend a preceding space into one grapheme: U+0080–
    /// U+02FF, and U+2000–U+2FFF outside the joiners and combining blocks (U+200C, U+200D, U+20D0–U+20FF,
    /// U+2CEF–U+2CF1, U+2D7F, U+2DE0–U+2DFF).
    @inline(__always)
    static func startsPlainCharacter(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let b = s[k]
        if b >= 0xC2, b <= 0xCB { return true }
        guard b == 0xE2, k + 2 < s.count else { return false }
        let c = s[k + 1]
        let d = s[k + 2]
        if c == 0x80, d == 0x8C || d == 0x8D { return false }
        return c != 0x83 && c != 0xB3 && c != 0xB5 && c != 0xB7
    }

    /// Readability's word count: whitespace-separated pieces.
    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}

/// Singletons of General Punctuation and Letterlike Symbols that NFC replaces (en quad, em quad, ohm,
/// kelvin, ångström signs, angle brackets, forking): their last two UTF-8 bytes after the lead 0xE2.
enum NFCSingletons {
    static func general(_ second: UInt8, _ third: UInt8) -> Bool {
        switch (second, third) {
        case (0x80, 0x80), (0x80, 0x81), (0x84, 0xA6), (0x84, 0xAA), (0x84, 0xAB), (0x8C, 0xA9), (0x8C, 0xAA),
            (0xAB, 0x9C):
            return true
        default: return false
        }
    }
}
