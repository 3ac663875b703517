/// Repairs UTF-8 text that was decoded as ISO-8859-1 and re-encoded ("CafÃ©" for "Café").
///
/// feedparser applies the same repair to documents read as UTF-8: a text made only of code points below
/// U+0100 (windows-1252 punctuation counted as its byte) whose bytes form valid multi-byte UTF-8 is the double-encoded form of that UTF-8.
enum Mojibake {
    /// The feed with every text field repaired where it is double-encoded.
    static func repaired(_ feed: ParsedFeed) -> ParsedFeed {
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

    /// `text` repaired, or unchanged when it is not double-encoded UTF-8.
    static func repair(_ text: String) -> String {
        var bytes = [UInt8]()
        var high = false
        for s in text.unicodeScalars {
            if s.value < 0x100 {
                if s.value >= 0x80 { high = true }
                bytes.append(UInt8(s.value))
            } else if let k = PlainText.cp1252High.firstIndex(of: s.value) {
                high = true  // already read as windows-1252 punctuation: its byte was 0x80 + k
                bytes.append(UInt8(0x80 + k))
            } else {
                return text
            }
        }
        guard high, let fixed = String(validating: bytes, as: UTF8.self) else { return text }
        return fixed
    }
}
