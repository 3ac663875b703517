import Foundation
import VeilleCore

/// The ids a digest may name, as found in the other files (those of entries that failed to decode too, so
/// that one broken source is not reported again by every digest naming it).
struct KnownIDs {
    var sources: [String] = []
    var campaigns: [String] = []
    var actors: [String] = []
    /// False when there is no watchlist: a digest's campaigns and actors are not checked.
    var hasWatchlist = false
}

extension ConfigCheck {
    /// The `id` of each entry of `section`, as written, each once.
    static func rawIDs(_ root: ConfigNode, _ section: String) -> [String] {
        var seen = Set<String>()
        return (root[section]?.list ?? []).compactMap { $0["id"]?.string }.filter { seen.insert($0).inserted }
    }

    /// `watchlist.yaml` and the `watchlist.d/*.yaml` files beside it, when present.
    mutating func watchlist(into known: inout KnownIDs) {
        let main = path("watchlist.yaml")
        guard FileManager.default.fileExists(atPath: main) else { return }
        known.hasWatchlist = true
        let before = result.errors.count
        var counts = (campaigns: 0, actors: 0)
        let imported = Watchlist.importedFiles(beside: main)
        for file in [main] + imported {
            guard let root = parse(file) else { continue }
            known.actors += Self.rawIDs(root, "actors")
            known.campaigns += Self.rawIDs(root, "campaigns")
            var all: [(label: String, id: String, node: ConfigNode)] = []
            var entities: [(label: String, entity: WatchEntity, node: ConfigNode)] = []
            for section in ["actors", "campaigns"] {
                let decoded = entries(root, section: section, emptying: ["actors", "campaigns"], file: file) {
                    try Watchlist.decode($0, file: file, checkReferences: false)
                }
                for d in decoded {
                    guard let e = (section == "actors" ? d.value.actors : d.value.campaigns).first else { continue }
                    let label = "\(section)[\(d.index)] (\(e.id))"
                    all.append((label, e.id, d.node))
                    entities.append((label, e, d.node))
                }
                if file == main {
                    counts.actors += section == "actors" ? decoded.count : 0
                    counts.campaigns += section == "campaigns" ? decoded.count : 0
                }
            }
            duplicates(all, file: file)
            if file == main { references(entities, file: file) }
        }
        // Across files (merges, renamed references): the loader's own check, once each file is sound.
        if result.errors.count == before {
            do { _ = try Watchlist.load(path: main) } catch { add(error, file: main) }
        }
        let more = imported.isEmpty ? "" : " (+ \(imported.count) in watchlist.d)"
        result.files.append("watchlist.yaml: \(counts.campaigns) campaigns, \(counts.actors) actors\(more)")
    }

    /// Every `actors` id of the main watchlist's entries must be an actor of that file, not the entry itself.
    mutating func references(_ entities: [(label: String, entity: WatchEntity, node: ConfigNode)], file: String) {
        let actorIDs = Set(entities.filter { $0.label.hasPrefix("actors[") }.map(\.entity.id))
        for e in entities {
            for actor in e.entity.actors where !actorIDs.contains(actor) || actor == e.entity.id {
                add(
                    ConfigError(
                        file: file, entry: e.label, key: "actors", line: (e.node["actors"] ?? e.node).line,
                        problem: "unknown actor '\(actor)' (not an id under actors)"), file: file)
            }
        }
    }

    /// `digests.yaml`, when present: each digest, and the campaigns, actors and sources it names.
    mutating func digests(_ known: KnownIDs) {
        let file = path("digests.yaml")
        guard FileManager.default.fileExists(atPath: file), let root = parse(file) else { return }
        // An email digest needs the smtp section: each digest is decoded beside it when it is sound.
        var keep: [String] = []
        var smtpBroken = false
        if let smtp = root["smtp"], case .map(_, let line) = root {
            let alone = ConfigNode.map([("smtp", smtp)], line: line)
            if (try? DigestsConfig.decode(alone, file: file)) != nil { keep = ["smtp"] } else { smtpBroken = true }
        }
        let decoded = entries(root, section: "digests", keep: keep, file: file) {
            try DigestsConfig.decode($0, file: file)
        }
        if smtpBroken { // reported once, as the smtp section's own error
            result.errors.removeAll { $0.file == file && $0.problem == "an email digest needs the smtp section" }
        }
        let digests = decoded.compactMap { d in d.value.digests.first.map { (d.index, d.node, $0) } }
        duplicates(digests.map { ("digests[\($0.0)] (\($0.2.id))", $0.2.id, $0.1) }, file: file)
        for (index, node, d) in digests {
            let entry = "digests[\(index)] (\(d.id))"
            func check(_ key: String, _ ids: [String], _ known: [String], _ what: String) {
                for id in ids where !known.contains(id) {
                    add(
                        ConfigError(
                            file: file, entry: entry, key: key, line: (node[key] ?? node).line,
                            problem: "unknown \(what) '\(id)' (known: \(known.joined(separator: ", ")))"),
                        file: file)
                }
            }
            if known.hasWatchlist {
                if case .only(let ids) = d.campaigns { check("campaigns", ids, known.campaigns, "campaign") }
                check("actors", d.actors, known.actors, "actor")
            }
            if case .only(let ids) = d.sources { check("sources", ids, known.sources, "source") }
        }
        result.files.append("digests.yaml: \(digests.count) digests")
    }
}
