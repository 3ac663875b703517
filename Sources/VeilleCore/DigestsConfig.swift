import Foundation

/// `Feeds/digests.yaml`: the SMTP server and the digests analysts read (README, "Digests: `Feeds/digests.yaml`").
///
/// Loaded strictly like the other config files: an unknown key, a duplicate id, a missing or bad value is
/// a ``ConfigError`` naming the file, the entry and the key (exit code 2 upstream). Secrets never live in
/// the file: `username_env` and `password_env` name environment variables.
public struct DigestsConfig: Sendable, Equatable {
    /// How the SMTP connection uses TLS.
    public enum StartTLS: String, Sendable, CaseIterable {
        /// STARTTLS when the server offers it; required when credentials are set.
        case auto
        /// STARTTLS or the transfer fails.
        case required
        /// Plain text; refused together with credentials.
        case never
    }

    /// Where a digest goes.
    public enum Channel: String, Sendable, CaseIterable { case email, file }

    /// A file digest's format.
    public enum Format: String, Sendable, CaseIterable {
        case html, markdown, json, atom

        /// The file extension.
        public var fileExtension: String {
            switch self {
            case .html: return "html"
            case .markdown: return "md"
            case .json: return "json"
            case .atom: return "atom"
            }
        }
    }

    /// The language a digest speaks to its readers (headings, labels, counts, dates, the mail subject).
    public enum Language: String, Sendable, CaseIterable {
        case fr, en
    }

    /// `all`, or a list of ids.
    public enum Selection: Sendable, Equatable {
        case all
        case only([String])

        /// Whether `id` is selected.
        public func contains(_ id: String) -> Bool {
            switch self {
            case .all: return true
            case .only(let ids): return ids.contains(id)
            }
        }
    }

    /// The `smtp` section.
    public struct SMTP: Sendable, Equatable {
        /// `smtp://host:port` (STARTTLS per ``starttls``) or `smtps://host:port` (TLS from the start).
        public var url: String
        /// The `From` header and envelope sender: `veille <veille@example.org>` or a bare address.
        public var from: String
        public var usernameEnv: String?
        public var passwordEnv: String?
        public var starttls: StartTLS
        /// An extra CA file to trust.
        public var caFile: String?
        /// Pause between two messages (default 1 s: a polite sender).
        public var pause: TimeInterval
        /// Limit for one message's whole SMTP exchange (default 60 s).
        public var timeout: TimeInterval

        /// An SMTP section; defaults as in the README.
        public init(
            url: String, from: String, usernameEnv: String? = nil, passwordEnv: String? = nil,
            starttls: StartTLS = .auto, caFile: String? = nil, pause: TimeInterval = 1, timeout: TimeInterval = 60
        ) {
            self.url = url
            self.from = from
            self.usernameEnv = usernameEnv
            self.passwordEnv = passwordEnv
            self.starttls = starttls
            self.caFile = caFile
            self.pause = pause
            self.timeout = timeout
        }
    }

    /// One digest: who gets what.
    public struct Digest: Sendable, Equatable {
        public var id: String
        public var channel: Channel
        /// Email addresses (`email`): one message per address.
        public var to: [String]
        public var campaigns: Selection
        /// Items linked to these actors are listed too.
        public var actors: [String]
        public var sources: Selection
        /// Also list items that matched nothing.
        public var unmatched: Bool
        /// No message when there is no delta at all and no source in trouble.
        public var quiet: Bool
        /// `file` digests: the format (default html).
        public var format: Format
        /// `file` digests: a folder relative to the digest folder.
        public var path: String?
        /// The readers' language (default `fr`).
        public var language: Language = .fr

        /// A digest; defaults as in the README.
        public init(
            id: String, channel: Channel, to: [String] = [], campaigns: Selection = .all, actors: [String] = [],
            sources: Selection = .all, unmatched: Bool = false, quiet: Bool = true, format: Format = .html,
            path: String? = nil
        ) {
            self.id = id
            self.channel = channel
            self.to = to
            self.campaigns = campaigns
            self.actors = actors
            self.sources = sources
            self.unmatched = unmatched
            self.quiet = quiet
            self.format = format
            self.path = path
        }
    }

    public var smtp: SMTP?
    public var digests: [Digest]
    /// `web_url`: where `veille serve` is reachable (`https://veille.example.org`); digests then link each
    /// item's page there (`WEB_URL/items/ID`).
    public var webURL: String?

    /// A digests file.
    public init(smtp: SMTP?, digests: [Digest], webURL: String? = nil) {
        self.smtp = smtp
        self.digests = digests
        self.webURL = webURL
    }

    static let topKeys: Set<String> = ["smtp", "digests", "web_url"]
    static let smtpKeys: Set<String> = [
        "url", "from", "username_env", "password_env", "starttls", "ca_file", "pause", "timeout",
    ]
    static let digestKeys: Set<String> = [
        "id", "channel", "to", "campaigns", "actors", "sources", "unmatched", "quiet",
        "format", "path", "language",
    ]

    /// Loads and validates a digests file.
    ///
    /// - Throws: ``ConfigError`` naming the file, the entry and the key.
    public static func load(path: String) throws -> DigestsConfig {
        try decode(ConfigNode.load(path: path), file: path)
    }

    /// Validates a parsed digests file.
    ///
    /// - Throws: ``ConfigError`` naming the file, the entry and the key.
    public static func decode(_ root: ConfigNode, file: String) throws -> DigestsConfig {
        if root.isNull { return DigestsConfig(smtp: nil, digests: []) }
        let top = ConfigEntry(file: file, entry: nil, node: root)
        try top.requireMap(allowed: topKeys)
        var smtp: SMTP?
        if let node = root["smtp"], !node.isNull {
            smtp = try decodeSMTP(ConfigEntry(file: file, entry: "smtp", node: node))
        }
        var webURL: String?
        if let url = try top.optionalString("web_url") {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host?.isEmpty == false,
                !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
            else {
                throw top.error("web_url", "expected an http(s) URL such as https://veille.example.org, got '\(url)'")
            }
            webURL = url
        }
        var digests: [Digest] = []
        if let list = root["digests"], !list.isNull {
            guard let items = list.list else { throw top.error("digests", "expected a list of digests") }
            var seen = Set<String>()
            for (index, item) in items.enumerated() {
                let label = item["id"]?.string.map { "digests[\(index)] (\($0))" } ?? "digests[\(index)]"
                let e = ConfigEntry(file: file, entry: label, node: item)
                let d = try decodeDigest(e)
                guard seen.insert(d.id).inserted else { throw e.error("id", "duplicate id '\(d.id)'") }
                if d.channel == .email, smtp == nil {
                    throw e.error("channel", "an email digest needs the smtp section")
                }
                digests.append(d)
            }
        }
        return DigestsConfig(smtp: smtp, digests: digests, webURL: webURL)
    }

    /// Checks that every campaign, actor and source a digest names exists.
    ///
    /// - Parameters:
    ///   - watchlist: the watchlist in use (campaign and actor ids), nil to skip those checks.
    ///   - sources: the source ids of `sources.yaml`.
    ///   - file: the digests file, named in errors.
    /// - Throws: ``ConfigError`` naming the file, the digest and the key.
    public func validate(watchlist: Watchlist?, sources: [String], file: String) throws {
        for (index, d) in digests.enumerated() {
            let entry = "digests[\(index)] (\(d.id))"
            func check(_ key: String, _ ids: [String], _ known: [String], _ what: String) throws {
                for id in ids where !known.contains(id) {
                    throw ConfigError(
                        file: file, entry: entry, key: key,
                        problem: "unknown \(what) '\(id)' (known: \(known.joined(separator: ", ")))")
                }
            }
            if let watchlist {
                if case .only(let ids) = d.campaigns {
                    try check("campaigns", ids, watchlist.campaigns.map(\.id), "campaign")
                }
                try check("actors", d.actors, watchlist.actors.map(\.id), "actor")
            }
            if case .only(let ids) = d.sources { try check("sources", ids, sources, "source") }
        }
    }

    static func decodeSMTP(_ e: ConfigEntry) throws -> SMTP {
        try e.requireMap(allowed: smtpKeys)
        let url = try e.string("url")
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://"), URL(string: url)?.host?.isEmpty == false else {
            throw e.error("url", "expected smtp://host[:port] or smtps://host[:port], got '\(url)'")
        }
        let from = try e.string("from")
        guard MailAddress.extract(from) != nil, !from.contains("\r"), !from.contains("\n") else {
            throw e.error("from", "expected an address such as \"veille <veille@example.org>\", got '\(from)'")
        }
        var s = SMTP(url: url, from: from)
        s.usernameEnv = try e.optionalString("username_env")
        s.passwordEnv = try e.optionalString("password_env")
        if (s.usernameEnv == nil) != (s.passwordEnv == nil) {
            throw e.error(
                s.usernameEnv == nil ? "username_env" : "password_env",
                "username_env and password_env go together")
        }
        let tls = try e.optionalString("starttls") ?? "auto"
        guard let mode = StartTLS(rawValue: tls.lowercased()) else {
            throw e.error("starttls", "expected auto, required or never, got '\(tls)'")
        }
        s.starttls = mode
        if mode == .never, s.usernameEnv != nil {
            throw e.error("starttls", "never is refused with credentials (they would travel in clear)")
        }
        s.caFile = try e.optionalString("ca_file")
        if let raw = try e.optionalString("pause") {
            guard let d = DurationUnit.parse(raw, allowed: [.ms, .s]), d >= 0 else {
                throw e.error("pause", "expected a duration in ms or s, got '\(raw)'")
            }
            s.pause = d
        }
        s.timeout = try e.duration("timeout", allowed: [.s, .m]) ?? s.timeout
        return s
    }

    static func decodeDigest(_ e: ConfigEntry) throws -> Digest {
        try e.requireMap(allowed: digestKeys)
        let id = try e.string("id")
        guard SourcesFile.isIdentifier(id) else { throw e.error("id", "ids are made of a-z, 0-9 and '-', got '\(id)'") }
        let channelText = try e.string("channel")
        guard let channel = Channel(rawValue: channelText) else {
            throw e.error("channel", "unknown channel '\(channelText)' (known: email, file)")
        }
        var d = Digest(id: id, channel: channel)
        let to = try e.strings("to") ?? []
        switch channel {
        case .email:
            guard !to.isEmpty else { throw e.error("to", "an email digest needs at least one address") }
            for address in to where !MailAddress.isPlain(address) {
                throw e.error("to", "not a plain email address: '\(address)'")
            }
            if e.node["format"] != nil { throw e.error("format", "only file digests take a format") }
            if e.node["path"] != nil { throw e.error("path", "only file digests take a path") }
        case .file:
            if !to.isEmpty { throw e.error("to", "a file digest has no addresses") }
            let f = try e.optionalString("format") ?? "html"
            guard let format = Format(rawValue: f) else {
                throw e.error("format", "unknown format '\(f)' (known: html, markdown, json, atom)")
            }
            d.format = format
            if let p = try e.optionalString("path") {
                guard !p.hasPrefix("/"), !p.split(separator: "/").contains("..") else {
                    throw e.error("path", "expected a folder relative to the digest folder, got '\(p)'")
                }
                d.path = p
            }
        }
        d.to = to
        d.campaigns = try selection(e, "campaigns")
        d.actors = try e.strings("actors") ?? []
        d.sources = try selection(e, "sources")
        d.unmatched = try e.bool("unmatched", default: false)
        d.quiet = try e.bool("quiet", default: true)
        let language = try e.optionalString("language") ?? "fr"
        guard let lang = Language(rawValue: language) else {
            throw e.error("language", "unknown language '\(language)' (known: fr, en)")
        }
        d.language = lang
        return d
    }

    static func selection(_ e: ConfigEntry, _ key: String) throws -> Selection {
        guard let n = e.node[key], !n.isNull else { return .all }
        if n.string == "all" { return .all }
        guard let ids = try e.strings(key) else { return .all }
        for id in ids where !SourcesFile.isIdentifier(id) { throw e.error(key, "not an id: '\(id)'") }
        return .only(ids)
    }
}

/// Email address checks for config values: headers built from them can never carry a line break.
public enum MailAddress {
    /// The bare address of `veille <veille@example.org>` or `veille@example.org`; nil when none is valid.
    public static func extract(_ text: String) -> String? {
        var candidate = text.trimmingCharacters(in: .whitespaces)
        if let open = candidate.lastIndex(of: "<"), candidate.hasSuffix(">") {
            candidate = String(candidate[candidate.index(after: open)..<candidate.index(before: candidate.endIndex)])
        }
        return isPlain(candidate) ? candidate : nil
    }

    /// A plain `local@domain` address: printable ASCII, no spaces, angle brackets, quotes or line breaks.
    public static func isPlain(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[1].contains(".") || parts[1] == "localhost"
        else { return false }
        return s.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"<>\"(),;:[]\\".utf8.contains($0) }
    }
}
