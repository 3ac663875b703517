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
