/// Refuses bytes that are not an HTML page before any parsing, and bounds the size of those that are.
enum InputCheck {
    /// How many leading bytes are looked at to tell binary from text.
    static let sniffBytes = 4096

    /// Why `bytes` cannot be an HTML page, nil when they may be.
    static func refusal(_ bytes: [UInt8]) -> String? {
        let trimmed = bytes.drop(while: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 12 })
        guard !trimmed.isEmpty else { return "empty body" }
        // UTF-16/32 pages carry NULs legitimately: let the charset rule read them.
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return nil
        }
        let head = bytes.prefix(sniffBytes)
        var control = 0
        for b in head where b < 32 && b != 9 && b != 10 && b != 13 && b != 12 && b != 27 { control += 1 }
        if head.contains(0) || control * 20 > head.count { return "binary content, not HTML" }
        if trimmed.starts(with: Array("%PDF".utf8)) { return "not HTML: a PDF document" }
        if let first = trimmed.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return "not HTML: JSON data"
        }
        if !hasMarkup(bytes.prefix(1 << 16)) { return "not HTML: no tags" }
        return nil
    }

    /// True when a tag opens somewhere (`<` followed by a letter, `!` or `/`).
    static func hasMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == 60 {
                let c = bytes[i + 1] | 0x20
                if (c >= 97 && c <= 122) || bytes[i + 1] == 33 || bytes[i + 1] == 47 { return true }
            }
            i += 1
        }
        return false
    }

    /// The page cut to at most `limit` bytes, at the last `<` before the limit (never inside a UTF-8 sequence).
    static func bounded(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        var cut = limit
        while cut > 0, bytes[cut] != 60 { cut -= 1 }
        return Array(bytes[0..<(cut > 0 ? cut : limit)])
    }
}
