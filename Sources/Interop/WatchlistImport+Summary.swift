import VeilleCore

extension WatchlistImport.Plan {
    /// What the import adds to the merged watchlist, one line per entry it creates or extends.
    public var summary: [String] {
        var lines: [String] = []
        for (section, old, new) in [
            ("actor", before.actors, after.actors), ("campaign", before.campaigns, after.campaigns),
        ] {
            let previous = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for e in new {
                guard let p = previous[e.id] else {
                    var parts = ["\(e.aliases.count + e.caseSensitive.count) alias(es)"]
                    if !e.domains.isEmpty { parts.append("\(e.domains.count) domain(s)") }
                    if !e.actors.isEmpty { parts.append("actors \(e.actors.joined(separator: ", "))") }
                    lines.append("+ \(section) \(e.id) (\(e.name)): " + parts.joined(separator: ", "))
                    continue
                }
                var parts: [String] = []
                let aliases = (e.aliases + e.caseSensitive).filter { !(p.aliases + p.caseSensitive).contains($0) }
                if !aliases.isEmpty { parts.append("aliases " + aliases.joined(separator: ", ")) }
                let domains = e.domains.count - p.domains.count
                if domains > 0 { parts.append("\(domains) domain(s)") }
                let actors = e.actors.filter { !p.actors.contains($0) }
                if !actors.isEmpty { parts.append("actors " + actors.joined(separator: ", ")) }
                if p.stixID == nil, let s = e.stixID { parts.append("stix_id \(s)") }
                if !parts.isEmpty { lines.append("~ \(section) \(e.id): adds " + parts.joined(separator: "; ")) }
            }
        }
        return lines
    }
}
