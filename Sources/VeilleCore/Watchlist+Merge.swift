import Foundation

extension Watchlist {
    /// This watchlist with the entries of an imported file merged in.
    ///
    /// An entry of `other` with the id or the STIX id of an entry already here (same section) extends it:
    /// what the earlier entry sets wins (name, kind, `first_seen`, `within`, `all`, `stix_id`, `source`),
    /// list keys are joined, earlier values first (aliases, exact-case aliases, exclusions, references,
    /// actors, domains). So the hand-written `watchlist.yaml`, read first, wins for what it sets and keeps its
    /// aliases, and an import adds the others. Any other entry is appended. References to an entry merged
    /// under another id (matched by STIX id) follow it.
    ///
    /// - Parameters:
    ///   - other: the decoded imported file.
    ///   - file: its name, for errors.
    /// - Returns: the merged watchlist (references not checked: see ``checkReferences(file:)``).
    /// - Throws: ``ConfigError`` when an id names an actor here and a campaign there, or the reverse.
    public func merging(_ other: Watchlist, file: String) throws -> Watchlist {
        var out = self
        var renamed: [String: String] = [:]
        let sections: [(WritableKeyPath<Watchlist, [WatchEntity]>, [WatchEntity], String)] = [
            (\.actors, other.actors, "actors"), (\.campaigns, other.campaigns, "campaigns"),
        ]
        for (path, incoming, section) in sections {
            let otherPath: KeyPath<Watchlist, [WatchEntity]> = section == "actors" ? \.campaigns : \.actors
            for (index, e) in incoming.enumerated() {
                let target =
                    e.stixID.flatMap { sid in out[keyPath: path].firstIndex { $0.stixID == sid } }
                    ?? out[keyPath: path].firstIndex { $0.id == e.id }
                if let t = target {
                    if out[keyPath: path][t].id != e.id { renamed[e.id] = out[keyPath: path][t].id }
                    out[keyPath: path][t].absorb(e)
                } else if out[keyPath: otherPath].contains(where: { $0.id == e.id }) {
                    throw ConfigError(
                        file: file, entry: "\(section)[\(index)] (\(e.id))", key: "id",
                        problem: "id '\(e.id)' is already used by an entry of the other section in an earlier file")
                } else {
                    out[keyPath: path].append(e)
                }
            }
        }
        if !renamed.isEmpty {
            for path in [\Watchlist.actors, \Watchlist.campaigns] {
                for i in out[keyPath: path].indices {
                    out[keyPath: path][i].actors = Self.unique(out[keyPath: path][i].actors.map { renamed[$0] ?? $0 })
                }
            }
        }
        return out
    }

    /// Checks that every `actors` id of the merged watchlist names another actor.
    ///
    /// - Throws: ``ConfigError`` naming `file`, the entry and the unknown id.
    public func checkReferences(file: String) throws {
        let actorIDs = Set(actors.map(\.id))
        for (section, list) in [("actors", actors), ("campaigns", campaigns)] {
            for (index, e) in list.enumerated() {
                for a in e.actors where !actorIDs.contains(a) || a == e.id {
                    throw ConfigError(
                        file: file, entry: "\(section)[\(index)] (\(e.id))", key: "actors",
                        problem: "unknown actor '\(a)' (not an id under actors, after merging watchlist.d)")
                }
            }
        }
    }

    /// The entry with this id, actor or campaign.
    public func entity(id: String) -> WatchEntity? {
        actors.first { $0.id == id } ?? campaigns.first { $0.id == id }
    }

    /// `list` without repeats, first occurrences kept in order.
    public static func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}

extension WatchEntity {
    /// Takes from `other` what this entry does not set, and joins the list keys (this entry's first).
    mutating func absorb(_ other: WatchEntity) {
        kind = kind ?? other.kind
        aliases = Watchlist.unique(aliases + other.aliases)
        caseSensitive = Watchlist.unique(caseSensitive + other.caseSensitive)
        exclude = Watchlist.unique(exclude + other.exclude)
        references = Watchlist.unique(references + other.references)
        if all.isEmpty {
            all = other.all
            within = other.within
        }
        firstSeen = firstSeen ?? other.firstSeen
        actors = Watchlist.unique(actors + other.actors)
        var keys = Set(domains.compactMap(DomainName.ascii))
        domains += other.domains.filter { DomainName.ascii($0).map { keys.insert($0).inserted } ?? false }
        stixID = stixID ?? other.stixID
        source = source ?? other.source
    }
}
