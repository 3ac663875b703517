import Testing

@testable import Fetching

/// robots.txt parsing and matching per RFC 9309, with the lenient cases real sites need.
struct RobotsTxtTests {
    static let sample = """
        # comments and blank lines are ignored
        Disallow: /before-any-group

        User-agent: *
        Disallow: /private
        Allow: /private/open
        Crawl-delay: 5

        User-agent: Googlebot
        User-agent: veille/1.0
        Disallow: /no-veille
        disallow: /search*results$
        Allow: /no-veille/yes
        Sitemap: https://example.org/sitemap.xml
        Disallow: /p%61th/%7Euser
        Disallow: /caf%C3%A9
        Disallow: /*.php$

        user-agent: VEILLE
        Disallow: /merged
        Allow: /same
        Disallow: /same
        """

    @Test(arguments: [
        ("/", true), ("/private", true), ("/no-veille", false), ("/no-veille/page", false),
        ("/no-veille/yes", true), ("/no-veille/yes/more", true), ("/searchresults", false),
        ("/search/x/results", false),
        ("/search/x/results/more", true), ("/path/~user", false), ("/p%61th/%7euser", false), ("/café", false),
        ("/caf%c3%a9", false), ("/index.php", false), ("/index.php?x=1", true), ("/merged/a", false),
        ("/same", true), ("/before-any-group", true), ("/robots.txt", true), ("", true),
    ])
    func veilleGroupsAreMergedAndLongestMatchWins(_ path: String, _ allowed: Bool) {
        #expect(RobotsTxt(parsing: Array(Self.sample.utf8)).isAllowed(path) == allowed)
    }

    @Test func starGroupAppliesWhenNoneNamesVeille() {
        let robots = RobotsTxt(
            parsing: Array("User-agent: *\nDisallow: /private\nAllow: /private/open\nCrawl-delay: 5\n".utf8))
        #expect(!robots.isAllowed("/private/x"))
        #expect(robots.isAllowed("/private/open/x"))
        #expect(robots.crawlDelay == 5)
    }

    @Test func ourGroupWithoutRulesOverridesStar() {
        let robots = RobotsTxt(parsing: Array("User-agent: *\nDisallow: /\n\nUser-agent: veille\nDisallow:\n".utf8))
        #expect(robots.isAllowed("/anything"))
    }

    @Test(arguments: [
        "<!doctype html><html><head><title>404</title></head><body>Not here: try /</body></html>",
        "", "\u{FEFF}", "garbage\u{0}\u{1}: ::: \r\r\n\n", "User-agent veille\nDisallow /",
    ])
    func malformedInputAllowsEverything(_ text: String) {
        #expect(RobotsTxt(parsing: Array(text.utf8)).isAllowed("/feed.xml"))
    }

    @Test func byteOrderMarkAndCRLinesAreRead() {
        let robots = RobotsTxt(parsing: [0xEF, 0xBB, 0xBF] + Array("User-agent: veille\rDisallow: /x\r\n".utf8))
        #expect(!robots.isAllowed("/x"))
    }

    @Test func onlyTheFirst500KiBAreRead() {
        var text = "User-agent: *\nDisallow: /early\n"
        text += String(repeating: "# padding padding padding padding padding padding padding\n", count: 10_000)
        text += "Disallow: /late\n"
        let robots = RobotsTxt(parsing: Array(text.utf8))
        #expect(!robots.isAllowed("/early"))
        #expect(robots.isAllowed("/late"))
    }

    @Test func wildcardHeavyRulesAreMatched() {
        let text = "User-agent: veille\n" + String(repeating: "Disallow: /a*b*c*d*e*f$\n", count: 2_000)
        let robots = RobotsTxt(parsing: Array(text.utf8))
        #expect(robots.isAllowed(String(repeating: "/a", count: 500)))
        #expect(!robots.isAllowed("/a/b/c/d/e/f"))
    }

    @Test func allowAllAndDisallowAll() {
        #expect(RobotsTxt.allowAll.isAllowed("/x"))
        #expect(!RobotsTxt.disallowAll.isAllowed("/x"))
        #expect(RobotsTxt.disallowAll.isAllowed("/robots.txt"))
    }

    @Test(arguments: [
        ("http://Example.ORG/feed?x=1#frag", "http://example.org", "/feed?x=1"),
        ("https://example.org:8443", "https://example.org:8443", "/"),
        ("https://example.org?q", "https://example.org", "/?q"),
    ])
    func siteAndPath(_ url: String, _ site: String, _ path: String) {
        #expect(RobotsCache.site(of: url) == site)
        #expect(RobotsCache.path(of: url) == path)
    }
}
