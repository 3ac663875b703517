extension Watchlist {
    /// A stable hash of the watchlist's normalized content (hex SHA-256, 64 characters).
    ///
    /// Entities are taken in id order and set-like lists (aliases, exclusions, group terms, actors) sorted,
    /// so reordering or reformatting the YAML keeps the hash; any change to what can be linked changes it.
    /// Stored with each match so that `veille rematch` knows which links came from an older watchlist.
    public var versionHash: String {
        var canon = "veille-watchlist-v1\n"
        for e in (actors + campaigns).sorted(by: { $0.id < $1.id }) {
            canon += "id=\(e.id)\nname=\(e.name)\nkind=\(e.kind?.rawValue ?? "-")\n"
            canon += "aliases=\(e.aliases.sorted())\ncase=\(e.caseSensitive.sorted())\nexclude=\(e.exclude.sorted())\n"
            canon += "all=\(e.all.map { $0.sorted() })\nwithin=\(e.within.map(String.init) ?? "-")\n"
            canon += "first=\(e.firstSeen ?? "-")\nactors=\(e.actors.sorted())\nrefs=\(e.references.sorted())\n"
            if !e.domains.isEmpty { // only when set, so that watchlists without domains keep their hash
                canon += "domains=\(e.domains.compactMap(DomainName.ascii).sorted())\n"
            }
        }
        return SHA256.hex(Array(canon.utf8))
    }
}
