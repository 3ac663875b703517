import Foundation
import VeilleCore

/// Step 1 of the cascade, as data: per-domain selectors for the article body and for what to drop, read
/// from `Feeds/sites.yaml`.
///
/// ```yaml
/// sites:
///   - domain: lemonde.fr          # the host or any of its subdomains
///     body: ["#articleBody"]      # first selector that matches anything gives the body
///     drop: [".article__reactions"]
/// ```
public struct SiteRules: Sendable {
    /// The rules of one site.
    public struct Site: Sendable, Equatable {
        /// The registrable domain (`lemonde.fr`), lower-case.
        public var domain: String
        /// Selectors for the article body, tried in order.
        public var body: [SiteSelector]
        /// Selectors of blocks to drop wherever they are.
        public var drop: [SiteSelector]
    }

    /// Every site, in file order.
    public var sites: [Site]

    /// No rules: the scorer decides alone.
    public static let none = SiteRules(sites: [])

    /// Rules from sites.
    public init(sites: [Site]) { self.sites = sites }

    /// Reads `Feeds/sites.yaml`.
    ///
    /// - Throws: `ConfigError` naming the file, the entry and the key (unknown key, bad selector, duplicate domain).
    public static func load(path: String) throws -> SiteRules {
        try parse(ConfigNode.load(path: path), file: path)
    }

    /// Reads rules from YAML text (`file` names it in errors).
    public static func parse(yaml: String, file: String) throws -> SiteRules {
        try parse(ConfigNode.parse(yaml, file: file), file: file)
    }

    static func parse(_ root: ConfigNode, file: String) throws -> SiteRules {
        if root.isNull { return .none }
        let top = ConfigEntry(file: file, entry: nil, node: root)
        try top.requireMap(allowed: ["sites"])
        guard let list = root["sites"], !list.isNull else { return .none }
        guard let items = list.list else { throw top.error("sites", "expected a list of sites") }
        var sites: [Site] = []
        var seen = Set<String>()
        for (k, item) in items.enumerated() {
            let label = "sites[\(k)]" + (item["domain"]?.string.map { " (\($0))" } ?? "")
            let entry = ConfigEntry(file: file, entry: label, node: item)
            try entry.requireMap(allowed: ["domain", "body", "drop"])
            let domain = try entry.string("domain").lowercased()
            guard domain.contains("."), !domain.contains("/"), !domain.contains(" ") else {
                throw entry.error("domain", "expected a host name such as lemonde.fr, got '\(domain)'")
            }
            guard seen.insert(domain).inserted else { throw entry.error("domain", "domain given twice") }
            func selectors(_ key: String) throws -> [SiteSelector] {
                try (entry.strings(key) ?? []).map { text in
                    guard let s = SiteSelector(text) else {
                        throw entry.error(
                            key,
                            "unsupported selector '\(text)' (tag, #id, .class, [attr], [attr=value], [attr*=value], joined by spaces)"
                        )
                    }
                    return s
                }
            }
            let body = try selectors("body")
            let drop = try selectors("drop")
            guard !body.isEmpty || !drop.isEmpty else {
                throw entry.error(nil, "a site needs 'body' or 'drop' selectors")
            }
            sites.append(Site(domain: domain, body: body, drop: drop))
        }
        return SiteRules(sites: sites)
    }

    /// The rules for a page address: its host or the nearest parent domain listed.
    public func site(for url: String?) -> Site? {
        guard !sites.isEmpty, let url, let host = URL(string: url)?.host?.lowercased() else { return nil }
        return sites.first { host == $0.domain || host.hasSuffix("." + $0.domain) }
    }
}
