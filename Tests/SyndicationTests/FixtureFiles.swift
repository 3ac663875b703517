import Foundation

@testable import Syndication

/// Loads the test bundle's fixtures.
enum FixtureFiles {
    /// The bundle's `Fixtures` folder.
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }

    /// The bytes of `Fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Parses `Fixtures/<path>`.
    static func feed(_ path: String) throws -> ParsedFeed {
        try FeedParser.parse(bytes(path))
    }

    /// The copied corpus files (inputs only, sorted).
    static func corpus() -> [String] {
        let dir = root.appendingPathComponent("feeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected.json") }.sorted().map { "feeds/" + $0 }
    }
}

/// Dates in tests, written as the contract spells them.
func utc(_ stamp: String) -> Date? {
    FeedDate.iso8601(Array(stamp.utf8))
}
