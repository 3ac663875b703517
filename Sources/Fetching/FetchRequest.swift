import Foundation

/// How far a URL is trusted: whether the address policy applies to it.
public enum Trust: Sendable, Equatable {
    /// A source's own URL, written by the operator: always fetched (http and https only).
    case operatorURL
    /// A URL that content led to (item links, article pages; redirect targets are always treated as
    /// content): the address connected to is checked by ``AddressPolicy`` against the origin source URL.
    case content(origin: String)
}

/// One HTTP GET to make, with its validators and limits.
public struct FetchRequest: Sendable {
    /// The URL to fetch (http or https).
    public var url: String
    /// The stored `ETag`, sent as `If-None-Match`.
    public var etag: String?
    /// The stored `Last-Modified`, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Limit for connecting, and for the whole fetch with its redirects, in seconds.
    public var timeout: TimeInterval
    /// Cap on the decoded body, in bytes: a transfer past it is stopped and reported.
    public var maxBytes: Int
    /// Whether the address policy applies.
    public var trust: Trust
    /// The `Accept` header, when the caller wants one.
    public var accept: String?
    /// Redirects followed before giving up.
    public var maxRedirects: Int
    /// Past ``maxBytes``, stop and return the first `maxBytes` bytes (``FetchResponse/truncated``)
    /// instead of failing: robots.txt, whose first 500 KiB are read whatever its size.
    public var truncate: Bool
    /// Ask for the rest of a partial copy (``FetchResume``); nil for the whole resource.
    public var resume: FetchResume?
    /// A transfer cut after a 2xx status (connection dropped, timeout) returns what arrived, with
    /// ``FetchResponse/interrupted`` set, instead of failing: the caller keeps it and resumes.
    public var keepPartial: Bool = false

    /// The foundation's default total timeout (per source `timeout`).
    public static let defaultTimeout: TimeInterval = 30
    /// The foundation's default body cap (per source `max_bytes`).
    public static let defaultMaxBytes = 20_000_000
    /// The foundation's redirect limit.
    public static let defaultMaxRedirects = 5

    /// Creates a request; everything but the URL has the foundation's defaults.
    public init(
        url: String, etag: String? = nil, lastModified: String? = nil,
        timeout: TimeInterval = FetchRequest.defaultTimeout, maxBytes: Int = FetchRequest.defaultMaxBytes,
        trust: Trust = .operatorURL, accept: String? = nil,
        maxRedirects: Int = FetchRequest.defaultMaxRedirects, truncate: Bool = false
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.trust = trust
        self.accept = accept
        self.maxRedirects = maxRedirects
        self.truncate = truncate
    }

    /// The origin the address policy compares against, for this request's redirect targets.
    var origin: String {
        switch trust {
        case .operatorURL: return url
        case .content(let origin): return origin
        }
    }
}
