import TestSupport
import Testing

@testable import Syndication

/// The sixteen-byte copy of ``TextWriter`` gives exactly what the byte-at-a-time path gives, on random
/// texts made of the pieces that stop it (spaces in runs, C1 controls, U+00A0, U+2009, multi-byte letters
/// cut at block edges, tags, references, control characters) and long plain runs between them.
struct PlainTextBlockTests {
    static let pieces: [String] = [
        "a", "Z", "0", " ", "  ", "\t", "\n", "\r\n", "é", "à", "ü", "€", "’", "中文", "😀", "\u{00A0}", "\u{0085}",
        "\u{0092}", "\u{2009}", "\u{3000}", "\u{1680}", "\u{E000}", "<p>", "</p>", "<b>", "</b>", "<br/>", "<!-- c -->",
        "<script>x()</script>", "&amp;", "&eacute;", "&#8217;", "&#146;", "&nbsp;", "&", "<", ">", "\u{01}", "\u{7F}",
        "Le Sénat a adopté ", "la proposition de loi relative à la Nouvelle-Calédonie. ",
        // Neighbours of the sequences the block copy stops at, which it must pass through (and those it stops at).
        "«", "»", "–", "…", "‰", "“", "”", "°", "\u{00A1}", "\u{009F}", "\u{200A}", "\u{200B}", "\u{2027}",
        "\u{2028}", "\u{2029}", "\u{202A}", "\u{202F}", "\u{205E}", "\u{205F}", "\u{2060}", "\u{1681}", "ẞ",
        "\u{3001}", "\u{3000}", "\u{30A2}", "\u{1E80}",
        "abcdefghijklmnopqrstuvwxyz0123456789",
    ]

    static func randomText(_ rng: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int(rng.next() % 40) {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
        }
        return text
    }

    @Test func blockCopyEqualsTheScalarPath() {
        var rng = SplitMix(state: 0x7E47_0001)
        for trial in 0..<4000 {
            let text = Self.randomText(&rng)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                #expect(
                    PlainText.fromHTML(bytes: b) == PlainText.fromHTML(bytes: b, blockCopy: false),
                    "trial \(trial): \(text)")
                #expect(
                    PlainText.collapse(bytes: b) == PlainText.collapse(bytes: b, blockCopy: false),
                    "trial \(trial): \(text)")
            }
        }
    }

    @Test(arguments: [
        ("Quarante-deux caractères avant la fin é", "Quarante-deux caractères avant la fin é"),
        ("0123456789abcdeé", "0123456789abcdeé"), // a two-byte letter across the block's end
        ("0123456789abcde  fin   de  texte   ", "0123456789abcde fin de texte"),
        ("0123456789abcdef\u{00A0}\u{00A0}0123456789abcdef", "0123456789abcdef 0123456789abcdef"),
    ])
    func blockEdges(_ input: String, _ expected: String) {
        #expect(PlainText.collapse(input) == expected)
        #expect(PlainText.fromHTML(input) == expected)
    }

    /// feedparser's HTML guess finds a closing tag or a known reference wherever it stands, block edges
    /// included, and nothing in text that has neither (however long).
    @Test func looksLikeHTMLAtEveryOffset() {
        let filler = "Le Sénat a adopté la loi; a<b et c>d, x & y, 3 &lt 4 sans point-virgule, </ pas un tag "
        #expect(!PlainText.looksLikeHTML(filler + filler + filler))
        for marker in ["</b>", "&amp;", "&#8217;", "&eacute;", "</p>"] {
            for offset in 0...48 {
                let prefix = String(repeating: "é", count: offset / 2) + String(repeating: "a", count: offset % 2)
                #expect(PlainText.looksLikeHTML(prefix + marker + "fin"), "\(marker) after \(offset)")
                #expect(PlainText.looksLikeHTML(prefix + marker), "\(marker) ending the text after \(offset)")
            }
        }
        for notHTML in ["&nosuchentity;", "</>", "<b>", "& amp;", "</b"] {
            #expect(!PlainText.looksLikeHTML(String(repeating: "x", count: 20) + notHTML), "\(notHTML)")
        }
    }

    /// The end of a tag found sixteen bytes at a time is the one a byte-by-byte reading finds, quotes and
    /// block edges included.
    @Test func tagEndEqualsTheScalarReading() {
        func scalar(_ b: [UInt8]) -> Int? {
            var quote: UInt8 = 0
            for (i, c) in b.enumerated() {
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3E {
                    return i + 1
                }
            }
            return nil
        }
        let pieces = [">", "\"", "'", "a", " ", "=", "é", "href=", "https://example.org/a/long/path?x=1&y=2"]
        var rng = SplitMix(state: 0x7A6E_0001)
        for trial in 0..<6000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 24) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                #expect(PlainText.tagEnd(b, from: 0) == scalar(bytes), "trial \(trial): \(text)")
            }
        }
    }

    /// The switch that classifies tags agrees with the block and dropped sets, in any case.
    @Test func tagKindsAgreeWithTheSets() {
        func kind(_ name: String) -> PlainText.TagKind {
            Array(name.utf8).withUnsafeBufferPointer { PlainText.tagKind($0) }
        }
        for name in PlainText.blockTags {
            #expect(kind(name) == .block && kind(name.uppercased()) == .block, "\(name)")
        }
        for name in PlainText.droppedTags {
            #expect(kind(name) == .dropped && kind(name.uppercased()) == .dropped, "\(name)")
        }
        for name in [
            "a", "b", "span", "em", "strong", "pp", "divx", "h7", "scripts", "blockquot", "figcaptions", "tablee",
        ] {
            #expect(kind(name) == .inline, "\(name)")
        }
    }
}
