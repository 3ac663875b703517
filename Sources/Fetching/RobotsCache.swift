import Curl

/// The robots.txt of each site, fetched at most once per run (the operations issue).
///
/// Outcomes of the robots.txt fetch (RFC 9309 §2.3.1): 2xx: parsed (first 500 KiB); 304: the stored
/// copy, parsed; 4xx: allow all; 5xx or a network failure: disallow all for this run; too many
/// redirects or a refused target: allow all (unavailable). Redirects are followed by the fetcher (at
/// most 5). Give it the previous run's bodies and validators (``snapshot()``) for conditional GETs.
public actor RobotsCache {
    /// A site's robots.txt as kept between runs.
    public struct Stored: Sendable, Equatable {
        /// The robots.txt bytes (at most 500 KiB).
        public var body: [UInt8]
        /// Its `ETag`, for the next run's `If-None-Match`.
        public var etag: String?
        /// Its `Last-Modified`, for the next run's `If-Modified-Since`.
        public var lastModified: String?

        /// Creates a stored copy.
        public init(body: [UInt8], etag: String? = nil, lastModified: String? = nil) {
            self.body = body
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// How robots.txt is fetched: through the throttle, like every request.
    public typealias Transport = @Sendable (FetchRequest) async throws -> FetchResponse

    private let transport: Transport
    private let shared: (any SharedRobotsStore)?
    private let productToken: String
    private var stored: [String: Stored]
    private var rules: [String: Task<(RobotsTxt, problem: String?), Never>] = [:]

    /// Creates a cache for one run.
    ///
    /// - Parameters:
    ///   - stored: robots.txt bodies and validators from the previous run, keyed by site (``site(of:)``).
    ///   - productToken: the user-agent token matched in robots.txt (`veille`).
    ///   - shared: copies shared with other workers: a fresh one is used without a request, and what this
    ///     cache fetches is saved there.
    ///   - transport: how to fetch a robots.txt URL.
    public init(
        stored: [String: Stored] = [:], productToken: String = RobotsTxt.productToken,
        shared: (any SharedRobotsStore)? = nil, transport: @escaping Transport
    ) {
        self.stored = stored
        self.shared = shared
        self.productToken = productToken
        self.transport = transport
    }

    /// The site a URL belongs to for robots.txt: `scheme://host[:port]`, nil when it does not parse.
    public nonisolated static func site(of url: String) -> String? {
        guard let parsed = CurlURL(url), AddressPolicy.fetchableSchemes.contains(parsed.scheme) else { return nil }
        return parsed.port.map { "\(parsed.scheme)://\(parsed.host.lowercased()):\($0)" }
            ?? "\(parsed.scheme)://\(parsed.host.lowercased())"
    }

    /// Whether veille may fetch `url`.
    ///
    /// - Parameter trust: the trust of the URL itself, used for its robots.txt fetch too.
    public func isAllowed(_ url: String, trust: Trust) async -> Bool {
        guard let site = Self.site(of: url), let path = Self.path(of: url) else { return true }
        let robots = await rules(forSite: site, trust: trust)
        return robots.isAllowed(path)
    }

    /// The `Crawl-delay` the site's robots.txt asks of veille, in seconds, nil when none.
    public func crawlDelay(_ url: String, trust: Trust) async -> Double? {
        guard let site = Self.site(of: url) else { return nil }
        return await rules(forSite: site, trust: trust).crawlDelay
    }

    /// The rules of one site, fetched on first use.
    public func rules(forSite site: String, trust: Trust) async -> RobotsTxt {
        if let pending = rules[site] { return await pending.value.0 }
        let previous = stored[site]
        let request = FetchRequest(
            url: site + "/robots.txt", purpose: .robots, etag: previous?.etag, lastModified: previous?.lastModified,
            maxBytes: RobotsTxt.sizeCap, trust: trust, truncate: true)
        let transport = self.transport
        let token = productToken
        let shared = self.shared
        let task = Task { () -> (RobotsTxt, Stored?, String?) in
            if let shared, let fresh = await shared.fresh(site: site) {
                return (RobotsTxt(parsing: fresh.body, productToken: token), fresh, nil)
            }
            let outcome = await Self.fetch(request, previous: previous, token: token, transport: transport)
            if let shared {
                if outcome.2 == nil {
                    await shared.save(site: site, outcome.1 ?? Stored(body: []))
                } else {
                    await shared.abandon(site: site)
                }
            }
            return outcome
        }
        let rulesTask = Task { await (task.value.0, problem: task.value.2) }
        rules[site] = rulesTask
        let (robots, kept, _) = await task.value
        stored[site] = kept
        return robots
    }

    /// Fetches one robots.txt: its rules, the copy to keep, and why the site is unwell (5xx, network).
    private static func fetch(
        _ request: FetchRequest, previous: Stored?, token: String, transport: Transport
    ) async -> (RobotsTxt, Stored?, String?) {
        do {
            let response = try await transport(request)
            switch response.status {
            case 304:
                return (RobotsTxt(parsing: previous?.body ?? [], productToken: token), previous, nil)
            case 200...299:
                let kept = Stored(body: response.body, etag: response.etag, lastModified: response.lastModified)
                return (RobotsTxt(parsing: response.body, productToken: token), kept, nil)
            case 400...499:
                return (.allowAll, nil, nil)
            default:
                return (.disallowAll, previous, "\(request.url): HTTP \(response.status)")
            }
        } catch let error as FetchError {
            switch error {
            case .tooManyRedirects, .refused, .unsupportedScheme, .invalidURL: return (.allowAll, nil, nil)
            default: return (.disallowAll, previous, "\(error.url): \(error.reason)")
            }
        } catch {
            return (.disallowAll, previous, "\(error)")
        }
    }

    /// Why a site's robots.txt could not be read this run (5xx, network failure), nil when it could or
    /// was not fetched: its URLs are then disallowed because the site is unwell, not by its rules.
    public func problem(forSite site: String) async -> String? {
        await rules[site]?.value.problem
    }

    /// The robots.txt bodies and validators to keep for the next run.
    public func snapshot() -> [String: Stored] { stored }

    /// The path and query of a URL as libcurl normalises it (`/` when empty), fragment dropped.
    static func path(of url: String) -> String? {
        guard let normalized = CurlURL(url)?.normalized else { return nil }
        var rest = Substring(normalized)
        if let schemeEnd = rest.range(of: "://") { rest = rest[schemeEnd.upperBound...] }
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        var path = rest[slash...]
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        return path.hasPrefix("?") ? "/" + path : String(path)
    }
}
