import Foundation
import Matching
import Storage
import VeilleCore

/// Links items to the campaigns and actors of the watchlist, with their evidence.
public struct MatchStage: Sendable {
    public let compiled: CompiledWatchlist

    public init(_ compiled: CompiledWatchlist) { self.compiled = compiled }

    /// The links of one item: one per entity, its evidence the list of its matches.
    public func links(title: String?, text: String?, url: String? = nil, canonicalURL: String? = nil) -> [ItemLink] {
        var byEntity: [String: (kind: String, matches: [EntityMatch])] = [:]
        for m in compiled.match(title: title, text: text, url: url, canonicalURL: canonicalURL) {
            byEntity[m.entityID, default: (m.entityKind.rawValue, [])].matches.append(m)
        }
        return byEntity.sorted { $0.key < $1.key }.map { id, entry in
            let evidence = JSONValue.array(
                entry.matches.map { m in
                    .object([
                        ("alias", .string(m.alias)), ("found", .string(m.found)), ("field", .string(m.field.rawValue)),
                        ("start", .int(m.start)), ("end", .int(m.end)), ("snippet", .string(m.snippet)),
                        ("rule", .string(m.rule.rawValue)),
                    ])
                })
            return ItemLink(entityID: id, entityKind: entry.kind, evidence: evidence.serialized())
        }
    }

    /// Matches the items whose text is new or changed (this run's, and any left by a run that died) and
    /// stores their links.
    @discardableResult
    public func apply(store: Store, at: Date) throws -> LinkChanges {
        try rematch(store: store, items: store.itemsNeedingMatch(), at: at, dryRun: false)
    }

    /// Matches `items` again and replaces their links (or only reports the changes, with `dryRun`).
    public func rematch(store: Store, items: [MatchableItem], at: Date, dryRun: Bool) throws -> LinkChanges {
        var all: [Int64: [ItemLink]] = [:]
        for item in items {
            all[item.id] = links(title: item.title, text: item.text, url: item.url, canonicalURL: item.canonicalURL)
        }
        return try store.replaceLinks(all, watchlistHash: compiled.versionHash, at: at, dryRun: dryRun)
    }

    /// Loads and compiles `watchlist.yaml`; nil when the file does not exist (nothing is linked then).
    ///
    /// - Throws: ``PipelineError/configuration(_:)`` for a broken watchlist: the run does not start.
    public static func load(path: String) throws -> MatchStage? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return MatchStage(CompiledWatchlist(try Watchlist.load(path: path))) } catch {
            throw PipelineError.configuration(.error(error))
        }
    }
}
