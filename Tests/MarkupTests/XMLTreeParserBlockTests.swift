import Testing

@testable import Markup

/// The sixteen-byte scan of character data and CDATA stops at every byte it must, wherever it falls in a
/// block: what is declined is declined, what is decoded is decoded, and the tree still equals libxml2's.
struct XMLTreeParserBlockTests {
    static let filler = "Le Sénat examine la question écrite n° 09012 relative à la Nouvelle-Calédonie"

    static let plain = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"

    /// Text with `piece` after `offset` bytes of plain text, long enough to span several blocks.
    static func text(_ piece: String, at offset: Int) -> String {
        String(plain.prefix(offset)) + piece + filler
    }

    @Test(arguments: ["]]>", "\u{1}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{0B}"])
    func declinedAtEveryOffset(_ piece: String) {
        for offset in 0..<40 {
            let t = Self.text(piece, at: offset)
            #expect(XMLTreeParser.parse(Array("<rss>\(t)</rss>".utf8)) == nil, "text, offset \(offset)")
            if piece != "]]>" {
                #expect(
                    XMLTreeParser.parse(Array("<rss><![CDATA[\(t)]]></rss>".utf8)) == nil, "CDATA, offset \(offset)")
            }
        }
    }

    @Test(arguments: [
        ("&amp;", "&"), ("\r\n", "\n"), ("\r", "\n"), ("]", "]"), ("]]", "]]"), ("\u{EF}", "\u{EF}"),
        ("\u{FEFF}", "\u{FEFF}"), ("\t\n", "\t\n"), ("&#233;", "é"), ("<b/>", ""),
    ])
    func readAtEveryOffset(_ piece: String, _ decoded: String) throws {
        for offset in 0..<40 {
            let t = Self.text(piece, at: offset)
            let expected = Self.text(decoded, at: offset)
            let tree = try #require(XMLTreeParser.parse(Array("<rss>\(t)</rss>".utf8)), "offset \(offset)")
            #expect(tree.withRootCursor { $0.text(entity: { _ in nil }) } == expected, "offset \(offset)")
            guard !piece.hasPrefix("&"), !piece.hasPrefix("<") else { continue }
            // In CDATA references are text and only line ends change.
            let cdata = try #require(
                XMLTreeParser.parse(Array("<rss><![CDATA[\(t)]]></rss>".utf8)), "CDATA, offset \(offset)")
            #expect(cdata.withRootCursor { $0.text(entity: { _ in nil }) } == expected, "CDATA, offset \(offset)")
        }
    }

    /// Attribute values: decoded, normalised or declined wherever the piece falls in the sixteen-byte scan.
    @Test(arguments: [
        ("&amp;", "&"), ("\t", " "), ("\r\n", " "), ("\n", " "), ("'", "'"), ("&#233;", "é"), ("\u{FEFF}", "\u{FEFF}"),
    ])
    func attributeValueAtEveryOffset(_ piece: String, _ decoded: String) throws {
        for offset in 0..<40 {
            let value = Self.text(piece, at: offset)
            let tree = try #require(XMLTreeParser.parse(Array("<rss href=\"\(value)\"/>".utf8)), "offset \(offset)")
            #expect(tree.withRootCursor { $0.attribute("href") } == Self.text(decoded, at: offset), "offset \(offset)")
        }
    }

    @Test(arguments: ["<", "\u{1}", "\u{FFFF}", "\""])
    func attributeValueDeclinedAtEveryOffset(_ piece: String) {
        for offset in 0..<40 {
            let value = Self.text(piece, at: offset)
            #expect(XMLTreeParser.parse(Array("<rss href=\"\(value)\"/>".utf8)) == nil, "offset \(offset)")
        }
    }

    @Test func cdataLeavesReferencesAndTagsAsText() throws {
        for offset in 0..<40 {
            let t = Self.text("&amp;<b>x</b>", at: offset)
            let tree = try #require(XMLTreeParser.parse(Array("<rss><![CDATA[\(t)]]></rss>".utf8)))
            #expect(tree.withRootCursor { $0.text(entity: { _ in nil }) } == t, "offset \(offset)")
        }
    }
}
