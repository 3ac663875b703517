import Foundation
import Testing

@testable import Syndication

/// The pipeline parses feeds in parallel: the parser keeps no shared mutable state.
struct ConcurrencyTests {
    @Test func parallelParsesEqualSequentialOnes() async throws {
        let paths = Array(FixtureFiles.corpus().prefix(60))
        let blobs = try paths.map { try FixtureFiles.bytes($0) }
        let sequential = blobs.map { try? FeedParser.parse($0) }
        let parallel = await withTaskGroup(of: (Int, ParsedFeed?).self) { group in
            for _ in 0..<4 {
                for (i, blob) in blobs.enumerated() {
                    group.addTask { (i, try? FeedParser.parse(blob)) }
                }
            }
            var out: [Int: [ParsedFeed?]] = [:]
            for await (i, feed) in group { out[i, default: []].append(feed) }
            return out
        }
        for (i, expected) in sequential.enumerated() {
            #expect(parallel[i]?.allSatisfy { $0 == expected } == true, "\(paths[i]) differs when parsed in parallel")
        }
    }
}
