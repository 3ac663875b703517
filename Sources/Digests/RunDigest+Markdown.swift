import VeilleCore

extension RunDigest {
    /// The digest as Markdown: a header with the period and counts, one section per source, then the
    /// sources in trouble. Untrusted text is escaped so that it cannot add headings, links or HTML.
    public var markdown: String {
        var out = "# veille digest: run \(runs.map(String.init).joined(separator: ", "))\n\n"
        out += "Period: \(Timestamp.iso(from)) to \(Timestamp.iso(to))\n\n"
        out +=
            counts.map { "\($0.0.replacingOccurrences(of: "_", with: " ")): \($0.1)" }.joined(separator: " · ") + "\n"
        for s in sections {
            out += "\n## \(Self.escape(s.source))\n\n"
            if s.baselineCount > 0 {
                out +=
                    "Baseline: \(s.baselineCount) item\(s.baselineCount == 1 ? "" : "s") stored on the first crawl (not listed).\n\n"
            }
            for d in s.items {
                let title = Self.escape(
                    normalizeWhitespace(d.title).isEmpty ? "(untitled)" : normalizeWhitespace(d.title))
                let link = d.url.map { " <\(Self.escapeURL($0))>" } ?? ""
                let date = d.published.map { " (\(Timestamp.iso($0)))" } ?? ""
                out += "- **\(d.kind)** \(title)\(date)\(link)\n"
                if d.kind == .changed, let prev = d.previousTitle,
                    normalizeWhitespace(prev) != normalizeWhitespace(d.title)
                {
                    out += "  - title was: \(Self.escape(normalizeWhitespace(prev)))\n"
                }
            }
        }
        out += "\n## Sources in trouble\n\n"
        if trouble.isEmpty { out += "None.\n" }
        for t in trouble {
            let what =
                t.status == .blocked || t.status == .listed
                ? t.status.rawValue : "\(t.failures) consecutive failure\(t.failures == 1 ? "" : "s")"
            out += "- **\(Self.escape(t.source))** (\(what)): \(Self.code(t.error))\n"
        }
        return out
    }

    /// Escapes Markdown and HTML metacharacters and folds line breaks, so a title stays one inert line.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "\r", "\n", "\r\n", "\u{2028}", "\u{2029}": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "!": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// Untrusted text as one inline code span: no Markdown inside is interpreted, line breaks folded.
    static func code(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "`", with: "'")
        return "`" + flat + "`"
    }

    /// A URL inside `<…>`: spaces and angle brackets percent-encoded.
    static func escapeURL(_ s: String) -> String {
        s.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "<", with: "%3C")
            .replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "\n", with: "")
            .replacingOccurrences(of: "\r", with: "")
    }
}
