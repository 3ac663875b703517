import Foundation
import Interop
import VeilleCore

/// Fixture paths and scratch config folders for the Interop tests.
enum InteropFiles {
    /// A fixture's path.
    static func path(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return url.path
    }

    /// The four VIGINUM bundles.
    static let bundles = [
        "rrn-2023.stix.json", "portal-kombat-2024.stix.json", "matriochka-2024.stix.json", "big-2024.stix.json",
    ]

    /// A fresh config folder holding `watchlist.yaml` with `text`; returns the watchlist's path.
    static func configFolder(watchlist text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("watchlist.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes a scratch file and returns its path.
    static func scratch(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-interop-in-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Imports `inputs` into the config folder of `watchlistPath` and returns the merged watchlist.
    @discardableResult
    static func importAll(_ inputs: [String], into watchlistPath: String, campaign: String? = nil) throws -> (
        plan: WatchlistImport.Plan, watchlist: Watchlist
    ) {
        let importer = WatchlistImport(watchlistPath: watchlistPath)
        let plan = try importer.plan(inputs: inputs, campaign: campaign)
        _ = try importer.write(plan)
        return (plan, try Watchlist.load(path: watchlistPath))
    }

    /// A small hand-written watchlist: a campaign that shares the id of an imported one.
    static let handWritten = """
        # hand-written, with a comment that must survive
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou]
        campaigns:
          - id: portal-kombat
            name: Portal Kombat (hand-written)
            aliases: [Portal Kombat, réseau Pravda]
        """
}
