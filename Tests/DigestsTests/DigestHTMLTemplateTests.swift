import Foundation
import Testing
import VeilleCore

@testable import Digests
@testable import Templates

/// The HTML digest through the shared templates: hostile text escaped in the file and in mail, mail styled
/// inline (no `<style>`, every class rule applied), no script or SVG in mail; and the CSS inliner's subset.
@Suite struct DigestHTMLTemplateTests {
    /// A title written to break out of the markup and of the templates.
    static let hostile =
        "<script>alert(1)</script> \"><img src=x onerror=alert(2)> {{t.lang}} {{{css}}} boycott Paris 2024"

    static func content() throws -> DigestContent {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base A", source: "lemonde")]])
        let run = try w.crawl([
            "lemonde": [
                DigestWorld.item(2, title: hostile, text: "texte \(hostile)", source: "lemonde"),
                DigestWorld.item(3, title: "Doppelgänger : le Kremlin dément", text: "Rien.", source: "lemonde"),
            ]
        ])
        return try DigestRenderTests.content(w, run: run)
    }

    /// The start tags of `html`: name, class list, style attribute.
    static func tags(_ html: String) -> [(name: String, classes: [String], style: String?)] {
        guard let re = try? NSRegularExpression(pattern: "<([a-z][a-z0-9]*)((?:\\s+[a-z-]+(?:=\"[^\"]*\")?)*)\\s*/?>")
        else { return [] }
        let ns = html as NSString
        return re.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            let attrs = ns.substring(with: m.range(at: 2))
            func attr(_ name: String) -> String? {
                guard let r = attrs.range(of: " \(name)=\"") else { return nil }
                return attrs[r.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init) ?? ""
            }
            return (
                ns.substring(with: m.range(at: 1)), attr("class")?.split(separator: " ").map(String.init) ?? [],
                attr("style")
            )
        }
    }

    @Test func aHostileTitleIsEscapedInTheFileAndTheMail() throws {
        let c = try Self.content()
        #expect(c.sections.flatMap(\.items).contains { $0.title.hasPrefix("<script>") })
        for (name, html) in [("file", c.html), ("mail", c.mailHTML)] {
            #expect(!html.contains("<script") && !html.contains("<img"), "\(name)")
            #expect(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
                "\(name)")
            // Mustache does not read tags inside values: the braces stay text, the style sheet is not pulled in.
            #expect(html.contains("{{t.lang}} {{{css}}} boycott"), "\(name)")
            #expect(Self.tags(html).allSatisfy { $0.name != "img" && $0.name != "script" }, "\(name)")
        }
    }

    @Test func theFileEmbedsTheSharedStyleSheetsAndTheMailHasThemInline() throws {
        let c = try Self.content()
        let css = try SharedTemplates.stylesheet("style.css")
        let digestCSS = try SharedTemplates.stylesheet("digest.css")
        let file = c.html
        #expect(file.contains("<style>\n" + css + "\n" + digestCSS + "</style>"))
        #expect(!file.contains("<link") && !file.contains(" style=\""))
        let mail = c.mailHTML
        #expect(!mail.contains("<style") && !mail.contains("var(--") && mail.contains("<mark style=\""))
        // Every rule of a lone class (`.detail`, `.kind`, `p.burst`…) is on each element of that class.
        let inliner = StyleInliner(css: css + "\n" + digestCSS)
        let tags = Self.tags(mail)
        var checked = 0
        for rule in inliner.rules where rule.ancestor == nil && !rule.subject.classes.isEmpty {
            for t in tags where rule.subject.matches(.init(name: t.name, classes: t.classes)) {
                let style = t.style ?? ""
                for d in rule.declarations {
                    #expect(style.contains(d.property + ":"), "<\(t.name) class=\(t.classes)> lacks \(d.property)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
        let detail = try #require(tags.first { $0.classes == ["detail"] })
        #expect(detail.style?.contains("font-size:14px") == true && detail.style?.contains("color:#3a3a3c") == true)
        let item = try #require(tags.first { $0.classes == ["digest-item"] })
        #expect(item.style == "margin:0 0 12px 0")
    }

    @Test func theMailHasNoScriptNorSVGAndDrawsItsTrendInTableCells() throws {
        let (_, c) = try DigestGoldenTests.content(language: "fr")
        let mail = c.mailHTML
        #expect(!mail.contains("<script") && !mail.contains("<svg") && !mail.contains("<style"))
        #expect(mail.contains("class=\"bars\"") && mail.contains("valign=\"bottom\""))
        #expect(c.html.contains("<svg") && !c.html.contains("class=\"bars\""))
        // Same text, different styling: the file and mail differ only in attributes and the chart.
        #expect(c.html.contains("<p class=\"burst\"><bdi>Doppelgänger : 11 éléments aujourd&#39;hui"))
        #expect(mail.contains("\"><bdi>Doppelgänger : 11 éléments aujourd&#39;hui"))
    }

    /// The text a reader reads: the `<style>` block and the tags left out.
    static func text(_ html: String) -> String {
        var s = html
        if let a = s.range(of: "<style>"), let b = s.range(of: "</style>") {
            s.removeSubrange(a.lowerBound..<b.upperBound)
        }
        return s.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    @Test(arguments: ["fr", "en"]) func theFileAndTheMailSayTheSameTextStyledDifferently(language: String) throws {
        let (_, c) = try DigestGoldenTests.content(language: language)
        let (file, mail) = (c.html, c.mailHTML)
        #expect(Self.text(file) == Self.text(mail) && Self.text(file).contains("Doppelgänger"))
        #expect(file != mail)
    }

    @Test func everyCatalogueTextWithPlaceholdersHasThemInOrder() {
        let keys =
            [("attributed", 1), ("also.under", 1), ("also.in", 1), ("title.was", 1), ("title.removed", 1)]
            + [("title.added", 1), ("removed", 1), ("added", 1), ("evidence", 4), ("baseline.line", 2)]
            + [("trouble.line", 3)]
        for language in [DigestsConfig.Language.fr, .en] {
            let m = Messages(language)
            for (key, slots) in keys {
                let f = DigestPage.Frame(m[key], slots: slots)
                let back = [f.a, f.b, f.c, f.d, f.e].prefix(slots + 1).enumerated()
                    .map { $0 < slots ? $1 + "{\($0)}" : $1 }.joined()
                #expect(back == m[key], "\(language) \(key)")
            }
        }
    }

    @Test(arguments: [
        // (css, html, expected)
        ("p { color: red }", "<p>x</p>", "<p style=\"color:red\">x</p>"),
        (".a { color: red }", "<div class=\"a\">x</div>", "<div style=\"color:red\" class=\"a\">x</div>"),
        (
            "p.a { color: red } .a { color: blue }", "<p class=\"a\">x</p><i class=\"a\"></i>",
            "<p style=\"color:red\" class=\"a\">x</p><i style=\"color:blue\" class=\"a\"></i>"
        ),
        (
            ".d b { font-weight: 900 }", "<div class=\"d\"><p><b>x</b></p></div><b>y</b>",
            "<div class=\"d\"><p><b style=\"font-weight:900\">x</b></p></div><b>y</b>"
        ),
        (
            "th, td { padding: 0 }", "<tr><th>a</th><td>b</td></tr>",
            "<tr><th style=\"padding:0\">a</th><td style=\"padding:0\">b</td></tr>"
        ),
        (
            ":root { --ink: #111; } a { color: var(--ink); font: 1em \"Segoe UI\" }", "<a href=\"/\">x</a>",
            "<a style=\"color:#111;font:1em 'Segoe UI'\" href=\"/\">x</a>"
        ),
        (
            "td { width: 9px; height: 1px }", "<td width=\"4\" style=\"width:4px\">x</td>",
            "<td style=\"height:1px;width:4px\" width=\"4\">x</td>"
        ),
        (
            "* { margin: 0 } a > b { color: red } @media (max-width: 1px) { p { color: red } } p:hover { x: y }",
            "<p><a><b>x</b></a></p>", "<p><a><b>x</b></a></p>"
        ),
        (":root { --a: var(--a) } b { color: var(--a) }", "<b>x</b>", "<b style=\"color:var(--a)\">x</b>"),
        ("b { color: red }", "<!-- <b> --><br><b>x</b>", "<!-- <b> --><br><b style=\"color:red\">x</b>"),
        (
            "p { color: red }", "<style>p { }</style><p>&lt;p&gt;</p>",
            "<style>p { }</style><p style=\"color:red\">&lt;p&gt;</p>"
        ),
    ])
    func theInlinerAppliesItsSubsetOfSelectors(css: String, html: String, expected: String) {
        #expect(StyleInliner(css: css).inline(html) == expected)
    }

    @Test func theInlinerListsWhatItLeavesOut() {
        let i = StyleInliner(
            css: "* { a: b } a > b { c: d } .x .y .z { e: f } @media print { p { g: h } } .ok { i: j }")
        #expect(i.skipped == ["@media print", "*", "a > b", ".x .y .z"] && i.rules.count == 1)
    }
}
