import Foundation
import Yams

/// A YAML document read for validation: scalars, lists and ordered maps, each with its line.
///
/// The config files (`sources.yaml`, `watchlist.yaml`, `digests.yaml`, `sites.yaml`) are decoded through
/// this rather than `Codable`, so that every error can name the file, the entry, the key and the line,
/// and so that unknown keys are refused instead of ignored.
public indirect enum ConfigNode: Sendable {
    case scalar(String, line: Int?)
    case list([ConfigNode], line: Int?)
    case map([(key: String, value: ConfigNode)], line: Int?)
    case null(line: Int?)

    /// Parses YAML text.
    ///
    /// - Throws: ``ConfigError`` naming `file` when the YAML itself is malformed.
    public static func parse(_ text: String, file: String) throws -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(file: file, problem: "not valid YAML: \(error)")
        }
        guard let node else { return .null(line: 1) }
        var budget = maxNodes
        guard let converted = convert(node, budget: &budget) else {
            throw ConfigError(
                file: file,
                problem: "more than \(maxNodes) values once YAML aliases are expanded "
                    + "(an alias bomb?): write the values out instead of repeating anchors")
        }
        return converted
    }

    /// The most values (scalars, lists, maps) a config file may hold once its YAML aliases are expanded.
    /// A 300-byte file whose lists repeat an anchor level after level expands exponentially; real config
    /// files (a 10,000-alias watchlist included) stay far below this.
    static let maxNodes = 500_000

    /// Reads and parses a YAML file.
    public static func load(path: String) throws -> ConfigNode {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, problem: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Converts a Yams node; nil once `budget` values have been converted (the file expands too far).
    static func convert(_ node: Node, budget: inout Int) -> ConfigNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let line = node.mark.map { $0.line }
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return .null(line: line) }
            return .scalar(s.string, line: line)
        case .sequence(let seq):
            var items: [ConfigNode] = []
            for item in seq {
                guard let c = convert(item, budget: &budget) else { return nil }
                items.append(c)
            }
            return .list(items, line: line)
        case .mapping(let map):
            var pairs: [(key: String, value: ConfigNode)] = []
            for (k, v) in map {
                guard let c = convert(v, budget: &budget) else { return nil }
                pairs.append((key: k.string ?? "\(k)", value: c))
            }
            return .map(pairs, line: line)
        }
    }

    /// The 1-based line of this node, when known.
    public var line: Int? {
        switch self {
        case .scalar(_, let l), .list(_, let l), .map(_, let l), .null(let l): return l
        }
    }

    /// The scalar's text, nil for anything else.
    public var string: String? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }

    /// The list's items, nil for anything else.
    public var list: [ConfigNode]? {
        if case .list(let l, _) = self { return l }
        return nil
    }

    /// The map's pairs in order, nil for anything else.
    public var pairs: [(key: String, value: ConfigNode)]? {
        if case .map(let m, _) = self { return m }
        return nil
    }

    /// The value of `key` in a map.
    public subscript(key: String) -> ConfigNode? {
        pairs?.first(where: { $0.key == key })?.value
    }

    /// True for an explicit null.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// Walks one map entry of a config file, checking keys and values and producing ``ConfigError``s that
/// name the file, the entry and the key.
public struct ConfigEntry {
    public let file: String
    public let entry: String?
    public let node: ConfigNode

    public init(file: String, entry: String?, node: ConfigNode) {
        self.file = file
        self.entry = entry
        self.node = node
    }

    /// An error about `key` of this entry.
    public func error(_ key: String?, _ problem: String) -> ConfigError {
        ConfigError(file: file, entry: entry, key: key, line: (key.flatMap { node[$0] } ?? node).line, problem: problem)
    }

    /// Checks that the entry is a map with only `allowed` keys.
    public func requireMap(allowed: Set<String>) throws {
        guard let pairs = node.pairs else { throw error(nil, "expected a mapping of keys") }
        var seen = Set<String>()
        for (k, v) in pairs {
            if !allowed.contains(k) {
                throw ConfigError(
                    file: file, entry: entry, key: k, line: v.line,
                    problem: "unknown key (known: \(allowed.sorted().joined(separator: ", ")))")
            }
            if !seen.insert(k).inserted {
                throw ConfigError(file: file, entry: entry, key: k, line: v.line, problem: "key given twice")
            }
        }
    }

    /// A required string.
    public func string(_ key: String) throws -> String {
        guard let v = try optionalString(key) else { throw error(key, "missing required key") }
        return v
    }

    /// An optional string; an empty string is refused.
    public func optionalString(_ key: String) throws -> String? {
        guard let n = node[key], !n.isNull else { return nil }
        guard let s = n.string else { throw error(key, "expected a single value") }
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { throw error(key, "empty value") }
        return t
    }

    /// An optional boolean (`true`/`false`/`yes`/`no`).
    public func bool(_ key: String, default def: Bool) throws -> Bool {
        guard let s = try optionalString(key) else { return def }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, got '\(s)'")
        }
    }

    /// An optional list of strings; a single string is accepted as a list of one.
    public func strings(_ key: String) throws -> [String]? {
        guard let n = node[key], !n.isNull else { return nil }
        if let s = n.string { return [s] }
        guard let items = n.list else { throw error(key, "expected a list") }
        return try items.map { item in
            guard let s = item.string else { throw error(key, "expected a list of single values") }
            return s
        }
    }

    /// An optional duration (`90s`, `6h`, `7d`, `500ms`).
    public func duration(_ key: String, allowed: Set<DurationUnit> = Set(DurationUnit.allCases)) throws -> TimeInterval?
    {
        guard let s = try optionalString(key) else { return nil }
        guard let d = DurationUnit.parse(s, allowed: allowed), d > 0 else {
            throw error(
                key,
                "expected a positive duration with a unit (\(allowed.map(\.rawValue).sorted().joined(separator: ", "))), got '\(s)'"
            )
        }
        return d
    }
}
