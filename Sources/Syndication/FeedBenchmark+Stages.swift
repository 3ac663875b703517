import Foundation
import Markup

extension FeedBenchmark {
    /// Time spent in libxml2's parse alone versus the whole parse, to see where the time goes.
    public static func stages(paths: [String], rounds: Int = 5) -> String {
        let blobs = feedFiles(paths).compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds { for b in blobs { _ = MarkupDocument.xmlOutcome(b) } }
        let t1 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds { for b in blobs { _ = try? FeedParser.parse(b) } }
        let t2 = DispatchTime.now().uptimeNanoseconds
        return "libxml2 parse: \(Double(t1 - t0) / 1e6 / Double(rounds)) ms/round; full: \(Double(t2 - t1) / 1e6 / Double(rounds)) ms/round"
    }
}
