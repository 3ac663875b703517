import Foundation
import Testing

@testable import Syndication

/// Bodies that are no feed fail with an error naming the problem; ill-formed feeds still yield data.
struct FeedErrorTests {
    static let failures: [(String, FeedError)] = [
        ("handwritten/whitespace-only.xml", .empty),
        ("handwritten/html-page.html", .htmlPage),
        ("handwritten/sitemap.xml", .unknownRoot("urlset")),
    ]

    @Test(arguments: failures)
    func namesTheProblem(_ path: String, _ expected: FeedError) throws {
        #expect(throws: expected) { try FixtureFiles.feed(path) }
    }

    @Test func emptyBody() {
        #expect(throws: FeedError.empty) { try FeedParser.parse([]) }
    }

    @Test func notXMLOrJSON() {
        #expect(throws: FeedError.notXMLOrJSON) { try FeedParser.parse(Array("HTTP/1.1 502 Bad Gateway".utf8)) }
    }

    @Test func truncatedBeforeAnyItem() throws {
        do {
            _ = try FixtureFiles.feed("handwritten/truncated.xml")
            Issue.record("a feed cut before its first item must fail")
        } catch let error as FeedError {
            guard case .truncated = error else {
                Issue.record("expected truncated, got \(error)")
                return
            }
            #expect(error.description.hasPrefix("truncated XML"))
        }
    }

    @Test func truncatedAfterItemsKeepsWhatArrived() throws {
        let feed = try FixtureFiles.feed("handwritten/truncated-after-items.xml")
        #expect(feed.title == "Coupé")
        #expect(feed.entries.first?.title == "Premier")
        #expect(feed.truncated, "the pipeline is told the last entry may be partial")
        #expect(!feed.wellFormed)
    }

    static let cuts: [(String, Bool)] = [
        ("<rss><channel><title>x</title><item><title>a</title></item></channel></rss>garbage<", false),
        ("<rss><channel><title>x</title><item><title><![CDATA[abc", true),
        ("<rss><channel><title>x</title><item><title>a</title></item><item><tit", true),
    ]

    @Test(arguments: cuts)
    func truncationIsToldApartFromTrailingJunk(_ xml: String, _ truncated: Bool) throws {
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.truncated == truncated)
        #expect(!feed.wellFormed)
        #expect(feed.title == "x")
    }

    @Test func wellFormedFeedsSayNothingWasRecovered() throws {
        let feed = try FixtureFiles.feed("handwritten/xml-base.xml")
        #expect(feed.wellFormed)
        #expect(!feed.truncated)
    }

    @Test func htmlFragmentWithoutHTMLElement() {
        #expect(throws: FeedError.htmlPage) { try FeedParser.parse(Array("<body><p>Moved</p></body>".utf8)) }
    }

    @Test func htmlPageWithXHTMLNamespace() {
        let page = Array("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>".utf8)
        #expect(throws: FeedError.htmlPage) { try FeedParser.parse(page) }
    }

    @Test func malformedJSON() {
        #expect(throws: (any Error).self) { try FeedParser.parse(Array("{\"version\": ".utf8)) }
        do {
            _ = try FeedParser.parse(Array("{\"hello\": 1}".utf8))
        } catch let error as FeedError {
            guard case .malformedJSON = error else {
                Issue.record("expected malformedJSON, got \(error)")
                return
            }
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func messagesAreForUsers() {
        #expect(FeedError.htmlPage.description == "an HTML page, not a feed (check the feed URL)")
        #expect(FeedError.unknownRoot("urlset").description == "XML with no feed root <urlset>")
        #expect(FeedError.empty.description == "empty document")
    }
}
