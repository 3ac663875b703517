import Foundation
import Testing

@testable import Markup

/// veille's own XML parser: the tree it builds is the tree libxml2 builds, and it declines (leaving the
/// document to libxml2) whatever it would not read exactly as libxml2 does. The fixture feeds are compared
/// with libxml2's frozen trees in ``GoldenOutlineTests``; the live comparisons here run only with the
/// libxml2 those were made with.
struct XMLTreeParserTests {
    /// A canonical dump of a tree (``MarkupOutline/xml(_:ids:)``).
    static func dump(_ tree: XMLTree, ids: Bool = true) -> String { MarkupOutline.xml(tree, ids: ids) }

    /// libxml2's tree of the same bytes, copied.
    static func libxml2Tree(_ bytes: [UInt8]) -> XMLTree? { MarkupOutline.libxml2XMLTree(bytes) }

    static let declined: [(String, String)] = [
        ("<rss><channel>", "unclosed elements"),
        ("<rss a='1' a='2'/>", "duplicate attribute"),
        ("<rss a='<'/>", "< in an attribute value"),
        ("<rss><dc:creator>x</dc:creator></rss>", "undeclared prefix"),
        ("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss>&f;</rss>", "an undeclared name where entities are declared"),
        ("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss a='&e;'/>", "a declared entity in an attribute value"),
        ("<!DOCTYPE rss [<!ELEMENT rss ANY> junk]><rss/>", "junk in the internal subset"),
        ("<rss>&eacute;</rss>", "an HTML name under XML's rules"),
        ("<rss>a ]]> b</rss>", "]]> in text"),
        ("<rss><!-- a -- b --></rss>", "-- in a comment"),
        ("<rss>\u{1}</rss>", "a control character"),
        ("<rss>&#0;</rss>", "a reference to a character XML forbids"),
        ("<rss/><rss/>", "two roots"),
        ("text<rss/>", "text before the root"),
        ("<rss/>text", "text after the root"),
        ("<ré/>", "a non-ASCII name"),
        (
            "<rss>" + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300) + "</rss>",
            "deeper than libxml2's limit"
        ),
        ("", "empty"),
        (
            "<rss " + (0..<65).map { "a\($0)='x'" }.joined(separator: " ") + "/>",
            "more attributes than the quadratic check allows"
        ),
        (
            "<!DOCTYPE rss [" + (0..<257).map { "<!ENTITY e\($0) 'x'>" }.joined() + "]><rss/>",
            "more declared entities than the linear lookup allows"
        ),
    ]

    @Test(arguments: declined)
    func declines(_ xml: String, _ why: String) {
        #expect(XMLTreeParser.parse(Array(xml.utf8)) == nil, "\(why)")
    }

    static let read: [(String, String)] = [
        (
            "<?xml version='1.0'?>\n<!DOCTYPE rss PUBLIC 'x' 'y'>\n<rss a=\"1\tb\r\nc\"><t>x &amp; y &#233;&#xE9; &lt;b&gt;</t><![CDATA[<p>z</p>]]></rss>",
            "<{}-:rss[{}a=1 b c]><{}-:t[]>T(x & y éé <b>)</>T(<p>z</p>)"
        ),
        (
            "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:m='urn:m'><m:x xml:base='http://a/' m:y='2'/></feed>",
            "<{http://www.w3.org/2005/Atom}-:feed[]><{urn:m}m:x[{http://www.w3.org/XML/1998/namespace}base=http://a/,{urn:m}y=2]></>"
        ),
        ("<a xmlns='urn:a'><b xmlns=''><c/></b></a>", "<{urn:a}-:a[]><{}-:b[]><{}-:c[]></></>"),
        // The default namespace comes back when a redeclaring element ends (self-closing or not).
        (
            "<a xmlns='urn:a'><b xmlns='urn:b'><c/></b><d/><e xmlns='urn:e'/><f xmlns:p='urn:p'><g/></f><h/></a>",
            "<{urn:a}-:a[]><{urn:b}-:b[]><{urn:b}-:c[]></></><{urn:a}-:d[]></><{urn:e}-:e[]></><{urn:a}-:f[]><{urn:a}-:g[]></></><{urn:a}-:h[]></>"
        ),
        ("<a><b xmlns='urn:b'/><c/></a>", "<{}-:a[]><{urn:b}-:b[]></><{}-:c[]></>"),
        ("<a>l1\r\nl2\rl3</a>", "<{}-:a[]>T(l1\nl2\nl3)"),
        ("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss>a &e; b</rss>", "<{}-:rss[]>T(a )&e;T( b)"),
    ]

    /// Declared entities are never expanded (billion laughs), whatever their declarations hold: a node of
    /// their own, and the document goes on.
    @Test func declaredEntitiesAreNodesNeverExpanded() throws {
        let xml =
            "<!DOCTYPE rss [\n<!-- c --><!ENTITY % p 'q'> %p; <!ENTITY e \"&e2;&e2;\"><!ENTITY e2 'x>'><?pi x?>]>\n"
            + "<rss>a &e; b &e2;<i>after</i></rss>"
        let tree = try #require(XMLTreeParser.parse(Array(xml.utf8)))
        #expect(Self.dump(tree, ids: false) == "<{}-:rss[]>T(a )&e;T( b )&e2;<{}-:i[]>T(after)</>")
    }

    /// Escaped HTML's usual references (read eight bytes at once) decode as libxml2 decodes them, wherever
    /// they stand, up to the end of the document, next to look-alikes that are not them.
    @Test func commonReferencesAtEveryOffset() throws {
        let body = "&lt;p&gt;x &amp;amp; &quot;q&quot; &ampx; &amp &quote; &lt &gtx;&#60;&gt;"
        for k in 0...12 {
            let xml = "<t>" + String(repeating: "a", count: k) + body + "</t>"
            guard let tree = XMLTreeParser.parse(Array(xml.utf8), htmlReferences: { HTMLEntityTable.codePoint($0) })
            else {
                Issue.record("\(k): not parsed")
                continue
            }
            #expect(Self.dump(tree, ids: false).contains("<p>x &amp; \"q\" &ampx; &amp &quote; &lt &gtx;<>"), "\(k)")
        }
        for (tail, text) in [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&quot;", "\"")] {
            let xml = "<t>x" + tail + "</t>"
            let tree = try #require(XMLTreeParser.parse(Array(xml.utf8)))
            #expect(Self.dump(tree, ids: false) == "<{}-:t[]>T(x\(text))", "\(tail)")
            guard MarkupFixtures.libxml2IsGoldenVersion else { continue }
            #expect(Self.dump(tree) == Self.dump(try #require(Self.libxml2Tree(Array(xml.utf8)))), "\(tail)")
        }
    }

    /// An end tag naming an element open further out closes what was left open inside it; a stray one is
    /// ignored; the document is reported as recovered.
    @Test func recoversEndTagsThatSkipAnOpenElement() throws {
        let xml = "<rss><item><d>Un <b>texte</d></item></x><item><d>ok</d></item></rss>"
        let (tree, recovered) = try #require(XMLTreeParser.parseReporting(Array(xml.utf8)))
        #expect(recovered)
        #expect(
            Self.dump(tree, ids: false)
                == "<{}-:rss[]><{}-:item[]><{}-:d[]>T(Un )<{}-:b[]>T(texte)</></></><{}-:item[]><{}-:d[]>T(ok)</></>")
        let wellFormed = try #require(XMLTreeParser.parseReporting(Array("<rss><item/></rss>".utf8)))
        #expect(!wellFormed.recovered)
    }

    @Test(arguments: read)
    func reads(_ xml: String, _ expected: String) throws {
        let tree = try #require(XMLTreeParser.parse(Array(xml.utf8)))
        #expect(Self.dump(tree, ids: false) == expected)
    }

    /// The expected trees of ``read`` are libxml2's.
    @Test(.enabled(if: MarkupFixtures.libxml2IsGoldenVersion, "the goldens' libxml2 is installed"), arguments: read)
    func libxml2ReadsTheSame(_ xml: String, _ expected: String) throws {
        let reference = try #require(Self.libxml2Tree(Array(xml.utf8)))
        #expect(Self.dump(reference, ids: false) == expected)
        #expect(Self.dump(try #require(XMLTreeParser.parse(Array(xml.utf8)))) == Self.dump(reference))
    }
}
