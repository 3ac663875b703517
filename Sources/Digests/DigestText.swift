import Foundation
import VeilleCore

/// Escaping of untrusted text (titles, snippets, errors) for each digest format.
///
/// Titles and texts come from feeds and pages anyone can write: CR/LF, `<script>`, quotes, `&`, bidi
/// overrides and non-Latin text must stay inert. JSON and Atom keep them whole (their serializers escape);
/// HTML escapes and isolates them (`<bdi>`); text, Markdown and mail headers fold line breaks and drop the
/// bidi controls that could reorder what surrounds them.
enum DigestText {
    /// Bidi embedding, override and isolate controls (reason: U+202E can make a line read backwards).
    static let bidiControls: Set<UInt32> = [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
        0x200E, 0x200F, 0x061C,
    ]

    /// One inert line: runs of line breaks, other control characters and spaces become one space, bidi
    /// controls are dropped.
    static func line(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in s.unicodeScalars {
            if bidiControls.contains(u.value) { continue }
            if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029
                || u.properties.isWhitespace
            {
                space = true
                continue
            }
            if space { out.append(" ") }
            space = false
            out.append(u)
        }
        if space { out.append(" ") }
        return String(out)
    }

    /// Text for HTML element content or a quoted attribute: `& < > " '` escaped, made one line.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in line(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Untrusted text in HTML, isolated so right-to-left text cannot reorder what follows it.
    static func bdi(_ s: String) -> String { "<bdi>" + html(s) + "</bdi>" }

    /// Markdown-escaped inline text.
    static func markdown(_ s: String) -> String { RunDigest.escape(line(s)) }

    /// A link target usable as is: http(s) only, no spaces or control characters; nil otherwise.
    static func safeURL(_ s: String?) -> String? {
        guard let s, let scheme = s.split(separator: ":", maxSplits: 1).first?.lowercased(),
            scheme == "http" || scheme == "https"
        else { return nil }
        guard s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !bidiControls.contains($0.value) })
        else { return nil }
        return s
    }

    /// `2024-11-18 03:00 UTC`.
    static func date(_ d: Date) -> String {
        let iso = Timestamp.iso(d)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}
