import Foundation
import VeilleCore

/// What one import file contributes: the entries for its `watchlist.d` file and the warnings met.
public struct ImportedEntries: Sendable, Equatable {
    /// The input file's name without its extensions (`big-2024` for `big-2024.stix.json`): the name of
    /// the generated `watchlist.d/<name>.yaml`.
    public var name: String
    /// The input file, as given.
    public var input: String
    /// What kind of input it was, for the generated file's header (`STIX 2.1 bundle`, `domain list`).
    public var format: String
    /// The actors.
    public var actors: [WatchEntity]
    /// The campaigns.
    public var campaigns: [WatchEntity]
    /// Skipped objects, aliases and lines, each naming what was skipped and why.
    public var warnings: [String]

    /// Entries, key by key.
    public init(
        name: String, input: String, format: String, actors: [WatchEntity], campaigns: [WatchEntity],
        warnings: [String]
    ) {
        self.name = name
        self.input = input
        self.format = format
        self.actors = actors
        self.campaigns = campaigns
        self.warnings = warnings
    }

    /// The entries as a watchlist.
    public var watchlist: Watchlist { Watchlist(actors: actors, campaigns: campaigns) }

    /// The generated file's base name for an input path (`/x/big-2024.stix.json` → `big-2024`).
    public static func baseName(of path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let stem = last.split(separator: ".").first.map(String.init) ?? last
        let slug = Slug.make(stem)
        return slug.isEmpty ? "import" : slug
    }
}

/// Ids from names: lower case, accents folded, runs of other characters as one `-`.
public enum Slug {
    /// `UN-Notorious BIG` → `un-notorious-big`, `Doppelgänger` → `doppelganger`; empty when nothing is left.
    public static func make(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var dash = false
        for u in folded.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) {
                if dash, !out.isEmpty { out += "-" }
                dash = false
                out += String(u).lowercased()
            } else {
                dash = true
            }
        }
        return out
    }
}
