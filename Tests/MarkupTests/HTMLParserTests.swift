import Foundation
import Markup
import Testing

/// veille's own HTML parser (``HTMLTree/parse(_:httpCharset:maxDepth:)``): libxml2's HTML 4 rules, checked on
/// small snippets with the structure libxml2 2.9 builds, and against libxml2 itself on the same snippets
/// when it is that version. The fixture pages are compared with libxml2's frozen trees in
/// ``GoldenOutlineTests``.
@Suite struct HTMLParserTests {
    /// A compact outline of a tree (``MarkupOutline/html(_:)``).
    static func outline(_ t: HTMLTree) -> String { MarkupOutline.html(t) }

    static func parse(_ html: String) -> String {
        HTMLTree.parse(Array(html.utf8)).map(outline) ?? "nil"
    }

    /// Snippets and the tree libxml2 2.9 builds for them (and so must the own parser).
    static let cases: [(String, String)] = [
        // Implied end tags.
        ("<p>a<p>b<div>c</div>", #"p("a")p("b")div("c")"#),
        ("<ul><li>a<li>b</ul>", #"ul(li("a")li("b"))"#),
        ("<dl><dt>a<dd>b<dt>c</dl>", #"dl(dt("a")dd("b")dt("c"))"#),
        ("<select><option>a<option>b</select>", #"select(option("a")option("b"))"#),
        ("<table><tr><td>a<td>b<tr><td>c</table>", #"table(tr(td("a")td("b"))tr(td("c")))"#),
        ("<h1>a<h2>b</h1>c", #"h1("a"h2("b"))p("c")"#),
        ("<b>a<p>b</p>c</b>d", #"b("a")p("b")p("cd")"#),
        ("<a href=1>a<a href=2>b</a>", #"a[href=1]("a")a[href=2]("b")"#),
        (
            "<html><head><title>t</title><iframe></iframe></head><body>x</body>",
            #"html(head(title("t"))iframe()body("x"))"#
        ),
        // End tags: a stray one is ignored, one closes what opened inside it, unless a block stands between.
        ("<div><span>a</div>b</span>c", #"div(span("a"))p("bc")"#),
        ("<p>a</div>b", #"p("ab")"#),
        ("<div>a<span>b</div>c", #"div("a"span("b"))p("c")"#),
        // Empty elements, and libxml2's `/>` that ends any element.
        ("<p>a<br>b<img src=x>c</p>", #"p("a"br()"b"img[src=x]()"c")"#),
        ("<p>x<div/>y</p>", #"p("x")div()p("y")"#),
        ("<source>x</p>y", #"source("xy")"#),
        // Text outside any element, or in html/head, gets an implied p.
        ("text <b>x</b>", #"p("text "b("x"))"#),
        ("<html><body><p>a</p></body></html> after", #"html(body(p("a")))p(" after")"#),
        ("<head><meta charset=utf-8>text</head>", #"meta[charset=utf-8]()p("text")"#),
        // Misplaced html, head and body start tags are dropped.
        ("<body><body class=b>x</body>y</body>z", #"body("xy")p("z")"#),
        ("<html><html lang=fr><p>a</p></html>b", #"html(p("a")p("b"))"#),
        // Attributes: lower-cased names, quoted, unquoted, bare; the first of duplicates wins.
        (
            #"<DIV ID=a Class="b c" data-x='1' DATA-X=2 hidden>t</DIV>"#,
            #"div[id=a][class=b c][data-x=1][hidden=]("t")"#
        ),
        ("<a href=/x/ title=a&amp;b>q</a>", #"a[href=/x/][title=a&b]("q")"#),
        (#"<a href="x"<b>q</b>"#, #"a[href=x]("q")"#),
        // Entities: named with `;` only, numeric with or without; unknown ones stay as written.
        (
            "<p>a &amp b &copy; &euro; &hellip;&rsquo;&nbsp;&eacute;&apos;&foo;</p>",
            "p(\"a &amp b © € …’\u{A0}é'&foo;\")"
        ),
        ("<p>&#65;&#x42;&#x43 &#0;|&#xD800;|&# t</p>", #"p("ABC || t")"#),
        ("<p>&#128;&#150;&#x9F;</p>", #"p("€–Ÿ")"#),
        ("<p>&mldr;&hyphen;&commat;</p>", #"p("…‐@")"#),
        // Raw text: only script and style; JSON-LD script text is kept, other scripts and styles dropped.
        ("<script>if (a</b) x</script><p>y", #"script()p("y")"#),
        (
            #"<script type="application/ld+json">{"a":"</b>"}</script>"#,
            #"script[type=application/ld+json]("{"a":"</b>"}")"#
        ),
        ("<style>p < b {} a</b></style>x", #"style()p("x")"#),
        ("<textarea><b>x</b></textarea>", #"textarea(b("x"))"#),
        ("<template><p>a</p></template>b", #"template()p("b")"#),
        // Comments, doctype, processing instructions, CDATA and stray `<`.
        ("<!DOCTYPE html><!-- c --><?xml x?> <p>a<!-- b -->c</p>", #"p("ac")"#),
        ("<div>x<!doctype html>y</div>", #"div("xy")"#),
        ("<p>x<!-- never closed <b>y</b>", #"p("x")"#),
        ("<p>a < b <3 c</p>", #"p("a < b <3 c")"#),
        // Control bytes are dropped from text.
        ("<p>a\u{1}b\u{C}c</p>", #"p("abc")"#),
    ]

    @Test(arguments: cases)
    func snippet(_ html: String, _ expected: String) {
        #expect(HTMLParserTests.parse(html) == expected, "\(html)")
    }

    /// Hand-written snippets where libxml2 2.9 printed markup as text and the own parser follows the HTML
    /// Standard's tokenizer (markup declaration open, end tag open, bogus comment and comment states), as
    /// browsers do; libxml2 is not asked about these.
    static let standardCases: [(String, String)] = [
        // `<!` not followed by `--` nor DOCTYPE: a bogus comment up to the first `>` (badische-zeitung.de).
        ("<div>a<! --- BZ Reg Wall -->b</div>", #"div("ab")"#),
        ("<p>a<!-x>b<!>c<!ELEMENT p>d</p>", #"p("abcd")"#),
        ("<! x><p>a</p>", #"p("a")"#),
        // CDATA sections exist only in foreign content: elsewhere a bogus comment, to the first `>`.
        ("<p>a<![CDATA[x]]>b</p>", #"p("ab")"#),
        ("<p>a<![CDATA[x > y]]>b</p>", #"p("a y]]>b")"#),
        // `<?`: a bogus comment up to the first `>`, whatever ends it.
        ("<p>a<?php echo 1 ?>b<?x > y?>c</p>", #"p("ab y?>c")"#),
        // `</` then neither a letter nor `>`: a bogus comment; `</>` is dropped; `</` at the end is text.
        ("<p>x</ p>y</3>z", #"p("xyz")"#),
        ("<p>a</>b</-- x -->c</_x>d</p>", #"p("abcd")"#),
        ("<p>a</", #"p("a</")"#),
        ("a</", #"p("a</")"#),
        // Raw text is not tokenized: `</ 3>` in a JSON-LD script stays text.
        (
            #"<script type="application/ld+json"></ 3>{}</script>"#,
            #"script[type=application/ld+json]("</ 3>{}")"#
        ),
        // Comments: `<!-->` and `<!--->` are empty, `--!>` ends one as `-->` does.
        ("<p>a<!-->b<!--->c<!-- x --!>d<!---->e</p>", #"p("abcde")"#),
        ("<p>a<!-- x -- y --->b</p>", #"p("ab")"#),
    ]

    @Test(arguments: standardCases)
    func standardSnippet(_ html: String, _ expected: String) {
        #expect(HTMLParserTests.parse(html) == expected, "\(html)")
    }

    /// The own parser and libxml2's agree on every snippet (except the windows-1252 reading of `&#128;`–`&#159;`
    /// and the HTML5 names, where the own parser follows browsers).
    @Test(
        .enabled(if: MarkupFixtures.libxml2IsGoldenVersion, "the goldens' libxml2 is installed"),
        arguments: cases.filter { !$0.0.contains("&#128;") && !$0.0.contains("&mldr;") })
    func agreesWithLibXML2(_ html: String, _ expected: String) {
        let bytes = Array(html.utf8)
        let own = HTMLTree.parse(bytes).map(HTMLParserTests.outline)
        let reference = HTMLTree.parseWithLibXML2(bytes).map(HTMLParserTests.outline)
        #expect(own == reference, "\(html)")
    }

    @Test func depthIsCapped() throws {
        let html =
            String(repeating: "<div>", count: 1000) + "deep" + String(repeating: "</div>", count: 1000) + "<p>after</p>"
        let tree = try #require(HTMLTree.parse(Array(html.utf8), maxDepth: 50))
        #expect(tree.truncatedDepth)
        #expect(tree.nodes.filter { $0.kind == .element && $0.tag == .div }.count == 50)
        #expect(tree.text(0) == "deepafter")
        #expect(tree.nodes.contains { $0.tag == .p && $0.parent == 0 })
    }

    /// Stray end tags under a deep stack and elements with huge attribute lists: each tag costs constant work
    /// (libxml2 rescanned the open elements for every end tag and compared every attribute with all others).
    @Test func hostileTagPatternsStayBounded() throws {
        let stray =
            "<b><div>" + String(repeating: "<span>", count: 50_000) + String(repeating: "</b><i>", count: 100_000)
            + "end"
        let tree = try #require(HTMLTree.parse(Array(stray.utf8)))
        #expect(tree.truncatedDepth)
        #expect(tree.text(0) == "end")
        let attributes = "<p " + (0..<20_000).map { "a\($0)=1" }.joined(separator: " ") + ">x</p>"
        let wide = try #require(HTMLTree.parse(Array(attributes.utf8)))
        #expect(wide.nodes[1].count == 256)
    }

    @Test func longAttributeValuesAreCut() throws {
        let html = "<img src=\"data:" + String(repeating: "A", count: 10_000) + "\" alt=ok>"
        let tree = try #require(HTMLTree.parse(Array(html.utf8)))
        #expect(tree.attribute(1, "src")?.count == HTMLTree.maxAttributeBytes)
        #expect(tree.attributeString(1, "alt") == "ok")
    }

    @Test func invalidUTF8AndBinaryDoNotCrash() {
        let latin1: [UInt8] = Array("<p>d".utf8) + [0xE9] + Array("put".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(HTMLTree.parse(latin1).map(HTMLParserTests.outline) == #"p("député")"#)
        let binary = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(HTMLTree.parse(binary) != nil)
        #expect(HTMLTree.parse([]) == nil)
        let truncated = Array("<div class=\"x".utf8)
        #expect(HTMLTree.parse(truncated) != nil)
    }

    @Test func byteOrderMarkIsSkipped() {
        let html: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<p>é</p>".utf8)
        #expect(HTMLTree.parse(html).map(HTMLParserTests.outline) == #"p("é")"#)
    }
}
