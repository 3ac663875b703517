import Foundation
import VeilleCore

/// A STIX 2.1 bundle (`{"type": "bundle", "id": "bundle--…", "objects": […]}`), read leniently.
///
/// Spec: https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_gms872kuzdmg. What is not JSON or
/// not a bundle is an ``InteropError``; an object without a string `type` and `id` is skipped with a
/// warning naming its position, the rest is kept.
public struct STIXBundleDocument: Sendable {
    /// The bundle's `id`.
    public var id: String
    /// Its objects, in file order.
    public var objects: [STIXObject]
    /// Objects skipped while reading.
    public var warnings: [String]

    /// The types the STIX 2.1 specification defines (SDOs, SROs, SCOs, meta objects); any other type is
    /// custom or platform-specific (OpenCTI's `channel`, `narrative`, `media-content`, `text`, `event`).
    public static let specTypes: Set<String> = [
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
        "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
        "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting",
        "marking-definition", "language-content", "extension-definition", "artifact", "autonomous-system",
        "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr",
        "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key",
        "x509-certificate",
    ]

    /// Reads a bundle.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: its name, for errors and warnings.
    /// - Throws: ``InteropError/notJSON(file:reason:)`` or ``InteropError/notABundle(file:reason:)``.
    public init(data: Data, file: String) throws {
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw InteropError.notJSON(file: file, reason: Self.reason(error))
        }
        guard let top = any as? [String: Any] else {
            throw InteropError.notABundle(file: file, reason: "the top level is not a JSON object")
        }
        guard top["type"] as? String == "bundle" else {
            throw InteropError.notABundle(file: file, reason: "\"type\" is not \"bundle\"")
        }
        guard let list = top["objects"] as? [Any] else {
            throw InteropError.notABundle(file: file, reason: "no \"objects\" list")
        }
        id = top["id"] as? String ?? "bundle"
        objects = []
        warnings = []
        for (index, element) in list.enumerated() {
            guard let dict = element as? [String: Any], let object = STIXObject(dict) else {
                warnings.append("\(file): objects[\(index)]: skipped: not an object with a string type and id")
                continue
            }
            objects.append(object)
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo["NSDebugDescription"] as? String) ?? ns.localizedDescription
    }
}
