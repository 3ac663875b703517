import Foundation
import VeilleCore

/// One object of a STIX 2.1 bundle, reduced to the properties veille reads.
///
/// Mirrors the STIX 2.1 specification's common and per-type properties
/// (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html); everything else stays in
/// ``propertyNames`` so that custom (`x_…`) properties can be reported.
public struct STIXObject: Sendable, Equatable {
    /// `type` (`campaign`, `domain-name`, `channel`…).
    public var type: String
    /// `id` (`campaign--<uuid>`).
    public var id: String
    /// `name` (SDOs).
    public var name: String?
    /// `aliases` (campaign, intrusion-set, threat-actor).
    public var aliases: [String] = []
    /// `threat_actor_types`.
    public var threatActorTypes: [String] = []
    /// `value` (domain-name, url and other SCOs).
    public var value: String?
    /// `relationship_type`, `source_ref`, `target_ref` (relationship).
    public var relationshipType: String?
    public var sourceRef: String?
    public var targetRef: String?
    /// `published` (report).
    public var published: String?
    /// `created` and `modified`.
    public var created: String?
    public var modified: String?
    /// `revoked`.
    public var revoked = false
    /// The `url` of each `external_references` entry that has one, in order.
    public var externalURLs: [String] = []
    /// `object_refs` (report, note, grouping).
    public var objectRefs: [String] = []
    /// Every property name, for the report of custom ones.
    public var propertyNames: [String] = []

    /// An object with its type and id.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// Reads an object from its JSON dictionary; nil when it has no string `type` and `id`.
    init?(_ dict: [String: Any]) {
        guard let type = dict["type"] as? String, let id = dict["id"] as? String else { return nil }
        self.init(type: type, id: id)
        name = (dict["name"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
        aliases = Self.strings(dict["aliases"])
        threatActorTypes = Self.strings(dict["threat_actor_types"])
        value = (dict["value"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
        relationshipType = dict["relationship_type"] as? String
        sourceRef = dict["source_ref"] as? String
        targetRef = dict["target_ref"] as? String
        published = dict["published"] as? String
        created = dict["created"] as? String
        modified = dict["modified"] as? String
        revoked = (dict["revoked"] as? Bool) ?? false
        externalURLs = ((dict["external_references"] as? [Any]) ?? []).compactMap {
            ($0 as? [String: Any])?["url"] as? String
        }
        objectRefs = Self.strings(dict["object_refs"])
        propertyNames = dict.keys.sorted()
    }

    static func strings(_ any: Any?) -> [String] {
        ((any as? [Any]) ?? []).compactMap { $0 as? String }
    }

    /// Whether `id` has the STIX form `<type>--<uuid>` with this object's type.
    public var hasWellFormedID: Bool {
        id.hasPrefix(type + "--") && UUIDText.isUUID(String(id.dropFirst(type.count + 2)))
    }
}
