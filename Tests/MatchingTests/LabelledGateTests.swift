import Foundation
import Matching
import Testing

/// Quality gate: precision and recall of the default watchlist on the hand-written held-out texts.
///
/// Floors only rise. Measured when pinned (2026-11-22): holdout precision 0.983, recall 0.994.
struct LabelledGateTests {
    static let precisionFloor = 0.98
    static let recallFloor = 0.99

    struct Item: Decodable {
        var id: String
        var title: String?
        var text: String
        var expect: [String]
    }

    static func score(_ file: String) throws -> (precision: Double, recall: Double, misses: [String]) {
        let compiled = try #require(TestFiles.compiled)
        let lines = String(decoding: try TestFiles.fixture("labelled/" + file), as: UTF8.self).split(separator: "\n")
        var tp = 0
        var fp = 0
        var fn = 0
        var misses: [String] = []
        for line in lines {
            let item = try JSONDecoder().decode(Item.self, from: Data(line.utf8))
            let got = Set(compiled.match(title: item.title, text: item.text).map(\.entityID))
            let want = Set(item.expect)
            tp += got.intersection(want).count
            fp += got.subtracting(want).count
            fn += want.subtracting(got).count
            if got != want { misses.append(item.id) }
        }
        return (Double(tp) / Double(max(1, tp + fp)), Double(tp) / Double(max(1, tp + fn)), misses)
    }

    @Test func holdoutPrecisionAndRecall() throws {
        let s = try Self.score("holdout.jsonl")
        #expect(s.precision >= Self.precisionFloor, "precision \(s.precision); items off: \(s.misses)")
        #expect(s.recall >= Self.recallFloor, "recall \(s.recall); items off: \(s.misses)")
    }

    @Test func labelledSetIsLargeEnough() throws {
        let count = try ["tune.jsonl", "holdout.jsonl"].reduce(0) { total, file in
            total
                + String(decoding: try TestFiles.fixture("labelled/" + file), as: UTF8.self).split(separator: "\n")
                .count
        }
        #expect(count >= 300)
    }
}
