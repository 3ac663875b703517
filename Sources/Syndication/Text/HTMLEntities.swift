import Markup

/// HTML 4's named character references, plus `apos`: the names feeds use in escaped markup and the
/// names libxml2 leaves as unexpanded references when a feed uses them without a DTD (`&eacute;`).
///
/// The table is Markup's ``HTMLEntityTable/html4``, the one the HTML parser decodes (the same 252 names
/// as Python's `html.entities.name2codepoint`, plus `apos`).
enum HTMLEntities {
    /// Code point by entity name (case-sensitive, as in HTML).
    static let codePoints: [String: UInt32] = Dictionary(uniqueKeysWithValues: HTMLEntityTable.html4)

    /// The character a named reference stands for, nil when the name is unknown.
    static func character(_ name: String) -> String? {
        guard let cp = codePoints[name], let scalar = Unicode.Scalar(cp) else { return nil }
        return String(Character(scalar))
    }
}
