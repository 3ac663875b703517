import Foundation

extension Watchlist {
    static let actorKeys: Set<String> = [
        "id", "name", "kind", "aliases", "case_sensitive", "exclude",
        "references", "all", "within", "actors", "domains", "stix_id", "source",
    ]
    static let campaignKeys: Set<String> = [
        "id", "name", "aliases", "case_sensitive", "exclude",
        "references", "all", "within", "first_seen", "actors", "domains", "stix_id", "source",
    ]

    /// Decodes and validates one actor or campaign entry.
    static func decodeEntity(_ e: ConfigEntry, campaign: Bool) throws -> WatchEntity {
        guard e.node.pairs != nil else { throw e.error(nil, "expected a mapping of keys") }
        try e.requireMap(allowed: campaign ? campaignKeys : actorKeys)
        let id = try e.string("id")
        guard SourcesFile.isIdentifier(id) else { throw e.error("id", "ids are made of a-z, 0-9 and '-', got '\(id)'") }
        var entity = WatchEntity(id: id, name: try e.string("name"))
        if !campaign {
            let raw = try e.string("kind")
            guard let kind = WatchEntity.Kind(rawValue: raw) else {
                throw e.error(
                    "kind",
                    "unknown kind '\(raw)' (known: \(WatchEntity.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            entity.kind = kind
        }
        entity.aliases = try terms(e, "aliases", allowExact: false)
        entity.caseSensitive = try terms(e, "case_sensitive", allowExact: false)
        entity.exclude = try terms(e, "exclude", allowExact: false)
        entity.references = try e.strings("references") ?? []
        for ref in entity.references where !SourcesFile.isHTTPURL(ref) {
            throw e.error("references", "expected http(s) URLs, got '\(ref)'")
        }
        entity.all = try groups(e)
        if let raw = try e.optionalString("within") {
            guard let n = Int(raw), n > 0 else {
                throw e.error("within", "expected a positive number of words, got '\(raw)'")
            }
            guard !entity.all.isEmpty else { throw e.error("within", "'within' needs 'all' groups") }
            entity.within = n
        }
        if campaign {
            if let seen = try e.optionalString("first_seen") {
                guard isPartialDate(seen) else {
                    throw e.error("first_seen", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '\(seen)'")
                }
                entity.firstSeen = seen
            }
        }
        entity.actors = try e.strings("actors") ?? []
        entity.domains = try domains(e)
        entity.stixID = try stixID(e, campaign: campaign)
        entity.source = try source(e)
        if entity.aliases.isEmpty && entity.caseSensitive.isEmpty && entity.all.isEmpty && entity.domains.isEmpty {
            throw e.error("aliases", "no aliases, case_sensitive, all or domains: this entry could never be linked")
        }
        return entity
    }

    /// `domains`: host names (Unicode or punycode), each usable as a host, duplicates dropped.
    static func domains(_ e: ConfigEntry) throws -> [String] {
        var out: [String] = []
        var keys = Set<String>()
        for raw in try e.strings("domains") ?? [] {
            guard let key = DomainName.ascii(raw), key.contains(".") else {
                throw e.error("domains", "'\(raw)' is not a domain name (expected a host such as example.org)")
            }
            if keys.insert(key).inserted { out.append(raw.trimmingCharacters(in: .whitespaces)) }
        }
        return out
    }

    /// `stix_id`: `campaign--<uuid>` for campaigns; `intrusion-set--`, `threat-actor--` or `identity--` for actors.
    static func stixID(_ e: ConfigEntry, campaign: Bool) throws -> String? {
        guard let raw = try e.optionalString("stix_id") else { return nil }
        let types = campaign ? ["campaign"] : ["intrusion-set", "threat-actor", "identity"]
        let parts = raw.components(separatedBy: "--")
        guard parts.count == 2, types.contains(parts[0]), UUIDText.isUUID(parts[1]) else {
            throw e.error(
                "stix_id", "expected \(types.map { "\($0)--<uuid>" }.joined(separator: " or ")), got '\(raw)'")
        }
        return raw
    }

    /// `source: {report, published, url}`.
    static func source(_ e: ConfigEntry) throws -> WatchSource? {
        guard let node = e.node["source"], !node.isNull else { return nil }
        let s = ConfigEntry(file: e.file, entry: (e.entry ?? "") + ": source", node: node)
        try s.requireMap(allowed: ["report", "published", "url"])
        let out = WatchSource(
            report: try s.string("report"), published: try s.optionalString("published"),
            url: try s.optionalString("url"))
        if let p = out.published, !isPartialDate(String(p.prefix(10))) {
            throw s.error("published", "expected a date YYYY-MM-DD, got '\(p)'")
        }
        if let u = out.url, !SourcesFile.isHTTPURL(u) { throw s.error("url", "expected an http(s) URL, got '\(u)'") }
        return out
    }

    /// Whether an alias can be matched: not empty, with a letter or digit, `*` only at the end, no leading `=`.
    public static func isUsableAlias(_ raw: String) -> Bool {
        guard !raw.hasPrefix("="), !raw.dropLast().contains("*") else { return false }
        return raw.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// A list of match terms: none empty, each with a letter or digit, `*` only at the end.
    static func terms(_ e: ConfigEntry, _ key: String, allowExact: Bool) throws -> [String] {
        guard let list = try e.strings(key) else { return [] }
        var out: [String] = []
        for raw in list {
            try checkTerm(raw, e, key, allowExact: allowExact)
            if !out.contains(raw) { out.append(raw) }
        }
        return out
    }

    static func checkTerm(_ raw: String, _ e: ConfigEntry, _ key: String, allowExact: Bool) throws {
        if raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw e.error(key, "empty alias") }
        var body = Substring(raw)
        if body.hasPrefix("=") {
            guard allowExact else {
                throw e.error(
                    key,
                    "'\(raw)': a leading '=' (exact case) is for 'all' group terms; list exact-case aliases under case_sensitive"
                )
            }
            body = body.dropFirst()
        }
        if body.dropLast().contains("*") { throw e.error(key, "'\(raw)': '*' is only allowed at the end (prefix)") }
        guard body.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        else {
            throw e.error(key, "'\(raw)' normalizes to nothing (no letter or digit)")
        }
    }

    /// `all`: a non-empty list of non-empty lists of terms.
    static func groups(_ e: ConfigEntry) throws -> [[String]] {
        guard let node = e.node["all"], !node.isNull else { return [] }
        guard let items = node.list, !items.isEmpty else {
            throw e.error("all", "expected a list of groups (lists of terms)")
        }
        return try items.enumerated().map { index, group in
            guard let terms = group.list, !terms.isEmpty else {
                throw e.error("all", "group \(index + 1) is malformed: expected a non-empty list of terms")
            }
            return try terms.map { term in
                guard let s = term.string else {
                    throw e.error(
                        "all", "group \(index + 1) is malformed: expected single terms, not nested lists or maps")
                }
                try checkTerm(s, e, "all", allowExact: true)
                return s
            }
        }
    }

    static func isPartialDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
        return parts.allSatisfy { p in !p.isEmpty && p.count <= 4 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber)
        }
            && parts.dropFirst().allSatisfy { $0.count == 2 }
    }
}
