import Foundation
import Storage
import VeilleCore

/// The analyst's workbench: the archive's pages (dashboard, campaigns and actors, items, snapshots,
/// search, sources, runs) as view models that render to HTML (Mustache templates) or JSON.
///
/// Reads only through ``ArchiveReader`` (a read-only connection); names of campaigns and actors come from
/// the watchlist, schedules from `sources.yaml` (both optional: ids are shown when they are missing).
public struct Workbench: Sendable {
    let reader: ArchiveReader
    let entities: EntityDirectory
    let schedules: [String: TimeInterval]
    let now: @Sendable () -> Date

    /// A workbench over an open archive.
    ///
    /// - Parameters:
    ///   - reader: the read-only archive.
    ///   - watchlist: the campaigns and actors (names, aliases, attributions).
    ///   - sources: the configured sources (their schedules).
    ///   - now: the clock (the dashboard's "today").
    public init(
        reader: ArchiveReader, watchlist: Watchlist, sources: [SourceConfig] = [],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.reader = reader
        entities = EntityDirectory(watchlist)
        schedules = Dictionary(sources.map { ($0.id, $0.every) }, uniquingKeysWith: { a, _ in a })
        self.now = now
    }
}

/// The watchlist's campaigns and actors by id.
struct EntityDirectory: Sendable {
    var campaigns: [WatchEntity]
    var actors: [WatchEntity]
    var byID: [String: WatchEntity]

    init(_ w: Watchlist) {
        campaigns = w.campaigns
        actors = w.actors
        byID = Dictionary((w.campaigns + w.actors).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The display name of an id (the id itself when the watchlist does not know it).
    func name(_ id: String) -> String { byID[id]?.name ?? id }

    /// Whether `id` is a campaign (else an actor, or unknown).
    func isCampaign(_ id: String) -> Bool { campaigns.contains { $0.id == id } }

    /// The page of an entity: `/campaigns/ID` or `/actors/ID`.
    func href(_ id: String, kind: String) -> String {
        (kind == "campaign" ? "/campaigns/" : "/actors/") + Path.segment(id)
    }
}

/// Building paths and query strings from untrusted values.
enum Path {
    /// One path segment, percent-encoded.
    static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }

    /// `path?k=v&…` with the non-nil values percent-encoded, in the given order.
    static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let pairs = query.compactMap { k, v in v.map { k + "=" + segment($0) } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}
