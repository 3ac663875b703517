import VeilleCore

/// Links items to the campaigns and actors whose `domains:` their URL or the links in their text point to.
///
/// Built once per watchlist: a hash table from each listed domain's ASCII form (IDN labels in punycode) to
/// the entities listing it. Per link, the host and each parent suffix are looked up (`a.b.example.org`,
/// `b.example.org`, `example.org`, `org`), so subdomains match and a lookalike that merely contains a listed
/// name (`rrussianews.com.evil`, `notrrussianews.com`) does not. The text is scanned once for `http://`,
/// `https://` and `www.` links. Immutable, so safe to share.
public struct DomainMatcher: Sendable {
    /// One listing of a domain by an entity.
    struct Listing: Sendable {
        var entityID: String
        var kind: EntityMatch.EntityKind
        /// The domain as the watchlist writes it (the evidence's `alias`).
        var written: String
    }

    let table: [String: [Listing]]

    /// The table of `watchlist`'s domains (unusable names were refused by the loader and are skipped).
    public init(_ watchlist: Watchlist) {
        var table: [String: [Listing]] = [:]
        let all =
            watchlist.actors.map { ($0, EntityMatch.EntityKind.actor) }
            + watchlist.campaigns.map { ($0, EntityMatch.EntityKind.campaign) }
        for (e, kind) in all {
            for d in e.domains {
                guard let key = DomainName.ascii(d) else { continue }
                if table[key]?.contains(where: { $0.entityID == e.id }) == true { continue }
                table[key, default: []].append(Listing(entityID: e.id, kind: kind, written: d))
            }
        }
        self.table = table
    }

    /// Whether no entity lists a domain (matching then costs nothing).
    public var isEmpty: Bool { table.isEmpty }

    /// Number of listed domains.
    public var count: Int { table.count }

    /// The entities listing `host` or one of its parent domains, with the listed domain.
    ///
    /// - Parameter host: a host name, Unicode or punycode, any case.
    /// - Returns: (entity id, listed domain as written), nearest listing first.
    public func listings(host: String) -> [(entityID: String, domain: String)] {
        lookup(host).map { ($0.entityID, $0.written) }
    }

    func lookup(_ host: String) -> [Listing] {
        guard !table.isEmpty, let ascii = DomainName.ascii(host) else { return [] }
        var out: [Listing] = []
        var rest = Substring(ascii)
        while true {
            if let hit = table[String(rest)] { out += hit }
            guard let dot = rest.firstIndex(of: ".") else { break }
            rest = rest[rest.index(after: dot)...]
        }
        return out
    }

    /// The matches of one item: its URL and canonical URL (`field: url`), then the links in its text
    /// (`field: link`, with offsets and a snippet), each listed entity once per link.
    ///
    /// - Parameters:
    ///   - url: the item's URL.
    ///   - canonicalURL: its canonical URL, when it differs.
    ///   - text: its stored text.
    /// - Returns: the matches, URL first, then links by position.
    public func match(url: String?, canonicalURL: String?, text: String?) -> [EntityMatch] {
        guard !table.isEmpty else { return [] }
        var out: [EntityMatch] = []
        var seen = Set<String>()
        for u in [url, canonicalURL].compactMap({ $0 }) {
            let bytes = Array(u.utf8)
            guard let host = LinkScanner.host(bytes[...]) else { continue }
            for l in lookup(host) where seen.insert(l.entityID + " " + u).inserted {
                out.append(
                    EntityMatch(
                        entityID: l.entityID, entityKind: l.kind, alias: l.written, found: u, field: .url, start: 0,
                        end: bytes.count, snippet: u, rule: .alias))
            }
        }
        guard let text, !text.isEmpty else { return out }
        return out + linkMatches(Array(text.utf8))
    }

    /// The `link` matches of a text's UTF-8 bytes (see ``match(url:canonicalURL:text:)``).
    func linkMatches(_ bytes: [UInt8]) -> [EntityMatch] {
        var out: [EntityMatch] = []
        for link in LinkScanner.links(bytes) {
            let found = String(decoding: bytes[link.span], as: UTF8.self)
            for l in lookup(link.host) {
                out.append(
                    EntityMatch(
                        entityID: l.entityID, entityKind: l.kind, alias: l.written, found: found, field: .link,
                        start: link.span.lowerBound, end: link.span.upperBound,
                        snippet: bytes.withUnsafeBufferPointer { Snippet.make($0, span: link.span) }, rule: .alias))
            }
        }
        return out
    }
}
