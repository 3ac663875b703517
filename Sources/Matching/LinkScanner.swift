/// Finds the links in a plain text in one pass over its UTF-8 bytes, and the host of a URL.
///
/// A link starts at `http://`, `https://` (any case) or `www.` at a word start, and runs to white space
/// (no-break spaces included), a quote, a guillemet or an angle bracket; closing punctuation at its end (`.`, `,`, `;`, `:`, `!`, `?`, `)`, `]`)
/// is left out, as in prose ("voir https://example.org/a.").
enum LinkScanner {
    /// One link: its byte span in the text and its host.
    struct Link {
        var span: Range<Int>
        var host: String
    }

    /// The links of `text`, by position.
    static func links(_ text: [UInt8]) -> [Link] {
        var out: [Link] = []
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i] | 0x20
            guard b == UInt8(ascii: "h") || b == UInt8(ascii: "w") else {
                i += 1
                continue
            }
            if i > 0, isWordByte(text[i - 1]) {
                i += 1
                continue
            }
            var hostStart = -1
            if b == UInt8(ascii: "h") {
                if hasPrefix(text, i, "https://") {
                    hostStart = i + 8
                } else if hasPrefix(text, i, "http://") {
                    hostStart = i + 7
                }
            } else if hasPrefix(text, i, "www.") {
                hostStart = i
            }
            guard hostStart >= 0 else {
                i += 1
                continue
            }
            var end = hostStart
            while end < n, !isStop(text[end]), !isUnicodeStop(text, end) { end += 1 }
            while end > hostStart, isTrailing(text[end - 1]) { end -= 1 }
            if end > hostStart, let host = host(text[i..<end]) {
                out.append(Link(span: i..<end, host: host))
            }
            i = max(end, i + 1)
        }
        return out
    }

    /// The host of a URL (`https://user@Www.Example.org:8080/path` → `Www.Example.org`); a text without a
    /// scheme is read as starting with its host. Nil when there is none.
    static func host(_ url: ArraySlice<UInt8>) -> String? {
        var s = url.startIndex
        if let colon = url.firstIndex(of: UInt8(ascii: ":")), url[colon...].starts(with: "://".utf8) {
            s = colon + 3
        }
        var e = s
        while e < url.endIndex, url[e] != UInt8(ascii: "/"), url[e] != UInt8(ascii: "?"), url[e] != UInt8(ascii: "#"),
            url[e] != UInt8(ascii: "\\")
        {
            e += 1
        }
        var auth = url[s..<e]
        if let at = auth.lastIndex(of: UInt8(ascii: "@")) { auth = auth[(at + 1)...] }
        if auth.first == UInt8(ascii: "[") { return nil } // an IPv6 literal lists no domain
        if let colon = auth.firstIndex(of: UInt8(ascii: ":")) { auth = auth[..<colon] }
        guard !auth.isEmpty else { return nil }
        return String(decoding: auth, as: UTF8.self)
    }

    static func hasPrefix(_ text: [UInt8], _ at: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard at + count <= text.count else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<count where text[at + k] | (p[k] >= 0x61 ? 0x20 : 0) != p[k] { return false }
            return true
        }
    }

    /// Non-ASCII characters that end a link in prose: no-break spaces, guillemets, curly quotes, ellipsis.
    /// (Reason: French typography writes « https://… » with no-break spaces, and quotes hug links.)
    static func isUnicodeStop(_ text: [UInt8], _ i: Int) -> Bool {
        guard text[i] >= 0xC2, i + 1 < text.count else { return false }
        if text[i] == 0xC2 { return text[i + 1] == 0xA0 || text[i + 1] == 0xAB || text[i + 1] == 0xBB }
        guard text[i] == 0xE2, i + 2 < text.count, text[i + 1] == 0x80 else { return false }
        return [0x98, 0x99, 0x9C, 0x9D, 0xA6, 0xAF].contains(text[i + 2]) // ‘ ’ “ ” … and narrow no-break space
    }

    /// Bytes that make a `h` or `w` the middle of a word, not the start of a link (ASCII only: a link right
    /// after a no-break space or a guillemet is still a link).
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
    }

    static func isStop(_ b: UInt8) -> Bool {
        b <= 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "<")
            || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "`") || b == 0x7F
    }

    static func isTrailing(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]")
    }
}
