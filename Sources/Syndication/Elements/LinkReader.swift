import Foundation
import Markup

/// The rules of link elements: Atom's `href`/`rel`/`type`, and RSS text links.
enum LinkReader {
    /// The `href` of an Atom-style link (some feeds write `url` or `uri`), nil for an RSS text link.
    static func href(_ link: XMLCursor) -> String? {
        guard let h = link.attribute("href") ?? link.attribute("url") ?? link.attribute("uri") else { return nil }
        return PlainText.collapse(h) ?? ""
    }

    /// An alternate link to an HTML page (`rel` missing means alternate, `type` missing means HTML).
    static func isAlternate(_ link: XMLCursor) -> Bool {
        let rel = link.attribute("rel")?.lowercased() ?? "alternate"
        guard rel == "alternate" else { return false }
        let type = link.attribute("type")?.lowercased() ?? "text/html"
        return type == "text/html" || type == "application/xhtml+xml" || type == "html" || type == "xhtml"
    }

    /// True when a content `type` is text or HTML (what feedparser copies into a missing summary).
    static func isTextual(_ type: String?) -> Bool {
        guard let t = type else { return true }
        switch t {
        case "text", "html", "xhtml", "text/plain", "text/html", "application/xhtml+xml": return true
        default: return false
        }
    }

    /// Undoes `?a=1&b;=2`, the mangling of query strings some generators apply to `<link>` text.
    static func fixQuery(_ link: String) -> String {
        var copy = link
        // nil: no `&` (the usual link, returned as it is); else whether the link is ASCII.
        let ascii: Bool? = copy.withUTF8 { b in
            guard let base = b.baseAddress, memchr(base, 0x26, b.count) != nil else { return nil }
            return b.allSatisfy { $0 < 0x80 }
        }
        guard let ascii else { return link }
        return ascii ? fixQueryASCII(Array(link.utf8)) : fixQueryCharacters(link)
    }

    /// ``fixQuery(_:)`` by Characters (a link with non-ASCII text: letters of any script form the word).
    static func fixQueryCharacters(_ link: String) -> String {
        var out = ""
        var rest = Substring(link)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            out += "&"
            var after = rest[rest.index(after: amp)...]
            let word = after.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            if !word.isEmpty, after.dropFirst(word.count).first == ";" {
                out += word
                after = after.dropFirst(word.count + 1)
            }
            rest = after
        }
        return out + rest
    }

    /// ``fixQuery(_:)`` on ASCII bytes (the usual link): `&word;` loses its `;`.
    static func fixQueryASCII(_ b: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            out.append(b[i])
            if b[i] == UInt8(ascii: "&") {
                var j = i + 1
                while j < b.count, PlainText.isWordByte(b[j]) { j += 1 }
                if j > i + 1, j < b.count, b[j] == UInt8(ascii: ";") {
                    out.append(contentsOf: b[(i + 1)..<j])
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
