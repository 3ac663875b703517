import VeilleCore

extension DigestContent {
    /// The digest as plain text (the mail's text/plain part): one inert line per untrusted text.
    public var plainText: String {
        let m = messages
        var out = DigestText.line(heading) + "\n"
        out += periodLine + "\n" + summaryLine + "\n"
        out += plainSummary
        for s in sections {
            let title = DigestText.line(s.title)
            out += "\n" + title + "\n" + String(repeating: "=", count: min(72, max(3, title.count))) + "\n"
            if !s.attributedActors.isEmpty {
                out += m.format("attributed", s.attributedActors.map(DigestText.line).joined(separator: ", ")) + "\n"
            }
            for (i, item) in s.items.enumerated() {
                out += Self.plainItem(item, detailed: i < Self.detailedPerSection, m)
            }
        }
        if !baseline.isEmpty {
            let h = m["baseline"]
            out += "\n" + h + "\n" + String(repeating: "=", count: h.count) + "\n"
            for b in baseline {
                out += "* " + m.format("baseline.line", DigestText.line(b.source), m.count(b.count, "item")) + "\n"
            }
        }
        if !trouble.isEmpty {
            let h = m["trouble"]
            out += "\n" + h + "\n" + String(repeating: "=", count: h.count) + "\n"
            for t in trouble {
                out +=
                    "* " + m.format("trouble.line", DigestText.line(t.source), troubleWhat(t), DigestText.line(t.error))
                    + "\n"
            }
        }
        return out
    }

    static func plainItem(_ item: DigestItem, detailed: Bool, _ m: Messages) -> String {
        let link = DigestText.safeURL(item.link).map { "\n    <\($0)>" } ?? ""
        var out =
            "\n* [\(m.kind(item.delta.kind))] " + DigestText.line(item.title) + " — "
            + DigestText.line(item.delta.source) + ", " + m.time(item.date) + link + "\n"
        if let s = item.subtitle { out += "    " + DigestText.line(s) + "\n" }
        if !item.tags.isEmpty {
            out +=
                "    " + m.format("also.under", item.tags.map { DigestText.line($0.name) }.joined(separator: ", "))
                + "\n"
        }
        let also = item.alsoIn.map { DigestText.line($0.source) + " — «" + DigestText.line($0.title) + "»" }
        if !also.isEmpty { out += "    " + m.format("also.in", also.joined(separator: ", ")) + "\n" }
        guard detailed else { return out }
        if let s = item.senate { out += "    " + DigestText.line(s.line(kind: item.delta.kind)) + "\n" }
        if let c = item.change {
            if let t = c.titleWas { out += "    " + m.format("title.was", DigestText.line(t)) + "\n" }
            if let r = c.titleRemoved { out += "    " + m.format("title.removed", DigestText.line(r)) + "\n" }
            if let a = c.titleAdded { out += "    " + m.format("title.added", DigestText.line(a)) + "\n" }
            if c.textChanged, let r = c.removed { out += "    " + m.format("removed", DigestText.line(r)) + "\n" }
            if c.textChanged, let a = c.added { out += "    " + m.format("added", DigestText.line(a)) + "\n" }
        }
        for e in item.evidence.lines {
            var snippet = DigestText.line(e.snippet)
            if let (b, f, a) = Highlight.split(e.snippet, found: e.found) {
                snippet = DigestText.line(b) + "[" + DigestText.line(f) + "]" + DigestText.line(a)
            }
            out +=
                "    "
                + m.format(
                    "evidence", DigestText.line(e.name), e.words.map(DigestText.line).joined(separator: ", "),
                    m["field." + e.field], snippet) + "\n"
        }
        if item.evidence.more > 0 {
            out +=
                "    " + m.format("more", "\(item.evidence.more)")
                + (DigestText.safeURL(item.page).map { " <\($0)>" } ?? "") + "\n"
        }
        return out
    }
}
