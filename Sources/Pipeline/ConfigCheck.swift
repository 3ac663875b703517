import Extraction
import Foundation
import VeilleCore

/// `veille check`: every file of a config folder validated, and **every** problem found reported (a run stops
/// at the first one), each naming its file, line, entry and key.
///
/// The decoders of the files stop at their first error, so each list entry (a source, a campaign or an
/// actor, a site, a digest) is decoded on its own, in a copy of its file holding only that entry; the file's
/// other keys are checked once with an empty list. What spans entries (duplicate ids, references to actors,
/// the campaigns, actors and sources a digest names) is checked over all the entries that decoded.
public struct ConfigCheck {
    /// What was found: the problems, and a line per file that was read.
    public struct Result: Sendable {
        public var errors: [ConfigError] = []
        /// `sources.yaml: 12 sources`, one per file read.
        public var files: [String] = []
    }

    let dir: String
    var result = Result()
    /// Every description already reported, so that one problem found twice is listed once.
    var seen = Set<String>()

    /// Checks the folder `configDir` (`sources.yaml` required; `watchlist.yaml`, `watchlist.d/*.yaml`,
    /// `sites.yaml` and `digests.yaml` when present).
    public static func run(configDir: String) -> Result {
        var check = ConfigCheck(dir: configDir)
        var known = KnownIDs()
        check.sources(into: &known)
        check.watchlist(into: &known)
        check.sites()
        check.digests(known)
        return check.result
    }

    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

    mutating func add(_ error: Error, file: String) {
        let e = (error as? ConfigError) ?? ConfigError(file: file, problem: "\(error)")
        if seen.insert(e.description).inserted { result.errors.append(e) }
    }

    /// The parsed file, or nil (its error reported) when it cannot be read or is not YAML.
    mutating func parse(_ file: String) -> ConfigNode? {
        do { return try ConfigNode.load(path: file) } catch {
            add(error, file: file)
            return nil
        }
    }

    /// Decodes the file with its lists emptied (its other keys), then each entry of `section` alone, in a copy
    /// of the file holding only that entry and the `keep` keys.
    ///
    /// - Returns: the entries that decoded, with their index and node.
    mutating func entries<T>(
        _ root: ConfigNode, section: String, emptying: [String]? = nil, keep: [String] = [], file: String,
        decode: (ConfigNode) throws -> T
    ) -> [(index: Int, node: ConfigNode, value: T)] {
        let top = (emptying ?? [section]).reduce(root) { Self.replacing($0, section: $1, with: []) }
        do { _ = try decode(top) } catch { add(error, file: file) }
        guard let items = root[section]?.list, case .map(let pairs, let line) = root else { return [] }
        let kept = pairs.filter { keep.contains($0.key) }
        var out: [(index: Int, node: ConfigNode, value: T)] = []
        for (index, item) in items.enumerated() {
            let alone = ConfigNode.map(kept + [(section, .list([item], line: root[section]?.line))], line: line)
            do {
                out.append((index, item, try decode(alone)))
            } catch var e as ConfigError {
                // The entry was alone, so the decoder called it `section[0]`.
                if let entry = e.entry, entry.hasPrefix("\(section)[0]") {
                    e.entry = "\(section)[\(index)]" + entry.dropFirst("\(section)[0]".count)
                }
                add(e, file: file)
            } catch {
                add(error, file: file)
            }
        }
        return out
    }

    /// `root` with the list under `section` replaced by `items` (or added).
    static func replacing(_ root: ConfigNode, section: String, with items: [ConfigNode]) -> ConfigNode {
        guard case .map(var pairs, let line) = root else { return root }
        let list = ConfigNode.list(items, line: root[section]?.line)
        if let i = pairs.firstIndex(where: { $0.key == section }) {
            if root[section]?.list == nil { return root } // not a list: the decoder says so
            pairs[i].value = list
        }
        return .map(pairs, line: line)
    }

    /// Reports every id given twice among `entries` (`label` names an entry in errors).
    mutating func duplicates(_ entries: [(label: String, id: String, node: ConfigNode)], file: String) {
        var first: [String: String] = [:]
        for e in entries {
            if let other = first[e.id] {
                add(
                    ConfigError(
                        file: file, entry: e.label, key: "id", line: (e.node["id"] ?? e.node).line,
                        problem: "duplicate id '\(e.id)' (already used in \(other))"), file: file)
            } else {
                first[e.id] = e.label
            }
        }
    }

    /// `sources.yaml`.
    mutating func sources(into known: inout KnownIDs) {
        let file = path("sources.yaml")
        guard let root = parse(file) else { return }
        known.sources = Self.rawIDs(root, "sources")
        let decoded = entries(root, section: "sources", file: file) { try SourcesFile.decode($0, file: file) }
        let sources = decoded.compactMap { d in d.value.sources.first.map { (d.index, d.node, $0) } }
        duplicates(sources.map { ("sources[\($0.0)] (\($0.2.id))", $0.2.id, $0.1) }, file: file)
        result.files.append("sources.yaml: \(sources.count) sources")
    }

    /// `sites.yaml`, when present.
    mutating func sites() {
        let file = path("sites.yaml")
        guard FileManager.default.fileExists(atPath: file), let root = parse(file) else { return }
        let decoded = entries(root, section: "sites", file: file) { try SiteRules.decode($0, file: file) }
        result.files.append("sites.yaml: \(decoded.count) sites")
    }
}
