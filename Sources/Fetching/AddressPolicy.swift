import Curl

/// Which addresses a URL that content led to may reach: the foundation's address policy.
///
/// A source's own URL, written by the operator, is always fetched. What the content leads to
/// (redirects, item links, article pages) is checked against the address actually connected to —
/// in libcurl's opensocket callback, after resolution — never against the URL's spelling, so a DNS
/// name pointing inside the network, or `169.254.169.254` written in decimal, hex or IPv6-mapped form,
/// is refused like the literal:
/// - link-local, unspecified, multicast and reserved addresses: always refused;
/// - loopback and private addresses: refused, unless the origin source is itself local (its URL names a
///   loopback literal or `localhost`), and then only loopback is allowed (public addresses included:
///   a local source only ever leads to loopback).
public enum AddressPolicy {
    /// What an address is, for the policy.
    public enum Category: String, Sendable, CaseIterable {
        case publicAddress = "public"
        case loopback
        case privateAddress = "private"
        case linkLocal = "link-local"
        case unspecified
        case multicast
        case reserved
    }

    /// The policy's answer for one address.
    public enum Verdict: Sendable, Equatable {
        case allowed
        /// Refused, with the reason a user reads (`169.254.169.254 is link-local`).
        case refused(String)
    }

    /// Classifies an address; IPv6 forms that carry an IPv4 address are classified by that address.
    public static func category(of address: IPAddress) -> Category {
        switch address {
        case .v4(let value):
            return category(ofIPv4: value)
        case .v6(let bytes):
            if let v4 = address.embeddedIPv4 { return category(ofIPv4: v4) }
            for range in AddressRanges.ipv6 where range.contains(bytes) { return range.category }
            return .publicAddress
        }
    }

    static func category(ofIPv4 value: UInt32) -> Category {
        for range in AddressRanges.ipv4 where range.contains(value) { return range.category }
        return .publicAddress
    }

    /// Decides whether a transfer led to by content from an origin may connect to `address`.
    ///
    /// - Parameters:
    ///   - address: the address about to be connected to.
    ///   - originIsLocal: whether the origin source is local (``isLocalOrigin(_:)``).
    public static func verdict(for address: IPAddress, originIsLocal: Bool) -> Verdict {
        let kind = category(of: address)
        let plain = Verdict.refused("\(address) is \(kind.rawValue)")
        let onlyLoopback = Verdict.refused("\(address) is \(kind.rawValue) (a local source may only lead to loopback)")
        switch kind {
        case .loopback: return originIsLocal ? .allowed : plain
        case .publicAddress: return originIsLocal ? onlyLoopback : .allowed
        case .privateAddress: return originIsLocal ? onlyLoopback : plain
        case .linkLocal, .unspecified, .multicast, .reserved: return plain
        }
    }

    /// Whether a source URL is local: its host is `localhost` (or a name under `.localhost`) or a
    /// loopback literal, in any spelling libcurl's URL parser accepts.
    public static func isLocalOrigin(_ url: String) -> Bool {
        guard let parsed = CurlURL(url) else { return false }
        var host = parsed.bareHost
        if host.hasSuffix(".") { host.removeLast() }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        guard let address = IPAddress(host) else { return false }
        return category(of: address) == .loopback
    }

    /// The schemes veille fetches.
    public static let fetchableSchemes: Set<String> = ["http", "https"]

    /// Whether the URL parses and its scheme is http or https.
    public static func isFetchable(_ url: String) -> Bool {
        guard let parsed = CurlURL(url) else { return false }
        return fetchableSchemes.contains(parsed.scheme) && !parsed.host.isEmpty
    }
}
