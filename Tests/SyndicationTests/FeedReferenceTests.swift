import Foundation
import Testing

@testable import Markup
@testable import Syndication

/// Feeds' reading of XML: references as feeds mean them, and element names past the process's table.
struct FeedReferenceTests {
    /// Feeds' reading of references: what the entity repair gives libxml2.
    static let feedReferences: [(String, String)] = [
        ("<a>caf&eacute; &nbsp;x</a>", "café \u{A0}x"),
        ("<a>?a=1&b=2 & c</a>", "?a=1&b=2 & c"),
        ("<a>&doesnotexist; &#X41; &#; &</a>", "&doesnotexist; A &#; &"),
    ]

    @Test(arguments: feedReferences)
    func readsFeedReferences(_ xml: String, _ expected: String) throws {
        let tree = try #require(XMLTreeParser.parse(Array(xml.utf8), htmlReferences: { EntityPrepass.lookup($0) }))
        let text = tree.withRootCursor { $0.text(entity: { _ in nil }) }
        #expect(text == expected)
        let repaired = EntityPrepass.repair(Array(xml.utf8)) ?? Array(xml.utf8)
        #expect(MarkupOutline.libxml2XMLTree(repaired)?.withRootCursor { $0.text(entity: { _ in nil }) } == expected)
    }

    /// A feed inventing more element names than the process keeps still reads its known ones.
    @Test func inventedNamesPastTheTableStillRead() throws {
        let junk = (0..<(KnownNames.capacity + 500)).map { "<x\($0)/>" }.joined()
        let xml =
            "<rss><channel>\(junk)<title>Titre</title><item><title>Un</title><guid>g1</guid></item></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "Titre")
        #expect(feed.entries.map(\.id) == ["g1"])
    }
}
