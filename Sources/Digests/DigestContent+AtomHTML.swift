import VeilleCore

/// The HTML of an Atom entry's `<content>`: one item, built here with inline styles, not through the
/// templates of the HTML digest (reason: the Atom digest stays byte-identical to what feed readers already
/// stored, and feed readers drop classes and style sheets alike).
extension DigestContent {
    /// Inline styles of the Atom entries' HTML.
    enum Style {
        static let meta = "color:#6e6e73;font-size:13px;margin:0 0 8px 0"
        static let item = "margin:0 0 12px 0;padding:0"
        static let kind =
            "display:inline-block;font-size:11px;font-weight:bold;text-transform:uppercase;background:#e8e8ed;color:#1d1d1f;border-radius:3px;padding:1px 5px;margin-right:6px"
        static let link = "color:#0645ad;text-decoration:underline"
        static let detail = "margin:3px 0 0 0;font-size:14px;color:#3a3a3c"
        static let mark = "background:#fff3a3;color:#1d1d1f;font-weight:bold"
        static let quote =
            "margin:3px 0 0 0;padding-left:8px;border-left:3px solid #d2d2d7;font-size:14px;color:#3a3a3c"
        static let removed = "background:#fde2e1;text-decoration:line-through"
        static let added = "background:#dff5e1;text-decoration:none"
        static let tag =
            "display:inline-block;font-size:12px;background:#eef3fb;color:#0b3d91;border-radius:3px;padding:0 5px"
    }

    static func htmlLink(_ url: String?, _ text: String) -> String {
        guard let u = DigestText.safeURL(url) else { return DigestText.bdi(text) }
        return "<a href=\"" + DigestText.html(u) + "\" style=\"\(Style.link)\">" + DigestText.bdi(text) + "</a>"
    }

    static func detail(_ html: String) -> String { "<div style=\"\(Style.detail)\">" + html + "</div>" }

    static func htmlItem(_ item: DigestItem, detailed: Bool, _ m: Messages) -> String {
        var out =
            "<div style=\"\(Style.item)\"><span style=\"\(Style.kind)\">" + DigestText.html(m.kind(item.delta.kind))
            + "</span>"
        out += htmlLink(item.link, item.title)
        out +=
            " <span style=\"\(Style.meta)\">— " + DigestText.bdi(item.delta.source) + ", "
            + DigestText.html(m.time(item.date)) + "</span>"
        if let s = item.subtitle { out += detail(DigestText.bdi(s)) }
        if !item.tags.isEmpty {
            out += detail(
                m.format(
                    "also.under",
                    item.tags.map { "<span style=\"\(Style.tag)\">" + DigestText.bdi($0.name) + "</span>" }
                        .joined(separator: " ")))
        }
        let also = item.alsoIn.map { DigestText.bdi($0.source) + " — «" + htmlLink($0.link, $0.title) + "»" }
        if !also.isEmpty { out += detail(m.format("also.in", also.joined(separator: ", "))) }
        guard detailed else { return out + "</div>\n" }
        if let s = item.senate { out += detail(DigestText.bdi(s.line(kind: item.delta.kind))) }
        if let c = item.change {
            if let t = c.titleWas { out += detail(m.format("title.was", DigestText.bdi(t))) }
            if let r = c.titleRemoved {
                out += detail(
                    m.format("title.removed", "<del style=\"\(Style.removed)\">" + DigestText.bdi(r) + "</del>"))
            }
            if let a = c.titleAdded {
                out += detail(m.format("title.added", "<ins style=\"\(Style.added)\">" + DigestText.bdi(a) + "</ins>"))
            }
            if c.textChanged, let r = c.removed {
                out += detail(m.format("removed", "<del style=\"\(Style.removed)\">" + DigestText.bdi(r) + "</del>"))
            }
            if c.textChanged, let a = c.added {
                out += detail(m.format("added", "<ins style=\"\(Style.added)\">" + DigestText.bdi(a) + "</ins>"))
            }
        }
        for e in item.evidence.lines {
            let snippet: String
            if let (before, found, after) = Highlight.split(e.snippet, found: e.found) {
                snippet =
                    "<bdi>" + DigestText.html(before) + "<mark style=\"\(Style.mark)\">" + DigestText.html(found)
                    + "</mark>" + DigestText.html(after) + "</bdi>"
            } else {
                snippet = DigestText.bdi(e.snippet)
            }
            out +=
                "<div style=\"\(Style.quote)\">"
                + m.format(
                    "evidence", "<b>" + DigestText.bdi(e.name) + "</b>",
                    e.words.map(DigestText.bdi).joined(separator: ", "),
                    DigestText.html(m["field." + e.field]), snippet) + "</div>"
        }
        if item.evidence.more > 0 {
            out += detail(htmlLink(item.page, m.format("more", "\(item.evidence.more)")))
        }
        return out + "</div>\n"
    }
}
