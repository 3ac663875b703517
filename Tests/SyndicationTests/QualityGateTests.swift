import Foundation
import Testing

@testable import Syndication

/// Agreement with feedparser's view of the copied corpus (the golden `*.expected.json` files), scored
/// as `feed_eval.py` scores it: exact fields after whitespace collapse, dates in UTC, summary and
/// content similar at 0.9, entries compared by position. The floor only goes up.
struct QualityGateTests {
    /// feed_eval.py measured 0.995 on this copied corpus (2026-11-22); pinned just below.
    static let floor = 0.99

    @Test func agreementWithFeedparserOnTheCopiedCorpus() throws {
        var scores: [String: Double] = [:]
        for path in FixtureFiles.corpus() {
            let expectedPath = (path as NSString).deletingPathExtension + ".expected.json"
            guard let data = try? Data(contentsOf: FixtureFiles.root.appendingPathComponent(expectedPath)),
                let expected = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            let feed = try? FeedParser.parse(FixtureFiles.bytes(path))
            scores[path] = feed.map { GoldenScore.score($0, expected) } ?? 0
        }
        #expect(scores.count >= 100, "the copied corpus is missing")
        let mean = scores.values.reduce(0, +) / Double(max(1, scores.count))
        let worst = scores.sorted { $0.value < $1.value }.prefix(5).map { "\($0.key)=\($0.value)" }
        #expect(mean >= Self.floor, "agreement \(mean) below the floor; worst: \(worst)")
    }
}

/// The scoring of one file against its golden view.
enum GoldenScore {
    static let entryFields = ["id", "title", "link", "published", "updated", "author", "summary_text", "content_text"]

    static func score(_ feed: ParsedFeed, _ expected: [String: Any]) -> Double {
        var checks = 0
        var ok = 0
        func one(_ field: String, _ want: Any?, _ got: String?) {
            guard let w = want as? String else { return }
            checks += 1
            guard let g = got.flatMap(normalize) else { return }
            let wn = normalize(w) ?? ""
            switch field {
            case "language": if wn.lowercased() == g.lowercased() { ok += 1 }
            case "summary_text", "content_text": if similarity(wn, g) >= 0.9 { ok += 1 }
            default: if wn == g { ok += 1 }
            }
        }
        let f = expected["feed"] as? [String: Any] ?? [:]
        one("title", f["title"], feed.title)
        one("link", f["link"], feed.link)
        one("language", f["language"], feed.language)
        let entries = expected["entries"] as? [[String: Any]] ?? []
        checks += 1
        if entries.count == feed.entries.count { ok += 1 }
        for (e, got) in zip(entries, feed.entries) {
            let values: [String: String?] = [
                "id": got.id, "title": got.title, "link": got.link, "published": got.published.map(UTCStamp.format),
                "updated": got.updated.map(UTCStamp.format), "author": got.author, "summary_text": got.summaryText,
                "content_text": got.contentText,
            ]
            for field in entryFields { one(field, e[field], values[field] ?? nil) }
        }
        return checks == 0 ? 1 : Double(ok) / Double(checks)
    }

    static func normalize(_ s: String) -> String? {
        PlainText.collapse(s).map { $0.precomposedStringWithCanonicalMapping }
    }

    /// difflib's ratio, 2·LCS/(|a|+|b|), on the first 600 characters.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let x = Array(a.prefix(600))
        let y = Array(b.prefix(600))
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var prev = [Int](repeating: 0, count: y.count + 1)
        var cur = prev
        for i in 1...x.count {
            for j in 1...y.count {
                cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
            }
            swap(&prev, &cur)
        }
        return 2 * Double(prev[y.count]) / Double(x.count + y.count)
    }
}
