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
    /// a quotation typed in composed form. Texts whose bytes are all below 0xCC (ASCII and Latin up to U+02FF,
    /// which hold no combining mark) are returned as they are, without a pass.
    static func nfc(_ text: String) -> String {
        var mayCombine = false
        for b in text.utf8 where b >= 0xCC {
            mayCombine = true
            break
        }
        return mayCombine ? text.precomposedStringWithCanonicalMapping : text
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
