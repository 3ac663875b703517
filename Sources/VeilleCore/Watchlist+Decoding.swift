import Foundation

extension Watchlist {
    static let actorKeys: Set<String> = [
        "id", "name", "kind", "aliases", "case_sensitive", "exclude",
        "references", "all", "within",
    ]
    static let campaignKeys: Set<String> = [
        "id", "name", "aliases", "case_sensitive", "exclude",
        "references", "all", "within", "first_seen", "actors",
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
            entity.actors = try e.strings("actors") ?? []
        }
        if entity.aliases.isEmpty && entity.caseSensitive.isEmpty && entity.all.isEmpty {
            throw e.error("aliases", "no aliases, case_sensitive or all: this entry could never be linked")
        }
        return entity
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
