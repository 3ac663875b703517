import VeilleCore

/// Turns a STIX 2.1 bundle into watchlist entries.
///
/// 1. Every `campaign` becomes a campaign; every `intrusion-set` (kind `organisation`) and `threat-actor`
///    (kind `state` when `threat_actor_types` says `nation-state`, else `organisation`) an actor.
/// 2. `name` and `aliases` become aliases; an all-capitals name of at most four letters (`BIG`, `RRN`) an
///    exact-case alias, so that it never matches the English word.
/// 3. Ids are slugs of the names; when objects of different types share one, the campaign keeps it and the
///    others take a suffix (`rrn`, `rrn-actor`).
/// 4. `attributed-to` and `related-to` relationships between a campaign and an actor make the campaign's
///    actors; `attributed-to` from an actor to another the first actor's.
/// 5. `domain-name` objects (and `url` objects whose value is a bare host) related to a campaign directly,
///    or through one intrusion set, identity or channel related to it, become the campaign's domains;
///    only `belongs-to`, `related-to`, `uses` and `publishes` relationships count.
/// Each entry keeps its `stix_id` and the bundle report's name, date and first external reference.
public struct STIXImportAdapter: Sendable {
    /// Relationship types followed to find a campaign's domains.
    static let domainEdges: Set<String> = ["belongs-to", "related-to", "uses", "publishes"]
    /// Object types through which a domain is reached in one hop (reason: these are the campaign's own
    /// infrastructure or operators in VIGINUM's bundles; attack patterns and locations are not).
    static let hopTypes: Set<String> = ["intrusion-set", "identity", "channel"]
    /// Suffixes added to an id shared by objects of different types.
    static let suffixes = ["campaign": "campaign", "intrusion-set": "intrusion-set", "threat-actor": "actor"]

    /// Ids already used in the watchlist the entries will be merged into, with their section and STIX id:
    /// an id used by the other section is suffixed like a clash inside the bundle.
    public var taken: [String: (campaign: Bool, stixID: String?)]

    /// An adapter that avoids the ids of `existing` except where they name the same object.
    public init(existing: Watchlist = Watchlist(actors: [], campaigns: [])) {
        var taken: [String: (campaign: Bool, stixID: String?)] = [:]
        for a in existing.actors { taken[a.id] = (false, a.stixID) }
        for c in existing.campaigns { taken[c.id] = (true, c.stixID) }
        self.taken = taken
    }

    /// The entries of a bundle.
    ///
    /// - Parameters:
    ///   - bundle: the read bundle.
    ///   - input: the file's path, for the generated file's name and the warnings.
    /// - Returns: the entries, campaigns and actors in id order, with the warnings.
    public func adapt(_ bundle: STIXBundleDocument, input: String) -> ImportedEntries {
        var warnings = bundle.warnings
        let file = input.split(separator: "/").last.map(String.init) ?? input
        var byID: [String: STIXObject] = [:]
        var custom: [String: (count: Int, first: String)] = [:]
        var customProperties = 0
        for o in bundle.objects {
            if byID[o.id] != nil { warnings.append("\(file): \(o.id): duplicate id, the first object kept") }
            if byID[o.id] == nil { byID[o.id] = o }
            if !STIXBundleDocument.specTypes.contains(o.type) {
                custom[o.type, default: (0, o.id)].count += 1
            }
            if o.propertyNames.contains(where: { $0.hasPrefix("x_") }) { customProperties += 1 }
        }
        for (type, c) in custom.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                "\(file): \(c.first): type '\(type)' is not STIX 2.1 (OpenCTI or custom): \(c.count) object(s) "
                    + "not imported, only followed to reach domains")
        }
        if customProperties > 0 {
            warnings.append(
                "\(file): custom properties (x_opencti_* and other x_…) on \(customProperties) object(s) ignored")
        }
        let source = Self.source(bundle.objects)
        var entities: [(object: STIXObject, entity: WatchEntity)] = []
        for o in bundle.objects where ["campaign", "intrusion-set", "threat-actor"].contains(o.type) && byID[o.id] == o
        {
            if o.revoked {
                warnings.append("\(file): \(o.id): revoked, skipped")
                continue
            }
            if !o.hasWellFormedID { warnings.append("\(file): \(o.id): id is not <type>--<uuid>, stix_id not kept") }
            guard let e = entity(o, source: source, file: file, warnings: &warnings) else { continue }
            entities.append((o, e))
        }
        assignIDs(&entities)
        let idOf = Dictionary(entities.map { ($0.object.id, $0.entity.id) }, uniquingKeysWith: { a, _ in a })
        var relations: [(String, String, String)] = [] // (type, source, target)
        var neighbours: [String: [String]] = [:]
        for r in bundle.objects where r.type == "relationship" {
            guard let s = r.sourceRef, let t = r.targetRef, let kind = r.relationshipType else {
                warnings.append("\(file): \(r.id): relationship without source_ref, target_ref or type, skipped")
                continue
            }
            guard byID[s] != nil, byID[t] != nil else {
                let missing = byID[s] == nil ? s : t
                warnings.append("\(file): \(r.id): dangling reference to \(missing), skipped")
                continue
            }
            relations.append((kind, s, t))
            if Self.domainEdges.contains(kind) {
                neighbours[s, default: []].append(t)
                neighbours[t, default: []].append(s)
            }
        }
        for (kind, s, t) in relations where kind == "attributed-to" || kind == "related-to" {
            guard let si = entities.firstIndex(where: { $0.object.id == s }), let ti = idOf[t],
                let target = byID[t]
            else { continue }
            let sourceIsCampaign = byID[s]?.type == "campaign"
            if sourceIsCampaign, target.type != "campaign" {
                entities[si].entity.actors.append(ti)
            } else if !sourceIsCampaign, target.type == "campaign",
                let ci = entities.firstIndex(where: { $0.object.id == t })
            {
                entities[ci].entity.actors.append(entities[si].entity.id)
            } else if !sourceIsCampaign, target.type != "campaign", kind == "attributed-to",
                ti != entities[si].entity.id
            {
                entities[si].entity.actors.append(ti)
            }
        }
        for i in entities.indices {
            entities[i].entity.actors = unique(entities[i].entity.actors)
            guard entities[i].object.type == "campaign" else { continue }
            entities[i].entity.domains = domains(
                of: entities[i].object.id, byID, neighbours, file: file, warnings: &warnings)
        }
        let all = entities.map(\.entity)
        return ImportedEntries(
            name: ImportedEntries.baseName(of: input), input: input, format: "STIX 2.1 bundle",
            actors: all.filter { $0.kind != nil }.sorted { $0.id < $1.id },
            campaigns: all.filter { $0.kind == nil }.sorted { $0.id < $1.id }, warnings: unique(warnings))
    }

    /// One entity from a campaign, intrusion set or threat actor; nil (with a warning) when none of its
    /// names can be matched.
    func entity(_ o: STIXObject, source: WatchSource?, file: String, warnings: inout [String]) -> WatchEntity? {
        let name = o.name ?? ""
        var e = WatchEntity(id: "", name: name.isEmpty ? o.id : name)
        switch o.type {
        case "campaign": e.kind = nil
        case "threat-actor": e.kind = o.threatActorTypes.contains("nation-state") ? .state : .organisation
        default: e.kind = .organisation
        }
        for alias in unique([name] + o.aliases) where !alias.isEmpty {
            guard Watchlist.isUsableAlias(alias) else {
                let why =
                    alias.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                    ? "has a leading '=' or an inner '*' (watchlist syntax)" : "normalizes to nothing"
                warnings.append("\(file): \(o.id) ('\(name)'): alias '\(alias)' \(why), skipped")
                continue
            }
            if Self.isShortAcronym(alias) { e.caseSensitive.append(alias) } else { e.aliases.append(alias) }
        }
        guard !e.aliases.isEmpty || !e.caseSensitive.isEmpty else {
            warnings.append("\(file): \(o.id) ('\(name)'): no name or alias that can be matched, skipped")
            return nil
        }
        e.stixID = o.hasWellFormedID ? o.id : nil
        e.source = source
        return e
    }

    /// Slugs of the names; the campaign keeps a shared slug, other types take their suffix, then `-2`, `-3`…
    func assignIDs(_ entities: inout [(object: STIXObject, entity: WatchEntity)]) {
        let order = ["campaign": 0, "intrusion-set": 1, "threat-actor": 2]
        let indices = entities.indices.sorted {
            (order[entities[$0].object.type] ?? 3) < (order[entities[$1].object.type] ?? 3)
        }
        var used: [String: String] = [:] // id → type
        for i in indices {
            let o = entities[i].object
            let campaign = o.type == "campaign"
            var base = Slug.make(entities[i].entity.name)
            if base.isEmpty { base = o.type + "-" + String(o.id.split(separator: "-").last?.prefix(8) ?? "x") }
            var id = base
            let clashes: (String) -> Bool = { id in
                if used[id] != nil { return true }
                if let other = self.taken[id] { return other.campaign != campaign && other.stixID != o.id }
                return false
            }
            if clashes(id) { id = base + "-" + (Self.suffixes[o.type] ?? o.type) }
            var n = 2
            while clashes(id) {
                id = base + "-" + (Self.suffixes[o.type] ?? o.type) + "-\(n)"
                n += 1
            }
            used[id] = o.type
            entities[i].entity.id = id
        }
    }

    /// The campaign's domains: direct neighbours and neighbours of its intrusion sets, identities and channels.
    func domains(
        of campaign: String, _ byID: [String: STIXObject], _ neighbours: [String: [String]], file: String,
        warnings: inout [String]
    ) -> [String] {
        var found = Set<String>()
        var hops: [String] = []
        for n in neighbours[campaign] ?? [] {
            if let d = domainValue(byID[n]) { found.insert(d) }
            if let t = byID[n]?.type, Self.hopTypes.contains(t) { hops.append(n) }
        }
        for h in hops {
            for n in neighbours[h] ?? [] { if let d = domainValue(byID[n]) { found.insert(d) } }
        }
        return found.sorted()
    }

    /// A `domain-name`'s value, or a `url`'s when it is a bare host; lower case, defanging undone.
    func domainValue(_ o: STIXObject?) -> String? {
        guard let o, o.type == "domain-name" || o.type == "url", let raw = o.value else { return nil }
        let v = DomainName.refang(raw).lowercased()
        guard !v.contains("/"), !v.contains(":"), !v.contains(" "), let ascii = DomainName.ascii(v), ascii.contains(".")
        else { return nil }
        return v
    }

    /// The bundle's first report: name, publication date and first external reference URL.
    static func source(_ objects: [STIXObject]) -> WatchSource? {
        guard let r = objects.first(where: { $0.type == "report" }), let name = r.name, !name.isEmpty else {
            return nil
        }
        let date = r.published.map { String($0.prefix(10)) }
        return WatchSource(
            report: name, published: date.flatMap { $0.count == 10 ? $0 : nil },
            url: r.externalURLs.first { $0.hasPrefix("https://") || $0.hasPrefix("http://") })
    }

    /// An all-capitals name of at most four letters (`BIG`, `RRN`): matched with its exact case only.
    static func isShortAcronym(_ s: String) -> Bool {
        (1...4).contains(s.count) && s.allSatisfy { $0.isLetter && $0.isUppercase }
    }

    func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}
