/// The line-by-line state of a robots.txt parse.
struct RobotsParser {
    struct Collected {
        var rules: [RobotsTxt.Rule] = []
        var crawlDelay: Double?
    }

    let token: String
    var matched = Collected()
    var star = Collected()
    /// The current group's user agents: whether it names our token, whether it names `*`.
    var groupIsOurs = false
    var groupIsStar = false
    var inAgentLines = false
    /// Whether any group names our token (then the `*` groups are ignored, even if ours has no rule).
    var sawOurGroup = false

    init(token: String) { self.token = token }

    mutating func line(_ bytes: ArraySlice<UInt8>) {
        var content = bytes
        if let hash = content.firstIndex(of: UInt8(ascii: "#")) { content = content[..<hash] }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return }
        let key = String(decoding: content[..<colon], as: UTF8.self).trimmingASCIISpace().lowercased()
        let value = String(decoding: content[(colon + 1)...], as: UTF8.self).trimmingASCIISpace()
        if RobotsTxt.userAgentKeys.contains(key) {
            if !inAgentLines {
                groupIsOurs = false
                groupIsStar = false
                inAgentLines = true
            }
            let agent = value.prefix { $0 != "/" && $0 != " " && $0 != "\t" }.lowercased()
            if agent == token {
                groupIsOurs = true
                sawOurGroup = true
            }
            if agent == "*" { groupIsStar = true }
            return
        }
        let isAllow = RobotsTxt.allowKeys.contains(key)
        let isDisallow = RobotsTxt.disallowKeys.contains(key)
        let isDelay = RobotsTxt.crawlDelayKeys.contains(key)
        guard isAllow || isDisallow || isDelay else { return } // sitemap and unknown keys: no effect on groups
        inAgentLines = false
        guard groupIsOurs || groupIsStar else { return }
        if isDelay {
            guard let seconds = Double(value), seconds >= 0, seconds.isFinite else { return }
            if groupIsOurs { matched.crawlDelay = seconds }
            if groupIsStar { star.crawlDelay = seconds }
            return
        }
        guard !value.isEmpty else { return } // an empty disallow allows everything: no rule
        let rule = RobotsTxt.Rule(allow: isAllow, pattern: RobotsPattern(value))
        if groupIsOurs { matched.rules.append(rule) }
        if groupIsStar { star.rules.append(rule) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIISpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
