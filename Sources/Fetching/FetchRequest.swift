import Foundation

/// How far a URL is trusted: whether the address policy applies to it.
public enum Trust: Sendable, Equatable {
    /// A source's own URL, written by the operator: always fetched (http and https only).
    case operatorURL
    /// A URL that content led to (item links, article pages; redirect targets are always treated as
    /// content): the address connected to is checked by ``AddressPolicy`` against the origin source URL.
    case content(origin: String)
}

/// What a request is for. The crawl policy treats a robots.txt request apart (it is not itself checked
/// against robots.txt, and its failure makes the site unavailable for the run); the others are named so a
/// log, a ledger or a test can tell a run's requests apart.
public enum FetchPurpose: String, Sendable, Equatable {
    /// A source's feed.
    case feed
    /// An article page that a feed item links to.
    case page
    /// A site's robots.txt (RFC 9309).
    case robots
    /// The Sénat's open-data CSV.
    case csv
    /// An open-data archive (the Assemblée's questions zip), resumable.
    case archive
    /// A written-question page (Sénat or Assemblée).
    case questionPage = "question-page"
}

/// One HTTP GET to make, with its validators and limits.
public struct FetchRequest: Sendable {
    /// The URL to fetch (http or https); for a later hop of a fetch, the redirect target.
    public var url: String
    /// What the request is for.
    public var purpose: FetchPurpose
    /// The stored `ETag`, sent as `If-None-Match`.
    public var etag: String?
    /// The stored `Last-Modified`, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Limit for connecting, and for the whole fetch with its redirects (the time spent in the hops; the
    /// waits for a host's gate between them do not count), in seconds.
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
    /// For a later hop of a fetch (a redirect target): the URL the fetch was asked for, which errors
    /// name. Nil on the first hop.
    public var redirectedFrom: String?
    /// Redirects followed before this hop (0 on the first).
    public var redirects = 0
    /// Seconds the earlier hops of this fetch already took: ``timeout`` covers them all.
    public var spent: TimeInterval = 0
    /// Requests queued behind this one for its host (set by ``PoliteFetcher``): when more transfers wait
    /// than may run, the one with the most work behind it starts first.
    public var backlog = 0
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
        url: String, purpose: FetchPurpose = .feed, etag: String? = nil, lastModified: String? = nil,
        timeout: TimeInterval = FetchRequest.defaultTimeout, maxBytes: Int = FetchRequest.defaultMaxBytes,
        trust: Trust = .operatorURL, accept: String? = nil,
        maxRedirects: Int = FetchRequest.defaultMaxRedirects, truncate: Bool = false
    ) {
        self.url = url
        self.purpose = purpose
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
    public var origin: String {
        switch trust {
        case .operatorURL: return url
        case .content(let origin): return origin
        }
    }
}

extension FetchRequest {
    /// The URL the fetch was asked for: ``redirectedFrom`` on a later hop, else ``url``.
    public var requestedURL: String { redirectedFrom ?? url }

    /// The request for the next hop of this fetch: `target`, as content of the same origin (a redirect
    /// target is never trusted like the operator's own URL), with the same validators and limits.
    func hop(to target: String, spent: TimeInterval) -> FetchRequest {
        var next = self
        next.redirectedFrom = requestedURL
        next.trust = .content(origin: origin)
        next.url = target
        next.redirects = redirects + 1
        next.spent = spent
        return next
    }
}
