import Mustache
import Templates
import VeilleCore

/// The HTML digest, file and mail, rendered through the web view's template system: the templates `digest`,
/// `digest-summary`, `digest-item` and `digest-link` with the web view's `kind-badge` and `marked` partials,
/// and one style sheet (`style.css`, the web view's, with `digest.css` beside it). The file embeds both in a
/// `<style>` block (it opens from disk alone); mail has them inlined on each element by ``StyleInliner``
/// (mail clients drop `<style>`), and draws the trend as table cells instead of SVG.
extension DigestContent {
    /// The templates and the style sheets, loaded once.
    struct HTMLTemplates: Sendable {
        var library: MustacheLibrary
        /// `style.css` then `digest.css`.
        var css: String
        var inliner: StyleInliner

        static let shared: Result<HTMLTemplates, TemplatesError> = Result {
            let css = try SharedTemplates.stylesheet("style.css") + "\n" + SharedTemplates.stylesheet("digest.css")
            guard !css.lowercased().contains("</style") else {
                throw TemplatesError.parse("style.css", "a style sheet may not contain </style")
            }
            let library = try SharedTemplates.library()
            guard library.getTemplate(named: "digest") != nil else { throw TemplatesError.missing("digest.mustache") }
            return HTMLTemplates(library: library, css: css, inliner: StyleInliner(css: css))
        }.mapError { $0 as? TemplatesError ?? .missing("\($0)") }
    }

    /// The digest as one self-contained HTML page: the style sheets embedded, no script, no external resource,
    /// every untrusted text escaped and isolated (`<bdi>`).
    public var html: String { (try? renderHTML(mail: false)) ?? Self.brokenPage }

    /// The mail's HTML part: as ``html``, the styles inlined on each element (no `<style>`), the trends drawn
    /// as table cells (mail clients drop SVG).
    public var mailHTML: String { (try? renderHTML(mail: true)) ?? Self.brokenPage }

    /// What ``html`` says when the templates are not installed (delivery checks ``renderHTML(mail:)`` first and
    /// fails with the reason instead).
    static let brokenPage = "<!DOCTYPE html>\n<p>veille: the HTML digest's templates are missing.</p>\n"

    /// The HTML digest, file (`mail: false`) or mail.
    ///
    /// - Throws: ``DigestError/templates(_:)`` when the templates or style sheets are not installed.
    public func renderHTML(mail: Bool) throws -> String {
        let t: HTMLTemplates
        do { t = try HTMLTemplates.shared.get() } catch { throw DigestError.templates(error.description) }
        let page = htmlPage(mail: mail, css: mail ? nil : t.css)
        let rendered = t.library.render(page, withTemplate: "digest") ?? Self.brokenPage
        return mail ? t.inliner.inline(rendered) : rendered
    }

    /// The view model of the page.
    func htmlPage(mail: Bool, css: String?) -> DigestPage {
        let m = messages
        let l = DigestText.line
        var page = DigestPage(
            lang: m.language.rawValue, heading: l(heading), css: css, period: l(periodLine), counts: l(summaryLine),
            sections: [])
        if !summary.bursts.isEmpty {
            page.bursts = .init(title: m["bursts"], lines: summary.bursts.map { l(summary.burstLine($0, m)) })
        }
        if !summary.rows.isEmpty {
            page.summary = .init(
                title: m["summary"], entity: m["summary.entity"], tonight: m["summary.tonight"],
                trend: m["summary.trend"],
                rows: summary.rows.map { r in
                    .init(
                        name: l(r.name), burst: r.isBurst, tonight: l(summary.tonightLine(r, m)),
                        chart: mail
                            ? Self.cellChart(r.trend, burst: r.isBurst) : Self.svgChart(r.trend, burst: r.isBurst))
                })
        }
        page.sections = sections.map { s in
            DigestPage.Section(
                title: l(s.title),
                attributed: s.attributedActors.isEmpty
                    ? nil
                    : .init(frame: .init(m["attributed"], slots: 1), names: Self.named(s.attributedActors, ", ")),
                items: s.items.enumerated().map { Self.htmlItemView($1, detailed: $0 < Self.detailedPerSection, m) })
        }
        if !baseline.isEmpty {
            page.baseline = .init(
                title: m["baseline"], frame: .init(m["baseline.line"], slots: 2),
                lines: baseline.map { .init(source: l($0.source), count: m.count($0.count, "item")) })
        }
        if !trouble.isEmpty {
            page.trouble = .init(
                title: m["trouble"], frame: .init(m["trouble.line"], slots: 3),
                lines: trouble.map { .init(source: l($0.source), what: l(troubleWhat($0)), error: l($0.error)) })
        }
        return page
    }

    /// Names as a list, each made one inert line.
    static func named(_ names: [String], _ separator: String) -> [DigestPage.Named] {
        names.enumerated().map { .init(sep: $0 == 0 ? "" : separator, name: DigestText.line($1)) }
    }

    /// A link to an http(s) URL, or the text alone.
    static func linkView(_ url: String?, _ text: String) -> DigestPage.Link {
        .init(href: DigestText.safeURL(url), text: DigestText.line(text))
    }

    /// One item: the line every item has, then (when `detailed`) its changes, evidence and "+N more".
    static func htmlItemView(_ item: DigestItem, detailed: Bool, _ m: Messages) -> DigestPage.Item {
        let l = DigestText.line
        var v = DigestPage.Item(
            badge: .init(kind: item.delta.kind.rawValue, label: m.kind(item.delta.kind)),
            title: linkView(item.link, item.title), source: l(item.delta.source), time: m.time(item.date),
            subtitle: item.subtitle.map(l), details: detailed, changes: [], evidence: [])
        if !item.tags.isEmpty {
            v.tags = .init(frame: .init(m["also.under"], slots: 1), names: named(item.tags.map(\.name), " "))
        }
        let also = item.alsoIn
        if !also.isEmpty {
            v.alsoIn = .init(
                frame: .init(m["also.in"], slots: 1),
                entries: also.enumerated().map {
                    .init(sep: $0 == 0 ? "" : ", ", source: l($1.source), link: linkView($1.link, $1.title))
                })
        }
        guard detailed else { return v }
        v.senate = item.senate.map { l($0.line(kind: item.delta.kind)) }
        if let c = item.change {
            func change(_ key: String, _ text: String?, del: Bool = false, ins: Bool = false) {
                if let text {
                    v.changes.append(.init(frame: .init(m[key], slots: 1), text: l(text), del: del, ins: ins))
                }
            }
            change("title.was", c.titleWas)
            change("title.removed", c.titleRemoved, del: true)
            change("title.added", c.titleAdded, ins: true)
            if c.textChanged {
                change("removed", c.removed, del: true)
                change("added", c.added, ins: true)
            }
        }
        let evidence = DigestPage.Frame(m["evidence"], slots: 4)
        v.evidence = item.evidence.lines.map { e in
            let segments: [DigestPage.Segment]
            if let (before, found, after) = Highlight.split(e.snippet, found: e.found) {
                segments =
                    [.init(text: l(before), mark: false), .init(text: l(found), mark: true)]
                    + [.init(text: l(after), mark: false)]
            } else {
                segments = [.init(text: l(e.snippet), mark: false)]
            }
            return .init(
                frame: evidence, name: l(e.name),
                words: e.words.enumerated().map { .init(sep: $0 == 0 ? "" : ", ", word: l($1)) },
                field: m["field." + e.field], segments: segments)
        }
        if item.evidence.more > 0 { v.more = linkView(item.page, m.format("more", "\(item.evidence.more)")) }
        return v
    }
}
