import Foundation
import Testing
import VeilleCore

@testable import Syndication

/// DTD entities are never expanded and external entities never fetched (README, "The pipeline: one direction", step 3).
struct HostileInputTests {
    @Test func billionLaughsIsNotExpanded() throws {
        let bytes = try FixtureFiles.bytes("handwritten/billion-laughs.xml")
        let feed = try FeedParser.parse(bytes)
        let texts = [feed.title] + feed.entries.flatMap { [$0.title, $0.summaryText, $0.contentText] }
        let total = texts.compactMap { $0 }.reduce(0) { $0 + $1.utf8.count }
        #expect(total < 200, "an expanded entity would produce megabytes of text")
        #expect(texts.compactMap { $0 }.allSatisfy { !$0.contains("lol") })
        #expect(feed.title?.hasPrefix("Bomb") == true)
    }

    @Test func externalEntityIsNeitherFetchedNorExpanded() throws {
        let feed = try FixtureFiles.feed("handwritten/xxe.xml")
        #expect(feed.title == "XXE attempt")
        #expect(feed.entries.first?.title == "Secret:")
    }

    @Test func undeclaredHTMLEntitiesAreCharactersNotDTDExpansion() throws {
        let xml = "<rss><channel><title>caf&eacute; &amp; &nbsp;cr&egrave;me &unknown;</title></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "café & crème &unknown;")
    }

    /// Found by the feed fuzzer: a feed declaring an encoding libxml2 does not know ("euc-k") and holding
    /// bytes that are not UTF-8. libxml2 passes them through; veille repairs them (U+FFFD) as it copies
    /// libxml2's tree, so no malformed String is ever made (one crashed the link reader).
    @Test func bytesLibxml2PassesThroughAreRepaired() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"euc-k\"?>\n<rss><channel><item><title>caf".utf8)
        bytes += [0xC3, 0x28, 0xFF] + Array("</title><link>http://a.example/?x=1&amp;y=".utf8) + [0xE2, 0x80]
        bytes += Array("&amp;z=2</link></item></channel></rss>".utf8)
        let feed = try FeedParser.parse(bytes)
        let entry = try #require(feed.entries.first)
        #expect(entry.title?.hasPrefix("caf") == true && entry.title?.contains("\u{FFFD}") == true)
        let link = try #require(entry.link)
        #expect(link.hasPrefix("http://a.example/?x=1") && link.hasSuffix("z=2"))
        for text in [entry.title, entry.link].compactMap({ $0 }) {
            #expect(Charset.isValidUTF8(Array(text.utf8)[...]))
            _ = text.lowercased().count // walks every Character: a malformed String would fail here
        }
    }

    @Test func bareAmpersandsInLinksSurvive() throws {
        let xml = "<rss><channel><item><link>http://example.org/?a=1&b=2&c</link></item></channel></rss>"
        #expect(try FeedParser.parse(Array(xml.utf8)).entries.first?.link == "http://example.org/?a=1&b=2&c")
    }
}
