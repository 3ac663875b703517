import Foundation
import Testing

@testable import veille

/// `veille feed --batch` lines follow the feed_eval contract and never throw.
struct FeedBatchTests {
    @Test func lineFollowsTheContract() throws {
        let path = VeilleFixtures.url("feeds/synthetic-fr-lemonde_french_dates.rss").path
        let line = FeedBatch.line(forPath: path)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["file"] as? String == path)
        #expect(object["error"] == nil)
        let feed = try #require(object["feed"] as? [String: Any])
        #expect(feed["language"] as? String == "fr")
        let entries = try #require(object["entries"] as? [[String: Any]])
        let first = try #require(entries.first)
        #expect(
            Set(first.keys) == [
                "id", "title", "link", "published", "updated", "author", "summary_text", "content_text",
            ])
        #expect(first["published"] as? String == "2024-03-27T08:00:14Z")
    }

    static let failing = ["handwritten/html-page.html", "handwritten/whitespace-only.xml", "does/not/exist.xml"]

    @Test(arguments: failing)
    func errorLine(_ relative: String) throws {
        let path = VeilleFixtures.url(relative).path
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(FeedBatch.line(forPath: path).utf8)) as? [String: Any])
        #expect(object["file"] as? String == path)
        #expect((object["error"] as? String)?.isEmpty == false)
        #expect((object["entries"] as? [Any])?.isEmpty == true)
    }

    /// The XXE feed's whole `feed --batch` line holds nothing of the file its entity names.
    @Test func externalEntityLeaksNothingIntoTheLine() throws {
        let line = FeedBatch.line(forPath: VeilleFixtures.url("handwritten/xxe.xml").path)
        #expect(line.contains("XXE attempt"))
        #expect(!line.contains("root:"), "the contents of /etc/passwd leaked")
    }

    @Test func escapesStrings() {
        var w = JSONLineWriter()
        w.string("a\"b\\c\nd\u{01}é")
        #expect(w.result == "\"a\\\"b\\\\c\\nd\\u0001é\"")
    }

    /// Escapes at every offset of the eight-byte scan (and runs of plain text around them) round-trip.
    @Test func escapesAtEveryOffset() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\t", "é", "\u{7F}"] {
            for offset in 0..<20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "ü b", count: 7)
                var w = JSONLineWriter()
                w.string(text)
                let decoded =
                    try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String
                #expect(decoded == text, "offset \(offset)")
            }
        }
    }

    @Test func batchBytesAreTheLineAndANewline() {
        for relative in ["feeds/synthetic-fr-lemonde_french_dates.rss", "does/not/exist.xml"] {
            let path = VeilleFixtures.url(relative).path
            var out = Array("previous line\n".utf8)
            FeedBatch.appendLine(forPath: path, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "previous line\n" + FeedBatch.line(forPath: path) + "\n")
        }
    }
}
