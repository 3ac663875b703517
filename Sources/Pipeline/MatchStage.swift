import Foundation
import Matching
import Storage
import VeilleCore

/// Links items to the campaigns and actors of the watchlist, with their evidence.
public struct MatchStage: Sendable {
    public let compiled: CompiledWatchlist

    public init(_ compiled: CompiledWatchlist) { self.compiled = compiled }

    /// The links of one item: one per entity, its evidence the list of its matches in every field
    /// (title, summary, text) and by the domains of its URLs and links.
    public func links(
        title: String?, summary: String? = nil, text: String?, url: String? = nil, canonicalURL: String? = nil
    ) -> [ItemLink] {
        var byEntity: [String: (kind: String, matches: [EntityMatch])] = [:]
        for m in compiled.match(title: title, summary: summary, text: text, url: url, canonicalURL: canonicalURL) {
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
        try rematchWithLinks(store: store, items: items, at: at, dryRun: dryRun).changes
    }

    /// ``rematch(store:items:at:dryRun:)``, also returning the links found for each item (by item id), whose
    /// evidence says which words matched.
    public func rematchWithLinks(store: Store, items: [MatchableItem], at: Date, dryRun: Bool) throws -> (
        changes: LinkChanges, links: [Int64: [ItemLink]]
    ) {
        let found = links(of: items)
        var all: [Int64: [ItemLink]] = [:]
        for (item, l) in zip(items, found) { all[item.id] = l }
        return (try store.replaceLinks(all, watchlistHash: compiled.versionHash, at: at, dryRun: dryRun), all)
    }

    /// The links of each item, in order, matched on every core (items are independent; the compiled
    /// watchlist is shared).
    public func links(
        of items: [MatchableItem], workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [[ItemLink]] {
        let results = ResultSlots<[ItemLink]>(count: items.count)
        let count = max(1, min(workers, items.count / 16 + 1)) // a few items: not worth a thread
        DispatchQueue.concurrentPerform(iterations: count) { w in
            for i in stride(from: w, to: items.count, by: count) {
                let item = items[i]
                results.set(
                    i,
                    links(
                        title: item.title, summary: item.summary, text: item.text, url: item.url,
                        canonicalURL: item.canonicalURL))
            }
        }
        return results.values
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

/// Slots filled by concurrent workers, each slot by exactly one of them, read once they have all finished.
final class ResultSlots<Value>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Fills slot `i` (each slot is written by one worker only, so no two writes touch one element).
    func set(_ i: Int, _ value: Value) { base[i] = value }

    /// Every slot, in order (call after the workers are done).
    var values: [Value] { UnsafeBufferPointer(start: base, count: count).compactMap { $0 } }
}
