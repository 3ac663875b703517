import Foundation
import Matching
import VeilleCore

/// Sources whose own host is one of the watchlist's `domains:` (a campaign's site followed on purpose, or
/// a source that turned out to belong to one): shown in `veille sources` and in the digest's trouble list.
public enum ListedSources {
    /// For each such source, what to tell the analyst (`source is on the RRN list (rrussianews.com)`).
    ///
    /// - Parameters:
    ///   - config: the sources.
    ///   - watchlist: the merged watchlist.
    /// - Returns: source id → message, for listed sources only.
    public static func flags(config: SourcesFile, watchlist: Watchlist?) -> [String: String] {
        guard let watchlist else { return [:] }
        let matcher = DomainMatcher(watchlist)
        guard !matcher.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for s in config.sources {
            guard let host = LinkHost.of(s.url) else { continue }
            let hits = matcher.listings(host: host)
            guard !hits.isEmpty else { continue }
            let names = Watchlist.unique(hits.map { watchlist.entity(id: $0.entityID)?.name ?? $0.entityID })
            out[s.id] = "source is on the \(names.joined(separator: ", ")) list (\(hits[0].domain))"
        }
        return out
    }

    /// The listed sources' flags for the watchlist at `path`, none when it does not load.
    public static func flags(config: SourcesFile, watchlistPath: String) -> [String: String] {
        guard FileManager.default.fileExists(atPath: watchlistPath) else { return [:] }
        return flags(config: config, watchlist: try? Watchlist.load(path: watchlistPath))
    }
}

/// The host of a configured URL.
enum LinkHost {
    static func of(_ url: String) -> String? { URL(string: url)?.host }
}
