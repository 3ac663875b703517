import VeilleCore

extension DigestContent {
    /// The digest as Markdown: every untrusted text escaped so it cannot add headings, links or HTML.
    public var markdown: String {
        var out = "# " + DigestText.markdown(heading) + "\n\n"
        out += "Period: \(DigestText.date(from)) to \(DigestText.date(to))  \n" + summaryLine + "\n"
        for s in sections {
            out += "\n## " + DigestText.markdown(s.title) + "\n\n"
            if !s.attributedActors.isEmpty {
                out += "Attributed to: " + s.attributedActors.map(DigestText.markdown).joined(separator: ", ") + "\n\n"
            }
            for (i, item) in s.items.enumerated() {
                out += i < Self.detailedPerSection ? Self.markdownDetailed(item) : Self.markdownLine(item)
            }
        }
        if !baseline.isEmpty {
            out += "\n## Baseline\n\n"
            for b in baseline {
                out +=
                    "- " + DigestText.markdown(b.source)
                    + ": \(b.count) item\(b.count == 1 ? "" : "s") stored on the first crawl (not listed)\n"
            }
        }
        out += "\n## Sources in trouble\n\n"
        if trouble.isEmpty { out += "None.\n" }
        for t in trouble {
            let what =
                t.status == .blocked || t.status == .listed
                ? t.status.rawValue : "\(t.failures) consecutive failure\(t.failures == 1 ? "" : "s")"
            out +=
                "- **" + DigestText.markdown(t.source) + "** (\(what)): " + RunDigest.code(DigestText.line(t.error))
                + "\n"
        }
        return out
    }

    static func markdownLine(_ item: DigestItem) -> String {
        let link = DigestText.safeURL(item.link).map { " <\(RunDigest.escapeURL($0))>" } ?? ""
        var line =
            "- **\(item.delta.kind)** " + DigestText.markdown(item.title) + " — "
            + DigestText.markdown(item.delta.source)
            + ", " + DigestText.date(item.date) + link + "\n"
        for d in item.duplicates {
            line +=
                "  - also: " + DigestText.markdown(d.source)
                + (DigestText.safeURL(d.canonicalURL ?? d.url).map { " <\(RunDigest.escapeURL($0))>" } ?? "") + "\n"
        }
        return line
    }

    static func markdownDetailed(_ item: DigestItem) -> String {
        var out = markdownLine(item)
        if let s = item.senate { out += "  - " + DigestText.markdown(s.line(kind: item.delta.kind)) + "\n" }
        if let c = item.change {
            if let t = c.titleWas { out += "  - title was: " + DigestText.markdown(t) + "\n" }
            if let r = c.removed { out += "  - removed: " + DigestText.markdown(r) + "\n" }
            if let a = c.added { out += "  - added: " + DigestText.markdown(a) + "\n" }
        }
        for e in item.evidence {
            let snippet: String
            if let (before, found, after) = Highlight.split(e.snippet, found: e.found) {
                snippet =
                    DigestText.markdown(before) + "**" + DigestText.markdown(found) + "**" + DigestText.markdown(after)
            } else {
                snippet = DigestText.markdown(e.snippet)
            }
            out +=
                "  - " + DigestText.markdown(e.entity) + " · “" + DigestText.markdown(e.alias) + "” ("
                + DigestText.markdown(e.field) + "): " + snippet + "\n"
        }
        return out
    }
}
