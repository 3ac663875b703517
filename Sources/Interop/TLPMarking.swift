import VeilleCore

/// The Traffic Light Protocol marking definitions exactly as the STIX 2.1 specification defines them (§7.2.1.4).
///
/// Only these four: the official validator knows no other TLP marking. TLP:WHITE is what TLP 2.0 calls CLEAR.
public enum TLPMarking: String, Sendable, CaseIterable {
    case white, green, amber, red

    /// The specification's fixed id for this level.
    public var id: String {
        switch self {
        case .white: return "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
        case .green: return "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
        case .amber: return "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
        case .red: return "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
        }
    }

    /// The marking-definition object, property for property as in the specification.
    public var object: JSONValue {
        .object([
            ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(id)),
            ("created", .string("2017-01-20T00:00:00.000Z")), ("definition_type", .string("tlp")),
            ("name", .string("TLP:" + rawValue.uppercased())), ("definition", .object([("tlp", .string(rawValue))])),
        ])
    }
}
