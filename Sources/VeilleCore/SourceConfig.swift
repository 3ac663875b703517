import Foundation

/// One source of `Feeds/sources.yaml`: a press feed or the Sénat's written questions.
public struct SourceConfig: Sendable, Equatable, Codable {
    /// What a source is, and so which stage reads it.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An RSS, Atom, RDF or JSON feed.
        case feed
        /// The Sénat's written questions: the open-data CSV plus question pages.
        case senateQuestions = "senate-questions"
        /// The Assemblée nationale's written questions: the open-data archive (a zip of one JSON per question).
        case assembleeQuestions = "assemblee-questions"
    }

    public var id: String
    public var kind: Kind
    /// The feed URL (`feed`), the CSV URL (`senate-questions`), or the archive URL (`assemblee-questions`).
    public var url: String
    /// Base URL of question pages (`senate-questions`, `assemblee-questions`).
    public var pages: String?
    /// Sénat natures followed, normalized (`QE`, `QOSD`, `QG`).
    public var natures: [String]
    /// Sénat: on the first crawl, fetch pages only for questions published within this period.
    public var backfill: TimeInterval?
    /// How often the source is due.
    public var every: TimeInterval
    /// Fetch and extract each new item's page.
    public var articles: Bool
    public var enabled: Bool
    /// Connect-and-transfer limit for one request.
    public var timeout: TimeInterval
    /// Cap on one response body, decoded size included.
    public var maxBytes: Int
    /// Minimum gap between two requests to this source's host.
    public var delay: TimeInterval
    /// How long pages of linked items are re-checked for stealth edits and takedowns.
    public var recheck: TimeInterval

    public static let defaultEvery: TimeInterval = 86_400
    public static let defaultTimeout: TimeInterval = 30
    public static let defaultMaxBytes = 20_000_000
    public static let defaultDelay: TimeInterval = 1
    public static let defaultRecheck: TimeInterval = 7 * 86_400
    /// `assemblee-questions`: the archive is 45–50 MB and the portal is slow, so 200MB and 10 minutes.
    public static let assembleeMaxBytes = 200_000_000
    public static let assembleeTimeout: TimeInterval = 600
    /// `assemblee-questions`: where the question pages are (`…/17-1234QE.htm`).
    public static let assembleePages = "https://questions.assemblee-nationale.fr/q17/"

    public init(
        id: String, kind: Kind = .feed, url: String, pages: String? = nil, natures: [String] = ["QE"],
        backfill: TimeInterval? = nil, every: TimeInterval = SourceConfig.defaultEvery,
        articles: Bool = false, enabled: Bool = true, timeout: TimeInterval = SourceConfig.defaultTimeout,
        maxBytes: Int = SourceConfig.defaultMaxBytes, delay: TimeInterval = SourceConfig.defaultDelay,
        recheck: TimeInterval = SourceConfig.defaultRecheck
    ) {
        self.id = id
        self.kind = kind
        self.url = url
        self.pages = pages
        self.natures = natures
        self.backfill = backfill
        self.every = every
        self.articles = articles
        self.enabled = enabled
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.delay = delay
        self.recheck = recheck
    }
}

/// `Feeds/sources.yaml`: the contact URL that goes into the User-Agent, and the sources.
public struct SourcesFile: Sendable, Equatable {
    public var contact: String?
    public var sources: [SourceConfig]

    public init(contact: String?, sources: [SourceConfig]) {
        self.contact = contact
        self.sources = sources
    }

    static let topKeys: Set<String> = ["contact", "sources"]
    static let commonKeys: Set<String> = ["id", "kind", "every", "enabled", "timeout", "max_bytes", "delay"]
    static let feedKeys: Set<String> = commonKeys.union(["url", "articles", "recheck"])
    static let senateKeys: Set<String> = commonKeys.union(["csv", "pages", "natures", "backfill"])
    static let assembleeKeys: Set<String> = commonKeys.union(["url", "pages"])

    /// Loads and validates a sources file.
    ///
    /// - Throws: ``ConfigError`` naming the file, the entry and the key.
    public static func load(path: String) throws -> SourcesFile {
        try decode(ConfigNode.load(path: path), file: path)
    }

    /// Validates a parsed sources file.
    public static func decode(_ root: ConfigNode, file: String) throws -> SourcesFile {
        let top = ConfigEntry(file: file, entry: nil, node: root)
        try top.requireMap(allowed: topKeys)
        let contact = try top.optionalString("contact")
        if let contact, !Self.isHTTPURL(contact) { throw top.error("contact", "expected an http(s) URL") }
        guard let list = root["sources"] else { throw top.error("sources", "missing required key") }
        if list.isNull { return SourcesFile(contact: contact, sources: []) }
        guard let items = list.list else { throw top.error("sources", "expected a list of sources") }
        var seen = Set<String>()
        var sources: [SourceConfig] = []
        for (index, item) in items.enumerated() {
            let label = item["id"]?.string.map { "sources[\(index)] (\($0))" } ?? "sources[\(index)]"
            let e = ConfigEntry(file: file, entry: label, node: item)
            guard item.pairs != nil else { throw e.error(nil, "expected a mapping of keys") }
            let source = try decodeSource(e)
            guard seen.insert(source.id).inserted else { throw e.error("id", "duplicate id '\(source.id)'") }
            sources.append(source)
        }
        return SourcesFile(contact: contact, sources: sources)
    }

    static func decodeSource(_ e: ConfigEntry) throws -> SourceConfig {
        let kindText = try e.optionalString("kind") ?? "feed"
        guard let kind = SourceConfig.Kind(rawValue: kindText) else {
            throw e.error(
                "kind",
                "unknown kind '\(kindText)' (known: \(SourceConfig.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        try e.requireMap(
            allowed: kind == .feed ? feedKeys : kind == .senateQuestions ? senateKeys : assembleeKeys)
        let id = try e.string("id")
        guard isIdentifier(id) else { throw e.error("id", "ids are made of a-z, 0-9 and '-', got '\(id)'") }
        var s = SourceConfig(id: id, kind: kind, url: "")
        switch kind {
        case .feed:
            s.url = try e.string("url")
            guard isHTTPURL(s.url) else { throw e.error("url", "expected an http(s) URL, got '\(s.url)'") }
            s.articles = try e.bool("articles", default: false)
            s.recheck = try e.duration("recheck", allowed: [.s, .m, .h, .d]) ?? SourceConfig.defaultRecheck
        case .senateQuestions:
            s.url = try e.string("csv")
            guard isHTTPURL(s.url) else { throw e.error("csv", "expected an http(s) URL, got '\(s.url)'") }
            let pages = try e.string("pages")
            guard isHTTPURL(pages) else { throw e.error("pages", "expected an http(s) URL, got '\(pages)'") }
            s.pages = pages.hasSuffix("/") ? pages : pages + "/"
            if let natures = try e.strings("natures") {
                s.natures = try natures.map { raw in
                    guard let n = normalizeNature(raw) else {
                        throw e.error("natures", "unknown nature '\(raw)' (known: QE, QOSD, QG)")
                    }
                    return n
                }
                if s.natures.isEmpty { throw e.error("natures", "empty list") }
            }
            s.backfill = try e.duration("backfill", allowed: [.s, .m, .h, .d])
        case .assembleeQuestions:
            s.url = try e.string("url")
            guard isHTTPURL(s.url) else { throw e.error("url", "expected an http(s) URL, got '\(s.url)'") }
            let pages = try e.optionalString("pages") ?? SourceConfig.assembleePages
            guard isHTTPURL(pages) else { throw e.error("pages", "expected an http(s) URL, got '\(pages)'") }
            s.pages = pages.hasSuffix("/") ? pages : pages + "/"
            s.maxBytes = SourceConfig.assembleeMaxBytes
        }
        s.every = try e.duration("every", allowed: [.s, .m, .h, .d]) ?? SourceConfig.defaultEvery
        s.enabled = try e.bool("enabled", default: true)
        let defaultTimeout = kind == .assembleeQuestions ? SourceConfig.assembleeTimeout : SourceConfig.defaultTimeout
        s.timeout = try e.duration("timeout", allowed: [.s, .m]) ?? defaultTimeout
        if let raw = try e.optionalString("max_bytes") {
            guard let n = ByteSize.parse(raw), n > 0 else {
                throw e.error("max_bytes", "expected a size such as 20MB (B, KB, MB, GB), got '\(raw)'")
            }
            s.maxBytes = n
        }
        if let raw = try e.optionalString("delay") {
            guard let d = DurationUnit.parse(raw, allowed: [.ms, .s]), d >= 0 else {
                throw e.error("delay", "expected a duration in ms or s, got '\(raw)'")
            }
            s.delay = d
        }
        return s
    }

    /// Sénat nature codes normalized: `QAG` (the search engine's) is `QG`.
    public static func normalizeNature(_ raw: String) -> String? {
        switch raw.trimmingCharacters(in: .whitespaces).uppercased() {
        case "QE": return "QE"
        case "QOSD": return "QOSD"
        case "QG", "QAG": return "QG"
        default: return nil
        }
    }

    /// `[a-z0-9-]+`.
    public static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    static func isHTTPURL(_ s: String) -> Bool {
        guard let u = URL(string: s), let scheme = u.scheme?.lowercased(), let host = u.host, !host.isEmpty else {
            return false
        }
        return scheme == "http" || scheme == "https"
    }
}
