import VeilleCore

extension DigestContent {
    /// The digest as Markdown: every untrusted text escaped so it cannot add headings, links or HTML.
    public var markdown: String {
        let m = messages
        var out = "# " + DigestText.markdown(heading) + "\n\n"
        out += periodLine + "  \n" + summaryLine + "\n"
        out += markdownSummary
        for s in sections {
            out += "\n## " + DigestText.markdown(s.title) + "\n\n"
            if !s.attributedActors.isEmpty {
                out +=
                    m.format("attributed", s.attributedActors.map(DigestText.markdown).joined(separator: ", ")) + "\n\n"
            }
            for (i, item) in s.items.enumerated() {
                out += Self.markdownItem(item, detailed: i < Self.detailedPerSection, m)
            }
        }
        if !baseline.isEmpty {
            out += "\n## " + m["baseline"] + "\n\n"
            for b in baseline {
                out += "- " + m.format("baseline.line", DigestText.markdown(b.source), m.count(b.count, "item")) + "\n"
            }
        }
        if !trouble.isEmpty {
            out += "\n## " + m["trouble"] + "\n\n"
            for t in trouble {
                out +=
                    "- "
                    + m.format(
                        "trouble.line", "**" + DigestText.markdown(t.source) + "**", troubleWhat(t),
                        RunDigest.code(DigestText.line(t.error))) + "\n"
            }
        }
        return out
    }

    static func markdownLink(_ url: String?) -> String {
        DigestText.safeURL(url).map { " <\(RunDigest.escapeURL($0))>" } ?? ""
    }

    static func markdownItem(_ item: DigestItem, detailed: Bool, _ m: Messages) -> String {
        var out =
            "- **\(m.kind(item.delta.kind))** " + DigestText.markdown(item.title) + " — "
            + DigestText.markdown(item.delta.source) + ", " + m.time(item.date) + markdownLink(item.link) + "\n"
        if let s = item.subtitle { out += "  - " + DigestText.markdown(s) + "\n" }
        if !item.tags.isEmpty {
            out +=
                "  - " + m.format("also.under", item.tags.map { DigestText.markdown($0.name) }.joined(separator: ", "))
            out += "\n"
        }
        let also = item.alsoIn.map {
            DigestText.markdown($0.source) + " — «" + DigestText.markdown($0.title) + "»" + markdownLink($0.link)
        }
        if !also.isEmpty { out += "  - " + m.format("also.in", also.joined(separator: ", ")) + "\n" }
        guard detailed else { return out }
        if let s = item.senate { out += "  - " + DigestText.markdown(s.line(kind: item.delta.kind)) + "\n" }
        if let c = item.change {
            if let t = c.titleWas { out += "  - " + m.format("title.was", DigestText.markdown(t)) + "\n" }
            if let r = c.titleRemoved {
                out += "  - " + m.format("title.removed", "~~" + DigestText.markdown(r) + "~~") + "\n"
            }
            if let a = c.titleAdded { out += "  - " + m.format("title.added", DigestText.markdown(a)) + "\n" }
            if c.textChanged, let r = c.removed {
                out += "  - " + m.format("removed", "~~" + DigestText.markdown(r) + "~~") + "\n"
            }
            if c.textChanged, let a = c.added { out += "  - " + m.format("added", DigestText.markdown(a)) + "\n" }
        }
        for e in item.evidence.lines {
            let snippet: String
            if let (before, found, after) = Highlight.split(e.snippet, found: e.found) {
                snippet =
                    DigestText.markdown(before) + "**" + DigestText.markdown(found) + "**" + DigestText.markdown(after)
            } else {
                snippet = DigestText.markdown(e.snippet)
            }
            out +=
                "  - "
                + m.format(
                    "evidence", DigestText.markdown(e.name), e.words.map(DigestText.markdown).joined(separator: ", "),
                    m["field." + e.field], snippet) + "\n"
        }
        if item.evidence.more > 0 {
            out += "  - " + m.format("more", "\(item.evidence.more)") + markdownLink(item.page) + "\n"
        }
        return out
    }
}
