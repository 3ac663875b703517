import Foundation

/// `Feeds/watchlist.yaml`: the campaigns and actors that items are linked to.
///
/// Loaded strictly: an unknown key, a duplicate id, a campaign naming an unknown actor, an empty alias, an
/// alias that normalizes to nothing or a malformed `all` group is a ``ConfigError`` naming the file, the
/// entry and the key (exit code 2 upstream: the run does not start with a broken watchlist).
public struct Watchlist: Sendable, Equatable {
    /// The actors: states, parties, persons, organisations, outlets, agencies, platforms.
    public var actors: [WatchEntity]
    /// The campaigns, each attributed to zero or more actors.
    public var campaigns: [WatchEntity]

    /// A watchlist from entities already validated.
    public init(actors: [WatchEntity], campaigns: [WatchEntity]) {
        self.actors = actors
        self.campaigns = campaigns
    }

    /// Loads and validates a watchlist file, then the imported files of the `watchlist.d` folder beside it.
    ///
    /// `watchlist.d/*.yaml` are read in name order after the file and merged into it (see
    /// ``merging(_:file:)``); a missing folder is no error.
    ///
    /// - Parameter path: the YAML file, named as given in every error.
    /// - Returns: the validated, merged watchlist.
    /// - Throws: ``ConfigError`` naming the file, the entry and the key.
    public static func load(path: String) throws -> Watchlist {
        var merged = try decode(ConfigNode.load(path: path), file: path)
        for file in importedFiles(beside: path) {
            merged = try merged.merging(
                decode(ConfigNode.load(path: file), file: file, checkReferences: false), file: file)
        }
        try merged.checkReferences(file: path)
        return merged
    }

    /// The `watchlist.d/*.yaml` files beside `path`, in name order.
    public static func importedFiles(beside path: String) -> [String] {
        let dir = importDirectory(beside: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    /// The `watchlist.d` folder beside the watchlist file `path`.
    public static func importDirectory(beside path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/watchlist.d"
    }

    /// Validates a parsed watchlist.
    ///
    /// - Parameters:
    ///   - root: the parsed document.
    ///   - file: the file name to put in errors.
    ///   - checkReferences: whether every `actors` id must be an actor of this document (false for a
    ///     `watchlist.d` file, whose references are checked once merged).
    /// - Throws: ``ConfigError`` naming the file, the entry and the key.
    public static func decode(_ root: ConfigNode, file: String, checkReferences: Bool = true) throws -> Watchlist {
        let top = ConfigEntry(file: file, entry: nil, node: root)
        if root.isNull { return Watchlist(actors: [], campaigns: []) }
        try top.requireMap(allowed: ["actors", "campaigns"])
        let actors = try entries(root, section: "actors", file: file)
        let campaigns = try entries(root, section: "campaigns", file: file)
        var seen: [String: String] = [:]
        for (section, list) in [("actors", actors), ("campaigns", campaigns)] {
            for (index, item) in list.enumerated() {
                let e = ConfigEntry(file: file, entry: label(section, index, item.id), node: item.node)
                if let other = seen[item.id.id] {
                    throw e.error("id", "duplicate id '\(item.id.id)' (already used in \(other))")
                }
                seen[item.id.id] = label(section, index, item.id)
            }
        }
        if checkReferences {
            let actorIDs = Set(actors.map(\.id.id))
            for (section, list) in [("actors", actors), ("campaigns", campaigns)] {
                for (index, item) in list.enumerated() {
                    let e = ConfigEntry(file: file, entry: label(section, index, item.id), node: item.node)
                    for actor in item.id.actors where !actorIDs.contains(actor) || actor == item.id.id {
                        throw e.error("actors", "unknown actor '\(actor)' (not an id under actors)")
                    }
                }
            }
        }
        return Watchlist(actors: actors.map(\.id), campaigns: campaigns.map(\.id))
    }

    static func label(_ section: String, _ index: Int, _ entity: WatchEntity) -> String {
        "\(section)[\(index)] (\(entity.id))"
    }

    /// Decodes one section; `id` carries the entity and `node` its YAML for later errors.
    static func entries(_ root: ConfigNode, section: String, file: String) throws -> [(
        id: WatchEntity, node: ConfigNode
    )] {
        guard let node = root[section], !node.isNull else { return [] }
        guard let items = node.list else {
            throw ConfigEntry(file: file, entry: nil, node: root).error(section, "expected a list of entries")
        }
        return try items.enumerated().map { index, item in
            let label = item["id"]?.string.map { "\(section)[\(index)] (\($0))" } ?? "\(section)[\(index)]"
            let e = ConfigEntry(file: file, entry: label, node: item)
            return (try decodeEntity(e, campaign: section == "campaigns"), item)
        }
    }
}
