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
        static let added = "background:#dff5e1"
    }

    /// The digest as one self-contained HTML page: inline styles, no script, no external resource, every
    /// untrusted text escaped and isolated.
    public var html: String {
        var out =
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        out += "<title>" + DigestText.html(heading) + "</title></head>\n<body style=\"\(Style.body)\">\n"
        out += htmlFragment
        out += "</body></html>\n"
        return out
    }

    /// The body of ``html`` (also the mail's HTML part).
    var htmlFragment: String {
        var out = "<h1 style=\"\(Style.h1)\">" + DigestText.html(heading) + "</h1>\n"
        out +=
            "<p style=\"\(Style.meta)\">"
            + DigestText.html("Period: \(DigestText.date(from)) to \(DigestText.date(to))")
            + "<br>" + DigestText.html(summaryLine) + "</p>\n"
        for s in sections {
            out += "<h2 style=\"\(Style.h2)\">" + DigestText.bdi(s.title) + "</h2>\n"
            if !s.attributedActors.isEmpty {
                out +=
                    "<p style=\"\(Style.meta)\">Attributed to: "
                    + s.attributedActors.map(DigestText.bdi).joined(separator: ", ") + "</p>\n"
            }
            for (i, item) in s.items.enumerated() { out += Self.htmlItem(item, detailed: i < Self.detailedPerSection) }
        }
        if !baseline.isEmpty {
            out += "<h2 style=\"\(Style.h2)\">Baseline</h2>\n<ul>\n"
            for b in baseline {
                out +=
                    "<li>" + DigestText.bdi(b.source)
                    + ": \(b.count) item\(b.count == 1 ? "" : "s") stored on the first crawl (not listed)</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h2 style=\"\(Style.h2)\">Sources in trouble</h2>\n"
        if trouble.isEmpty {
            out += "<p style=\"\(Style.meta)\">None.</p>\n"
        } else {
            out += "<ul>\n"
            for t in trouble {
                let what =
                    t.status == .blocked || t.status == .listed
                    ? t.status.rawValue : "\(t.failures) consecutive failure\(t.failures == 1 ? "" : "s")"
                out +=
                    "<li><b>" + DigestText.bdi(t.source) + "</b> (\(what)): <code>" + DigestText.bdi(t.error)
                    + "</code></li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    static func htmlLink(_ url: String?, _ text: String) -> String {
        guard let u = DigestText.safeURL(url) else { return DigestText.bdi(text) }
        return "<a href=\"" + DigestText.html(u) + "\" style=\"\(Style.link)\">" + DigestText.bdi(text) + "</a>"
    }

    static func htmlItem(_ item: DigestItem, detailed: Bool) -> String {
        var out =
            "<div style=\"\(Style.item)\"><span style=\"\(Style.kind)\">" + DigestText.html(item.delta.kind.rawValue)
            + "</span>"
        out += htmlLink(item.link, item.title)
        out +=
            " <span style=\"\(Style.meta)\">— " + DigestText.bdi(item.delta.source) + ", "
            + DigestText.html(DigestText.date(item.date)) + "</span>"
        if !item.duplicates.isEmpty {
            out +=
                "<div style=\"\(Style.detail)\">Also on: "
                + item.duplicates.map { htmlLink($0.canonicalURL ?? $0.url, $0.source) }
                .joined(separator: ", ") + "</div>"
        }
        guard detailed else { return out + "</div>\n" }
        if let s = item.senate {
            out += "<div style=\"\(Style.detail)\">" + DigestText.bdi(s.line(kind: item.delta.kind)) + "</div>"
        }
        if let c = item.change {
            if let t = c.titleWas { out += "<div style=\"\(Style.detail)\">Title was: " + DigestText.bdi(t) + "</div>" }
            if let r = c.removed {
                out +=
                    "<div style=\"\(Style.detail)\">Removed: <span style=\"\(Style.removed)\">" + DigestText.bdi(r)
                    + "</span></div>"
            }
            if let a = c.added {
                out +=
                    "<div style=\"\(Style.detail)\">Added: <span style=\"\(Style.added)\">" + DigestText.bdi(a)
                    + "</span></div>"
            }
        }
        for e in item.evidence {
            out +=
                "<div style=\"\(Style.quote)\">" + DigestText.bdi(e.entity) + " · “" + DigestText.bdi(e.alias) + "” ("
                + DigestText.html(e.field) + "): "
            if let (before, found, after) = Highlight.split(e.snippet, found: e.found) {
                out +=
                    "<bdi>" + DigestText.html(before) + "<mark style=\"\(Style.mark)\">" + DigestText.html(found)
                    + "</mark>"
                    + DigestText.html(after) + "</bdi>"
            } else {
                out += DigestText.bdi(e.snippet)
            }
            out += "</div>"
        }
        return out + "</div>\n"
    }
}
