import VeilleCore

extension DigestContent {
    /// The digest as plain text (the mail's text/plain part): one inert line per untrusted text.
    public var plainText: String {
        var out = DigestText.line(heading) + "\n"
        out += "Period: \(DigestText.date(from)) to \(DigestText.date(to))\n" + summaryLine + "\n"
        for s in sections {
            let title = DigestText.line(s.title)
            out += "\n" + title + "\n" + String(repeating: "=", count: min(72, max(3, title.count))) + "\n"
            if !s.attributedActors.isEmpty {
                out += "Attributed to: " + s.attributedActors.map(DigestText.line).joined(separator: ", ") + "\n"
            }
            for (i, item) in s.items.enumerated() {
                let link = DigestText.safeURL(item.link).map { "\n    <\($0)>" } ?? ""
                out +=
                    "\n* [\(item.delta.kind)] " + DigestText.line(item.title) + " — "
                    + DigestText.line(item.delta.source) + ", "
                    + DigestText.date(item.date) + link + "\n"
                for d in item.duplicates {
                    out +=
                        "    also: " + DigestText.line(d.source)
                        + (DigestText.safeURL(d.canonicalURL ?? d.url).map { " <\($0)>" } ?? "") + "\n"
                }
                guard i < Self.detailedPerSection else { continue }
                if let s = item.senate { out += "    " + DigestText.line(s.line(kind: item.delta.kind)) + "\n" }
                if let c = item.change {
                    if let t = c.titleWas { out += "    title was: " + DigestText.line(t) + "\n" }
                    if let r = c.removed { out += "    removed: " + DigestText.line(r) + "\n" }
                    if let a = c.added { out += "    added: " + DigestText.line(a) + "\n" }
                }
                for e in item.evidence {
                    var snippet = DigestText.line(e.snippet)
                    if let (b, f, a) = Highlight.split(e.snippet, found: e.found) {
                        snippet = DigestText.line(b) + "[" + DigestText.line(f) + "]" + DigestText.line(a)
                    }
                    out +=
                        "    " + DigestText.line(e.entity) + " · \"" + DigestText.line(e.alias) + "\": " + snippet
                        + "\n"
                }
            }
        }
        if !baseline.isEmpty {
            out += "\nBaseline\n========\n"
            for b in baseline {
                out +=
                    "* " + DigestText.line(b.source)
                    + ": \(b.count) item\(b.count == 1 ? "" : "s") stored on the first crawl (not listed)\n"
            }
        }
        out += "\nSources in trouble\n==================\n"
        if trouble.isEmpty { out += "None.\n" }
        for t in trouble {
            let what =
                t.status == .blocked || t.status == .listed
                ? t.status.rawValue : "\(t.failures) consecutive failure\(t.failures == 1 ? "" : "s")"
            out += "* " + DigestText.line(t.source) + " (\(what)): " + DigestText.line(t.error) + "\n"
        }
        return out
    }
}
