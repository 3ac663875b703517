import Foundation

/// Small text helpers shared by the page and CSV readers.
enum SenateText {
    /// Collapses every run of white space (including no-break and thin spaces) into one space and trims the
    /// ends. Works on UTF-8 bytes, one pass.
    static func collapse<S: StringProtocol>(_ s: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var it = s.utf8.makeIterator()
        var lookahead: [UInt8] = []
        func emit(_ b: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        while let b = lookahead.isEmpty ? it.next() : lookahead.removeFirst() {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                pendingSpace = true
            case 0xC2: // U+00A0 no-break space
                guard let b2 = it.next() else {
                    emit(b)
                    continue
                }
                if b2 == 0xA0 {
                    pendingSpace = true
                } else {
                    emit(b)
                    lookahead.append(b2)
                }
            case 0xE2, 0xEF: // U+2007, U+2009, U+200B, U+202F; U+FEFF
                guard let b2 = it.next() else {
                    emit(b)
                    continue
                }
                guard let b3 = it.next() else {
                    emit(b)
                    lookahead.append(b2)
                    continue
                }
                let space =
                    b == 0xE2
                    ? (b2 == 0x80 && (b3 == 0x87 || b3 == 0x89 || b3 == 0x8B || b3 == 0xAF))
                    : (b2 == 0xBB && b3 == 0xBF)
                if space {
                    pendingSpace = true
                } else {
                    emit(b)
                    lookahead.append(b2)
                    lookahead.append(b3)
                }
            default:
                emit(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `s` may be a marker line: short enough (marker lines are; body paragraphs are not).
    @inline(__always)
    static func mayBeMarker(_ s: String) -> Bool { s.utf8.count <= SenateMarkers.maxMarkerLength * 2 }

    /// The range of `needle` in `hay`, compared byte for byte (no Foundation, no locale): the first
    /// occurrence, or the last one when `backwards`.
    static func find<S: StringProtocol>(_ needle: String, in hay: S, backwards: Bool = false) -> Range<String.Index>?
    where S.Index == String.Index {
        let n = Array(needle.utf8)
        let h = hay.utf8
        guard !n.isEmpty, h.count >= n.count else { return nil }
        let bytes = Array(h)
        let last = bytes.count - n.count
        let offsets = backwards ? Array(stride(from: last, through: 0, by: -1)) : Array(0...last)
        for i in offsets where bytes[i] == n[0] {
            var k = 1
            while k < n.count, bytes[i + k] == n[k] { k += 1 }
            if k == n.count {
                let lower = h.index(h.startIndex, offsetBy: i)
                return lower..<h.index(lower, offsetBy: n.count)
            }
        }
        return nil
    }

    /// True when `hay` contains `needle` (byte comparison).
    static func has<S: StringProtocol>(_ needle: String, in hay: S) -> Bool where S.Index == String.Index {
        find(needle, in: hay) != nil
    }

    /// The form markers are matched on: lower case (ASCII and Latin-1 capitals), typographic apostrophes
    /// and dashes made plain, `º` read as `°`. One pass over UTF-8 bytes; every other character is kept.
    static func key(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        var pending: UInt8?
        while let b = pending ?? it.next() {
            pending = nil
            switch b {
            case 0x41...0x5A:
                out.append(b + 0x20)
            case 0xC3: // À–Þ (except ×) → à–þ
                guard let b2 = it.next() else {
                    out.append(b)
                    continue
                }
                out.append(b)
                out.append((0x80...0x9E).contains(b2) && b2 != 0x97 ? b2 + 0x20 : b2)
            case 0xC2: // ´ → ', º → °
                guard let b2 = it.next() else {
                    out.append(b)
                    continue
                }
                if b2 == 0xB4 {
                    out.append(0x27)
                } else {
                    out.append(b)
                    out.append(b2 == 0xBA ? 0xB0 : b2)
                }
            case 0xCA: // ʼ → '
                guard let b2 = it.next() else {
                    out.append(b)
                    continue
                }
                if b2 == 0xBC {
                    out.append(0x27)
                } else {
                    out.append(b)
                    pending = b2
                }
            case 0xE2: // ‘ ’ → ', – — → -
                guard let b2 = it.next() else {
                    out.append(b)
                    continue
                }
                guard b2 == 0x80, let b3 = it.next() else {
                    out.append(b)
                    pending = b2
                    continue
                }
                switch b3 {
                case 0x98, 0x99: out.append(0x27)
                case 0x93, 0x94: out.append(0x2D)
                default:
                    out.append(b)
                    out.append(b2)
                    out.append(b3)
                }
            default:
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Folds a CSV column name: lower case, accents and punctuation dropped (`Thème(s)` → `themes`).
    static func fold(_ s: String) -> String {
        let folded = s.lowercased().decomposedStringWithCanonicalMapping
        return String(
            String.UnicodeScalarView(
                folded.unicodeScalars.filter {
                    ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
                }))
    }

    /// The first run of digits in `s`, as an Int.
    static func firstInt<S: StringProtocol>(_ s: S) -> Int? {
        let digits = s.drop(while: { !$0.isASCII || !$0.isNumber }).prefix(while: { $0.isASCII && $0.isNumber })
        return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
    }

    /// Removes a leading article or preposition (`du `, `de la `, `au `, `à l'` …) from a ministry phrase.
    static func dropArticle(_ s: String, _ articles: [String]) -> String {
        let k = key(s)
        for a in articles where k.hasPrefix(a) {
            return String(s.dropFirst(a.count)).trimmingCharacters(in: .whitespaces)
        }
        return s
    }

    /// Trims spaces and a final period.
    static func trimmedPhrase(_ s: String) -> String? {
        var t = collapse(s)
        while t.hasSuffix(".") || t.hasSuffix(",") || t.hasSuffix(":") { t.removeLast() }
        t = collapse(t)
        return t.isEmpty ? nil : t
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{2009}", "\u{200B}",
            "\u{FEFF}":
            return true
        default: return false
        }
    }
}
