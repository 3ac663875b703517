import Testing

@testable import Syndication

/// HTML to text: block tags are spaces, inline tags vanish, script/style dropped, entities decoded,
/// whitespace (U+00A0 included) collapsed.
struct PlainTextTests {
    static let html: [(String, String?)] = [
        ("<p>Hello</p><p>world</p>", "Hello world"),
        ("in<b>line</b> tags", "inline tags"),
        ("a<br>b<br/>c", "a b c"),
        ("<div>x<script>alert('no')</script>y</div>", "xy"), // script is not a block
        ("<style>p { color: red }</style>Text", "Text"),
        ("caf&eacute; &amp; cr&egrave;me &#8217; &#x2019;", "café & crème ’ ’"),
        ("l&rsquo;Assembl&eacute;e", "l’Assemblée"),
        ("a&nbsp;&nbsp;b\u{00A0}\u{00A0}c", "a b c"),
        ("  spaced \n\t out  ", "spaced out"),
        ("<!-- comment -->visible", "visible"),
        ("x < y and y > z", "x < y and y > z"), // a lone < is text
        ("<a href=\"x>y\">link</a>", "link"), // > inside a quoted attribute
        ("&#146;quoted&#148;", "’quoted”"), // windows-1252 numeric references
        ("<p></p>", nil),
    ]

    @Test(arguments: html)
    func htmlToText(_ input: String, _ expected: String?) {
        #expect(PlainText.fromHTML(input) == expected)
    }

    @Test func collapsesUnicodeWhitespace() {
        #expect(PlainText.collapse("\u{2003}a\u{3000}b\u{00A0}") == "a b")
        #expect(PlainText.collapse(" \n ") == nil)
    }

    @Test func guessesHTMLLikeFeedparser() {
        #expect(PlainText.looksLikeHTML("AT&amp;T") == true)
        #expect(PlainText.looksLikeHTML("a <b>bold</b>") == true)
        #expect(PlainText.looksLikeHTML("x < y") == false)
        #expect(PlainText.looksLikeHTML("AT&T") == false)
    }

    @Test func repairsDoubleEncodedUTF8() {
        #expect(Mojibake.repair("CafÃ©") == "Café")
        #expect(Mojibake.repair("Café") == "Café")
        #expect(Mojibake.repair("â€¦") == "…")
        // Found wherever it falls in the sixteen-byte scan, and only there.
        for offset in 0..<40 {
            let lead = String(repeating: "a", count: offset)
            #expect(Mojibake.repair(lead + "Ã©tÃ© indien, " + lead) == lead + "été indien, " + lead, "offset \(offset)")
            #expect(
                Mojibake.repair(lead + "été indien, Ã " + lead) == lead + "été indien, Ã " + lead, "offset \(offset)")
        }
    }
}

/// `?a=1&b;=2` undone: the byte reading of ASCII links agrees with the Character reading.
struct FixQueryTests {
    @Test(arguments: [
        "http://x/?a=1&b;=2&c;=3", "&&a;", "&;", "a&b", "&amp;x", "&a_1;&", "?q=&lt;b&gt;", "no amp", "&é;",
    ])
    func byteReadingAgrees(_ link: String) {
        #expect(LinkReader.fixQuery(link) == LinkReader.fixQueryCharacters(link))
    }

    @Test func dropsTheSemicolonAfterAWord() {
        #expect(LinkReader.fixQuery("http://x/?a=1&b;=2") == "http://x/?a=1&b=2")
    }
}

/// Base64 content (Atom `mode="base64"`, or a non-text media type): decoded when it is base64 of UTF-8.
struct Base64TextTests {
    @Test(
        arguments: [
            ("SGVs\nbG8g d29y\tbGQ=", "Hello world"), ("w6l0w6k=", "été"), ("", ""),
            ("not base64!", nil), ("SGVsbG8@", nil), ("/w==", nil), // the last is 0xFF: not UTF-8
        ] as [(String, String?)])
    func decodes(_ text: String, _ expected: String?) {
        let decoded = Array(text.utf8).withUnsafeBufferPointer { ElementText.decodeBase64($0) }
        #expect(decoded.map { String(decoding: $0, as: UTF8.self) } == expected)
    }
}
