/// A first look at a body: what it claims to be, before any parsing.
enum Sniffer {
    /// What the first bytes say.
    enum Kind: Equatable { case empty, xml, json, html, other }

    /// How far an HTML page's tell-tale tags are looked for (doctype, comments and whitespace come first).
    static let window = 1024

    /// Classifies `bytes` by their first meaningful characters (after a BOM and whitespace).
    static func sniff(_ bytes: [UInt8]) -> Kind {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return .xml // UTF-16 with a BOM: only XML feeds come this way
        }
        if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 { return .xml } // UTF-16/32 without a BOM
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count else { return .empty }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: "<"): return looksLikeHTMLPage(bytes, from: i) ? .html : .xml
        default: return .other
        }
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// True when the first element (after the XML declaration, comments and a doctype) is `<html>`, or
    /// the doctype is HTML's and the first element is no feed root.
    static func looksLikeHTMLPage(_ b: [UInt8], from start: Int) -> Bool {
        var i = start
        var htmlDoctype = false
        let end = min(b.count, start + window)
        while i < end {
            guard b[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if hasPrefix(b, at: i, "<!doctype html") { htmlDoctype = true }
            if hasPrefix(b, at: i, "<html") { return true }
            if hasPrefix(b, at: i, "<?") || hasPrefix(b, at: i, "<!") {
                i += 2
                continue
            }
            // The first element: a feed root wins over any doctype.
            let feedRoot =
                hasPrefix(b, at: i, "<rss") || hasPrefix(b, at: i, "<feed") || hasPrefix(b, at: i, "<rdf")
                || hasPrefix(b, at: i, "<channel")
            return htmlDoctype && !feedRoot
        }
        return htmlDoctype
    }

    /// Case-insensitive ASCII prefix test at `i`.
    static func hasPrefix(_ b: [UInt8], at i: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<n {
            var c = b[i + k]
            if c >= 0x41, c <= 0x5A { c += 32 }
            if c != p[k] { return false }
        }
        return true
    }
}
