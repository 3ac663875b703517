/// The rules of one robots.txt for one product token, per RFC 9309
/// (https://www.rfc-editor.org/rfc/rfc9309).
///
/// Parsing is lenient and never fails: only the first ``sizeCap`` bytes are read; lines are split on
/// CR, LF or both; `#` starts a comment; keys are case-insensitive and a few common misspellings are
/// accepted; lines that are not `key: value` (an HTML page served as robots.txt, say) are ignored.
/// Groups: consecutive `user-agent` lines open a group that the following rules belong to; every group
/// whose user agent matches the product token (case-insensitively) is merged; when none does, the `*`
/// groups are; when neither exists, everything is allowed. The longest matching pattern wins; on a tie,
/// `allow` wins. `/robots.txt` itself is always allowed.
public struct RobotsTxt: Sendable, Equatable {
    /// One allow or disallow rule: its normalised pattern.
    struct Rule: Sendable, Equatable {
        let allow: Bool
        let pattern: RobotsPattern
    }

    let rules: [Rule]
    /// The non-standard `crawl-delay` of the matching group, when it has a readable one.
    public let crawlDelay: Double?

    /// RFC 9309 §2.5: crawlers must parse at least 500 KiB; what follows is ignored.
    public static let sizeCap = 500 * 1024
    /// veille's product token, matched against `user-agent` lines.
    public static let productToken = "veille"

    /// Everything allowed (no robots.txt, or a 4xx for it).
    public static let allowAll = RobotsTxt(rules: [], crawlDelay: nil)
    /// Everything disallowed (a 5xx or a network error for robots.txt: RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: RobotsPattern("/"))], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Key spellings read as each directive: the RFC's, plus misspellings seen in the wild that Google's
    /// parser also accepts.
    static let userAgentKeys: Set<String> = ["user-agent", "useragent", "user agent"]
    static let allowKeys: Set<String> = ["allow"]
    static let disallowKeys: Set<String> = ["disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw"]
    static let crawlDelayKeys: Set<String> = ["crawl-delay", "crawldelay"]

    /// Parses a robots.txt body for a product token.
    public init(parsing body: [UInt8], productToken: String = RobotsTxt.productToken) {
        var parser = RobotsParser(token: productToken.lowercased())
        let capped = body.prefix(Self.sizeCap)
        var start = capped.startIndex
        if capped.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var lineStart = start
        for i in start..<capped.endIndex where capped[i] == 0x0A || capped[i] == 0x0D {
            parser.line(capped[lineStart..<i])
            lineStart = i + 1
        }
        parser.line(capped[lineStart..<capped.endIndex])
        let chosen = parser.sawOurGroup ? parser.matched : parser.star
        self.rules = chosen.rules
        self.crawlDelay = chosen.crawlDelay
    }

    /// Whether a URL path (with its query) may be fetched.
    ///
    /// - Parameter path: the path and query of the URL (`/a/b?c=d`); empty means `/`.
    public func isAllowed(_ path: String) -> Bool {
        let target = RobotsPattern.normalize(path.isEmpty ? "/" : path)
        if target.elementsEqual("/robots.txt".utf8) { return true }
        var best: (length: Int, allow: Bool)?
        for rule in rules where rule.pattern.matches(target) {
            let length = rule.pattern.length
            if let current = best {
                if length > current.length || (length == current.length && rule.allow) { best = (length, rule.allow) }
            } else {
                best = (length, rule.allow)
            }
        }
        return best?.allow ?? true
    }
}
