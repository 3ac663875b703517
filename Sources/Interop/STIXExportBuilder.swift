import Foundation
import Storage
import VeilleCore

/// Builds the STIX 2.1 bundle of `veille export stix`: what veille found, for a threat-intelligence platform.
///
/// 1. The TLP marking definition (the specification's own), and an `identity` for this installation.
/// 2. A `campaign`, `intrusion-set` or `threat-actor` per watchlist entry the items are linked to, reusing
///    an imported `stix_id` so that OpenCTI merges instead of duplicating; `attributed-to` relationships
///    between them, and a campaign's `domains` as `domain-name` objects `related-to` it.
/// 3. Per linked item a `report` (`report_types: ["threat-report"]`, `object_refs` to its entities, the
///    item URL as an external reference with the snapshot's SHA-256 when one is stored) and a `note` on
///    the report holding the evidence (and a Sénat question's ministry and answer).
/// Ids are UUIDv5 of stable keys (``STIXIdentifier``); `created` is when veille first saw the item and
/// `modified` when it last changed or was linked, so the same store gives the same bytes.
/// Spec: https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html.
public struct STIXExportBuilder: Sendable {
    /// `created` of objects that carry no time of their own (identity, entities without a report date).
    static let epoch = "2020-01-01T00:00:00.000Z"

    public var watchlist: Watchlist
    /// The installation's name (`contact` of `Feeds/sources.yaml`).
    public var contact: String
    public var tlp: TLPMarking

    public init(watchlist: Watchlist, contact: String, tlp: TLPMarking = .white) {
        self.watchlist = watchlist
        self.contact = contact
        self.tlp = tlp
    }

    /// The bundle for `items`.
    ///
    /// - Parameters:
    ///   - items: linked items (links to entries no longer in the watchlist are left out; an item left
    ///     with none is not exported).
    ///   - campaigns: when not empty, only items linked to one of these campaign ids.
    /// - Returns: the bundle as an ordered JSON value.
    public func bundle(items: [LinkedItem], campaigns: Set<String> = []) -> JSONValue {
        let identity = STIXIdentifier.make("identity", key: "identity:" + contact)
        var objects: [JSONValue] = [tlp.object]
        objects.append(
            .object(
                common("identity", identity, created: Self.epoch, modified: Self.epoch, creator: false) + [
                    ("name", .string(contact)), ("identity_class", .string("system")),
                ]))
        var involved: [String: String] = [:] // entity id → latest modified
        var reports: [JSONValue] = []
        for item in items {
            let links = item.links.filter { watchlist.entity(id: $0.entityID) != nil }
            guard !links.isEmpty else { continue }
            if !campaigns.isEmpty,
                !links.contains(where: { campaigns.contains($0.entityID) && $0.entityKind == "campaign" })
            {
                continue
            }
            let created = Self.time(item.firstSeenAt)
            let modified = Self.time(max(item.firstSeenAt, item.lastChangedAt))
            for l in links { involved[l.entityID] = max(involved[l.entityID] ?? Self.epoch, modified) }
            reports += report(item, links: links, created: created, modified: modified, identity: identity)
        }
        var entities: [JSONValue] = []
        var entityIDs: [String: String] = [:]
        let ordered = involved.keys.compactMap { watchlist.entity(id: $0) }.sorted { $0.id < $1.id }
        for e in ordered { entityIDs[e.id] = stixID(e) }
        for e in ordered {
            let created = e.source?.published.map { $0 + "T00:00:00.000Z" } ?? Self.epoch
            let modified = max(created, involved[e.id] ?? created)
            entities += entity(e, id: entityIDs[e.id] ?? "", created: created, modified: modified, identity: identity)
            for a in e.actors {
                guard let target = entityIDs[a] else { continue }
                let source = entityIDs[e.id] ?? ""
                entities.append(
                    relationship(
                        "attributed-to", source, target, created: created, modified: modified, identity: identity))
            }
            for d in e.domains where e.kind == nil {
                guard let ascii = DomainName.ascii(d) else { continue }
                let sco = STIXIdentifier.domainName(ascii)
                entities.append(
                    .object([
                        ("type", .string("domain-name")), ("spec_version", .string("2.1")), ("id", .string(sco)),
                        ("value", .string(ascii)), ("object_marking_refs", .array([.string(tlp.id)])),
                    ]))
                entities.append(
                    relationship(
                        "related-to", sco, entityIDs[e.id] ?? "", created: created, modified: modified,
                        identity: identity))
            }
        }
        var seen = Set<String>()
        var key = "bundle:" + tlp.id + ":" + contact
        objects += (entities + reports).filter { o in
            guard case .object(let pairs) = o, case .string(let id)? = pairs.first(where: { $0.0 == "id" })?.1 else {
                return true
            }
            guard seen.insert(id).inserted else { return false }
            // The bundle's id follows its objects' ids and versions (not a hash of 20 MB of text).
            key += "\n" + id
            if case .string(let m)? = pairs.first(where: { $0.0 == "modified" })?.1 { key += "@" + m }
            return true
        }
        return .object([
            ("type", .string("bundle")), ("id", .string(STIXIdentifier.make("bundle", key: key))),
            ("objects", .array(objects)),
        ])
    }

    /// The STIX id of an entry: its imported `stix_id`, else one derived from its id and type.
    func stixID(_ e: WatchEntity) -> String {
        if let s = e.stixID { return s }
        return STIXIdentifier.make(stixType(e), key: "entity:" + e.id)
    }

    /// `campaign` for campaigns; for actors the imported type, else `threat-actor` for states and persons,
    /// `intrusion-set` for the other kinds (organised sets of activity, in STIX terms).
    func stixType(_ e: WatchEntity) -> String {
        if let s = e.stixID, let type = s.components(separatedBy: "--").first { return type }
        switch e.kind {
        case nil: return "campaign"
        case .state?, .person?: return "threat-actor"
        default: return "intrusion-set"
        }
    }

    func entity(_ e: WatchEntity, id: String, created: String, modified: String, identity: String) -> [JSONValue] {
        let type = stixType(e)
        var pairs = common(type, id, created: created, modified: modified) + [("name", .string(e.name))]
        let aliases = Watchlist.unique(e.aliases + e.caseSensitive).filter { $0 != e.name }
        if !aliases.isEmpty { pairs.append(("aliases", .array(aliases.map(JSONValue.string)))) }
        if type == "threat-actor" {
            pairs.append(("threat_actor_types", .array([.string(e.kind == .state ? "nation-state" : "unknown")])))
        }
        if !e.references.isEmpty {
            pairs.append(
                (
                    "external_references",
                    .array(e.references.map { .object([("source_name", .string("reference")), ("url", .string($0))]) })
                ))
        }
        return [.object(pairs)]
    }

    func relationship(
        _ type: String, _ source: String, _ target: String, created: String, modified: String, identity: String
    ) -> JSONValue {
        let id = STIXIdentifier.make("relationship", key: "relationship:\(type):\(source):\(target)")
        return .object(
            common("relationship", id, created: created, modified: modified) + [
                ("relationship_type", .string(type)), ("source_ref", .string(source)), ("target_ref", .string(target)),
            ])
    }

    /// The properties every veille SDO and SRO has, in one order.
    func common(_ type: String, _ id: String, created: String, modified: String, creator: Bool = true) -> [(
        String, JSONValue
    )] {
        var pairs: [(String, JSONValue)] = [
            ("type", .string(type)), ("spec_version", .string("2.1")), ("id", .string(id)),
            ("created", .string(created)), ("modified", .string(modified)),
        ]
        if creator {
            pairs.append(("created_by_ref", .string(STIXIdentifier.make("identity", key: "identity:" + contact))))
        }
        pairs.append(("object_marking_refs", .array([.string(tlp.id)])))
        return pairs
    }

    /// `YYYY-MM-DDTHH:MM:SS.000Z` (STIX timestamps; whole seconds, so equal inputs give equal text).
    static func time(_ d: Date) -> String {
        let iso = Timestamp.iso(Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)))
        return String(iso.dropLast()) + ".000Z"
    }
}
