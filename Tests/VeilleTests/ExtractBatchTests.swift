import Foundation
import Testing

@testable import Extraction
@testable import veille

/// The JSON forms of `veille extract` and `veille extract --batch`.
@Suite struct ExtractBatchTests {
    @Test func batchLineAndJSONForms() throws {
        let a = Article(title: "T \"q\"", byline: nil, published: Date(timeIntervalSince1970: 0), text: "a\nb")
        let json = ExtractBatch.json(a)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "T \"q\"")
        #expect(object["published"] as? String == "1970-01-01T00:00:00Z")
        #expect(object["byline"] is NSNull)
        #expect(object["text"] as? String == "a\nb")
        let path = VeilleFixtures.url("readability/lemonde-1.html").path
        let line = ExtractBatch.line(forPath: path, rules: .none)
        let batch = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(batch.keys) == ["file", "title", "text", "byline", "published", "language", "canonical_url"])
        #expect(batch["file"] as? String == path)
    }
}

/// Extraction is thread-safe: pages extracted on several threads at once (as `veille extract --batch`
/// does) give the lines extracted one after another.
@Suite struct BatchTests {
    final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: String] = [:]
        func set(_ i: Int, _ v: String) {
            lock.lock()
            values[i] = v
            lock.unlock()
        }
        func all(_ n: Int) -> [String?] {
            lock.lock()
            defer { lock.unlock() }
            return (0..<n).map { values[$0] }
        }
    }

    @Test func parallelLinesMatchSequentialOnes() {
        let names = Array(VeilleFixtures.list("readability/golden-pages.txt").prefix(6))
        let paths =
            names.map { VeilleFixtures.url("readability/\($0).html").path }
            + ["/nonexistent/page.html"]
        let sequential = paths.map { ExtractBatch.line(forPath: $0, rules: .none) }
        let slots = Slots()
        DispatchQueue.concurrentPerform(iterations: paths.count * 4) { k in
            slots.set(k, ExtractBatch.line(forPath: paths[k % paths.count], rules: .none))
        }
        let parallel = slots.all(paths.count * 4)
        #expect(parallel == (0..<4).flatMap { _ in sequential })
        #expect(sequential.last?.contains("\"error\"") == true)
    }
}
