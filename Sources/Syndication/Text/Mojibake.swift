import VeilleCore

/// Repairs UTF-8 text that was decoded as ISO-8859-1 and re-encoded ("CafÃ©" for "Café").
///
/// feedparser applies the same repair to documents read as UTF-8: a text made only of code points below
/// U+0100 (windows-1252 punctuation counted as its byte) whose bytes form valid multi-byte UTF-8 is the double-encoded form of that UTF-8.
enum Mojibake {
    /// The feed with every text field repaired where it is double-encoded.
    static func repaired(_ feed: ParsedFeed) -> ParsedFeed {
        guard needsRepair(feed) else { return feed } // the usual case: no copy of the entries
        var f = feed
        f.title = f.title.map(repair)
        for i in f.entries.indices {
            f.entries[i].title = f.entries[i].title.map(repair)
            f.entries[i].summaryText = f.entries[i].summaryText.map(repair)
            f.entries[i].contentText = f.entries[i].contentText.map(repair)
            f.entries[i].author = f.entries[i].author.map(repair)
        }
        return f
    }

    /// True when some text field of `feed` may be double-encoded.
    static func needsRepair(_ feed: ParsedFeed) -> Bool {
        func may(_ s: String?) -> Bool { s.map(mayBeDoubleEncoded) ?? false }
        if may(feed.title) { return true }
        for e in feed.entries where may(e.title) || may(e.summaryText) || may(e.contentText) || may(e.author) {
            return true
        }
        return false
    }

    /// True when `text` holds a Latin-1 lead byte (Ã, Â, â… spelled in UTF-8 as C3 82–B4) followed by a
    /// continuation byte read as Latin-1 or windows-1252: a cheap test that spares the repair pass.
    static func mayBeDoubleEncoded(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { b in
            guard b.count >= 4, let p = b.baseAddress else { return false }
            var i = 0
            while i + 2 < b.count {
                // Sixteen bytes at a time to the next 0xC3 (French text has one every few words: é).
                i = ByteBlock.skip(p, from: i, to: b.count) { $0 .== ByteBlock.splat(0xC3) }
                if i + 2 >= b.count { break }
                if b[i] == 0xC3, b[i + 1] >= 0x82, b[i + 1] <= 0xB4 {
                    switch b[i + 2] {
                    case 0xC2, 0xC5, 0xC6, 0xCB, 0xE2: return true
                    default: break
                    }
                }
                i += 1
            }
            return false
        }
    }

    /// `text` repaired, or unchanged when it is not double-encoded UTF-8.
    static func repair(_ text: String) -> String {
        guard mayBeDoubleEncoded(text) else { return text }
        var bytes = [UInt8]()
        var high = false
        for s in text.unicodeScalars {
            if s.value < 0x100 {
                if s.value >= 0x80 { high = true }
                bytes.append(UInt8(s.value))
            } else if let k = Charset.cp1252High.firstIndex(of: s.value) {
                high = true // already read as windows-1252 punctuation: its byte was 0x80 + k
                bytes.append(UInt8(0x80 + k))
            } else {
                return text
            }
        }
        guard high, let fixed = String(validating: bytes, as: UTF8.self) else { return text }
        return fixed
    }
}
