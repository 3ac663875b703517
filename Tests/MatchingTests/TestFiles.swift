import Foundation
import Matching
import VeilleCore

/// Paths and loaders shared by the Matching tests.
enum TestFiles {
    /// The repository's default watchlist, `Feeds/watchlist.yaml`.
    static var defaultWatchlistPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Feeds/watchlist.yaml").path
    }

    /// The default watchlist, compiled once for all tests.
    static let compiled: CompiledWatchlist? = {
        guard let w = try? Watchlist.load(path: defaultWatchlistPath) else { return nil }
        return CompiledWatchlist(w)
    }()

    /// A fixture's bytes.
    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    /// Compiles a watchlist written inline.
    static func compile(_ yaml: String) throws -> CompiledWatchlist {
        CompiledWatchlist(try Watchlist.decode(ConfigNode.parse(yaml, file: "test.yaml"), file: "test.yaml"))
    }
}
