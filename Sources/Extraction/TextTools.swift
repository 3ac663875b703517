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

    /// Whitespace runs (no-break spaces included) collapsed to one space, ends trimmed.
    static func collapse(_ text: String) -> String {
        // Fast path: ASCII-only whitespace handling on bytes (no-break space C2 A0 included).
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        var pending = false
        var simple = true
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 { pending = !bytes.isEmpty; previous = b; continue }
            if b == 0xA0, previous == 0xC2 {
                bytes.removeLast()
                while bytes.last == 32 { bytes.removeLast() }
                pending = !bytes.isEmpty; previous = b; continue
            }
            if b >= 0xE2 { simple = false; break }  // other Unicode spaces (U+2000…, U+3000) take the slow path
            if pending { bytes.append(32); pending = false }
            bytes.append(b)
            previous = b
        }
        if simple { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for ch in text {
            if ch.isWhitespace || ch == "\u{00A0}" { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(ch)
        }
        return out
    }

    /// Readability's word count: whitespace-separated pieces.
    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}
