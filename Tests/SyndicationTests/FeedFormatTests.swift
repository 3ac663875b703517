import Foundation
import Testing

@testable import Syndication

/// Each format, the French feeds, encodings and xml:base, on copied and hand-written fixtures.
struct FeedFormatTests {
    static let formats: [(String, FeedFormat)] = [
        ("feeds/wellformed-rss-item_guid_guidislink.xml", .rss),
        ("feeds/wellformed-rdf-rdf_item_title.xml", .rdf),
        ("feeds/wellformed-rdf-rss090_item_title.xml", .rdf),
        ("feeds/wellformed-atom10-entry_title_escaped_markup.xml", .atom),
        ("feeds/wellformed-atom-entry_id.xml", .atom),
        ("feeds/synthetic-fr-lemonde_french_dates.rss", .rss),
        ("feeds/json-example.json", .json),
    ]

    @Test(arguments: formats)
    func recognisesFormat(_ path: String, _ format: FeedFormat) throws {
        let feed = try FixtureFiles.feed(path)
        #expect(feed.format == format)
        #expect(!feed.entries.isEmpty || feed.title != nil)
    }

    @Test func jsonFeed() throws {
        let feed = try FixtureFiles.feed("feeds/json-example.json")
        #expect(feed.title == "My Example Feed")
        #expect(feed.link == "https://example.org/")
        #expect(feed.entries.map(\.id) == ["2", "1"])
        #expect(feed.entries[1].contentText == "Hello, world!", "HTML content to text, script dropped")
        #expect(feed.entries[1].author == "you")
    }

    @Test func frenchDatesAndTitles() throws {
        let feed = try FixtureFiles.feed("feeds/synthetic-fr-lemonde_french_dates.rss")
        #expect(feed.language == "fr")
        #expect(feed.entries.count > 3)
        #expect(feed.entries.allSatisfy { $0.published != nil }, "every French pubDate parses")
        #expect(feed.entries[0].title?.hasPrefix("« Les soldats de Louis XVI") == true)
        #expect(feed.entries[0].published == utc("2024-03-27T08:00:14Z"))
    }

    static let frenchEncodings = [
        "lemonde_iso8859-1.rss", "lemonde_windows-1252.rss", "lemonde_utf16.rss",
        "lemonde_html_titles.rss",
    ]

    @Test(arguments: frenchEncodings)
    func frenchFeedsDecodeTheSame(_ name: String) throws {
        let feed = try FixtureFiles.feed("feeds/synthetic-fr-" + name)
        #expect(feed.title?.contains("actualité") == true || feed.title?.contains("Actualité") == true)
        #expect(feed.entries.allSatisfy { ($0.title ?? "").unicodeScalars.allSatisfy { $0.value != 0xFFFD } })
        #expect(feed.entries.allSatisfy { !($0.title ?? "").contains("<") }, "HTML in titles becomes text")
    }

    static let declared: [(String, String)] = [
        ("handwritten/declared-koi8-r.xml", "Новости: Москва и Париж"),
        ("handwritten/declared-gb2312.xml", "巴黎新闻：法国议会"),
        ("handwritten/declared-shift_jis.xml", "パリのニュース：国会"),
    ]

    @Test(arguments: declared)
    func declaredEncodingsGoThroughIconv(_ path: String, _ title: String) throws {
        let feed = try FixtureFiles.feed(path)
        #expect(feed.title == title)
        #expect(feed.entries.first?.title == title)
    }

    @Test func xmlBaseOnElementsAndAncestors() throws {
        let feed = try FixtureFiles.feed("handwritten/xml-base.xml")
        #expect(feed.link == "http://example.org/blog/index.html")
        #expect(
            feed.entries.map(\.link) == [
                "http://example.org/blog/2024/one.html",
                "http://example.org/archives/deep/two.html",
                "http://example.org/three.html",
            ])
    }

    @Test func baseURLResolvesWhatXMLBaseLeavesRelative() throws {
        let xml = "<rss><channel><link>/</link><item><link>/a/1.html</link></item></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8), baseURL: "https://www.example.fr/rss/une.xml")
        #expect(feed.link == "https://www.example.fr/")
        #expect(feed.entries.first?.link == "https://www.example.fr/a/1.html")
    }

    @Test func httpCharsetOverridesTheDeclaration() throws {
        let body: [UInt8] =
            Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>".utf8) + [0xE9, 0x74, 0xE9]
            + Array("</title></channel></rss>".utf8)
        #expect(try FeedParser.parse(body, httpCharset: "iso-8859-1").title == "été")
        #expect(try FeedParser.parse(body).title == "été", "invalid UTF-8 falls back to windows-1252")
    }

    @Test func rssAuthorAndGuidRules() throws {
        let xml = """
            <rss version="2.0"><channel><item>
            <guid>http://example.org/p/1</guid><author>jane@example.org (Jane Doe)</author>
            <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description>
            </item><item><guid isPermaLink="false">x-2</guid><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Paul</dc:creator></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.entries[0].link == "http://example.org/p/1", "a permalink guid is the link")
        #expect(feed.entries[0].author == "Jane Doe")
        #expect(feed.entries[0].summaryText == "Hello world")
        #expect(feed.entries[1].link == nil)
        #expect(feed.entries[1].author == "Paul")
    }

    @Test func atomTextConstructs() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;lt;b&amp;gt; B</title>
            <entry><title type="text">x &lt;b&gt; y</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two</p></div></content>
            <published>2024-11-18T10:00:00+01:00</published><updated>2024-11-19T10:00:00Z</updated></entry></feed>
            """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "A <b> B")
        #expect(feed.entries[0].title == "x <b> y")
        #expect(feed.entries[0].contentText == "One Two")
        #expect(feed.entries[0].summaryText == "One Two", "content fills a missing summary")
        #expect(feed.entries[0].published == utc("2024-11-18T09:00:00Z"))
        #expect(feed.entries[0].updated == utc("2024-11-19T10:00:00Z"))
    }
}
