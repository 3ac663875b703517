import VeilleCore

extension DigestContent {
    /// Inline styles (reason: mail clients drop `<style>` blocks and external sheets; no class is relied on).
    enum Style {
        static let body =
            "font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1d1d1f;max-width:760px;margin:0 auto;padding:16px"
        static let h1 = "font-size:22px;margin:0 0 6px 0"
        static let h2 = "font-size:18px;margin:22px 0 4px 0;border-bottom:1px solid #d2d2d7;padding-bottom:3px"
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
        static let burst =
            "margin:4px 0;padding:6px 10px;background:#fdecea;border-left:4px solid #c0392b;font-weight:bold"
        static let table = "border-collapse:collapse;margin:4px 0 8px 0;font-size:14px"
        static let th = "text-align:left;font-weight:bold;color:#6e6e73;font-size:12px;padding:2px 12px 2px 0"
        static let td = "padding:3px 12px 3px 0;vertical-align:middle;border-top:1px solid #e8e8ed"
        static let tag =
            "display:inline-block;font-size:12px;background:#eef3fb;color:#0b3d91;border-radius:3px;padding:0 5px"
    }

    /// The digest as one self-contained HTML page: inline styles, no script, no external resource, every
    /// untrusted text escaped and isolated.
    public var html: String { page(mail: false) }

    /// The mail's HTML part: as ``html``, with the trends drawn as table cells (mail clients drop SVG).
    public var mailHTML: String { page(mail: true) }

    func page(mail: Bool) -> String {
        var out =
            "<!DOCTYPE html>\n<html lang=\"\(messages.language.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width\">"
        out += "<title>" + DigestText.html(heading) + "</title></head>\n<body style=\"\(Style.body)\">\n"
        out += htmlFragment(mail: mail)
        out += "</body></html>\n"
        return out
    }

    /// The body of ``html`` and ``mailHTML``.
    func htmlFragment(mail: Bool) -> String {
        let m = messages
        var out = "<h1 style=\"\(Style.h1)\">" + DigestText.html(heading) + "</h1>\n"
        out +=
            "<p style=\"\(Style.meta)\">" + DigestText.html(periodLine) + "<br>" + DigestText.html(summaryLine)
            + "</p>\n"
        out += htmlSummary(mail: mail)
        for s in sections {
            out += "<h2 style=\"\(Style.h2)\">" + DigestText.bdi(s.title) + "</h2>\n"
            if !s.attributedActors.isEmpty {
                out +=
                    "<p style=\"\(Style.meta)\">"
                    + m.format("attributed", s.attributedActors.map(DigestText.bdi).joined(separator: ", ")) + "</p>\n"
            }
            for (i, item) in s.items.enumerated() {
                out += Self.htmlItem(item, detailed: i < Self.detailedPerSection, m)
            }
        }
        if !baseline.isEmpty {
            out += "<h2 style=\"\(Style.h2)\">" + DigestText.html(m["baseline"]) + "</h2>\n<ul>\n"
            for b in baseline {
                out +=
                    "<li>" + m.format("baseline.line", DigestText.bdi(b.source), m.count(b.count, "item")) + "</li>\n"
            }
            out += "</ul>\n"
        }
        if !trouble.isEmpty {
            out += "<h2 style=\"\(Style.h2)\">" + DigestText.html(m["trouble"]) + "</h2>\n<ul>\n"
            for t in trouble {
                out +=
                    "<li>"
                    + m.format(
                        "trouble.line", "<b>" + DigestText.bdi(t.source) + "</b>", DigestText.html(troubleWhat(t)),
                        "<code>" + DigestText.bdi(t.error) + "</code>") + "</li>\n"
            }
            out += "</ul>\n"
        }
        return out
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
