import CCurl

/// The parts of a URL as libcurl's own parser sees them (`curl_url`), so checks made on a URL agree
/// with what libcurl will fetch.
///
/// libcurl normalises numeric IPv4 hosts (`http://2130706433/` and `http://0x7f.1/` become
/// `127.0.0.1`) and lowercases the scheme; an IPv6 host keeps its brackets (`[::1]`).
public struct CurlURL: Sendable, Hashable {
    /// The scheme, lowercased (`http`).
    public let scheme: String
    /// The host as libcurl will resolve it (IPv6 literal in brackets).
    public let host: String
    /// The explicit port, if the URL has one.
    public let port: Int?
    /// The whole URL, normalised by libcurl.
    public let normalized: String

    /// Parses a URL; nil when libcurl cannot (no scheme, no host, bad characters).
    ///
    /// Any scheme is accepted here, so that a `file:` or `gopher:` URL can be named in an error.
    public init?(_ text: String) {
        guard CurlGlobal.initialised, let u = veille_curl_url() else { return nil }
        defer { veille_curl_url_cleanup(u) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard veille_curl_url_set(u, CURLUPART_URL, text, flags) == CURLUE_OK,
            let scheme = Self.part(u, CURLUPART_SCHEME), let url = Self.part(u, CURLUPART_URL)
        else { return nil }
        self.scheme = scheme.lowercased()
        self.host = Self.part(u, CURLUPART_HOST) ?? ""
        self.port = Self.part(u, CURLUPART_PORT).flatMap { Int($0) }
        self.normalized = url
    }

    /// The host without IPv6 brackets, lowercased.
    public var bareHost: String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        return h
    }

    private static func part(_ u: OpaquePointer, _ what: CURLUPart) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        guard veille_curl_url_get(u, what, &out, 0) == CURLUE_OK, let out else { return nil }
        defer { veille_curl_free(out) }
        return String(cString: out)
    }
}
