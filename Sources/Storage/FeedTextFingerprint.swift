/// A 64-bit fingerprint of a feed entry's own text, as ``normalizeWhitespace(_:)`` would leave it (runs of
/// white space as one space, ends trimmed), computed in one pass without building the normalized string.
///
/// Stored for `articles: true` sources, whose item text is the article: an edit of the entry's body in a
/// full-text feed (`content:encoded`) is then noticed without keeping a second copy of the body. FNV-1a
/// over the Unicode scalar values: a collision would hide one edit from the signal with odds of 2⁻⁶⁴.
public enum FeedTextFingerprint {
    /// The fingerprint of `text`, as the signed integer SQLite stores.
    public static func of(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var started = false
        var pendingSpace = false
        for u in text.unicodeScalars {
            let isSpace =
                u.value < 0x80 ? (u.value == 0x20 || (0x09...0x0D).contains(u.value)) : u.properties.isWhitespace
            if isSpace {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                hash = (hash ^ 0x20) &* 0x100_0000_01b3
                pendingSpace = false
            }
            started = true
            hash = (hash ^ UInt64(u.value)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
