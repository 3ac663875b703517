import Foundation
import Testing
@testable import Syndication

/// DTD entities are never expanded and external entities never fetched (foundation issue, "Bad input").
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
        let line = FeedBatch.line(FixtureFiles.root.appendingPathComponent("handwritten/xxe.xml").path, feed)
        #expect(!line.contains("root:"), "the contents of /etc/passwd leaked")
        #expect(feed.title == "XXE attempt")
        #expect(feed.entries.first?.title == "Secret:")
    }

    @Test func undeclaredHTMLEntitiesAreCharactersNotDTDExpansion() throws {
        let xml = "<rss><channel><title>caf&eacute; &amp; &nbsp;cr&egrave;me &unknown;</title></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "café & crème &unknown;")
    }

    @Test func bareAmpersandsInLinksSurvive() throws {
        let xml = "<rss><channel><item><link>http://example.org/?a=1&b=2&c</link></item></channel></rss>"
        #expect(try FeedParser.parse(Array(xml.utf8)).entries.first?.link == "http://example.org/?a=1&b=2&c")
    }
}
