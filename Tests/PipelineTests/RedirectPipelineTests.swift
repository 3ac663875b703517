import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Redirects in a whole run: a redirect into a path robots.txt disallows is never requested; it blocks a
/// source only when it is the source's own URL that redirects there.
@Suite struct RedirectPipelineTests {
    @Test func aRedirectIntoADisallowedPathIsBlockedNotRequested() async throws {
        let w = try await PipelineWorld()
        try w.server.write("robots.txt", "User-agent: *\nDisallow: /abonnes/\n")
        // The journal's item is a short link into the subscribers' area; the other source's own URL is one.
        try w.server.write("feed.xml", ArticleStageTests.feed(w.server.baseURL))
        try w.server.route("/articles/1.html", .redirect(to: "/abonnes/1.html", status: 301))
        try w.server.write("abonnes/1.html", ArticleStageTests.page(ArticleStageTests.body))
        try w.server.route("/s/feed", .redirect(to: "/abonnes/feed.xml", status: 301))
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "abonnes/feed.xml")
        try w.configure(
            [("short", "/s/feed")],
            extra: "  - id: journal\n    url: \(w.server.url("/feed.xml"))\n    articles: true\n    delay: 0s\n")
        let report = try await w.run()
        #expect(w.server.requests().filter { $0.path.hasPrefix("/abonnes/") }.isEmpty)
        #expect(w.server.requests(path: "/articles/1.html").count == 1)

        let journal = try #require(report.outcomes.first { $0.source == "journal" })
        #expect(journal.status == .ok && !journal.failed)
        // The item keeps its feed summary; the page is not a trouble of the source.
        #expect(try w.store().search("résumé").count == 1)
        #expect(try OperationsScheduleTests.trouble(report)["journal"] == nil)

        let short = try #require(report.outcomes.first { $0.source == "short" })
        #expect(short.status == .blocked && !short.failed)
        #expect(
            short.error
                == "fetch \(w.server.url("/s/feed")): redirect to \(w.server.url("/abonnes/feed.xml")): blocked by robots.txt"
        )
        #expect(try OperationsScheduleTests.trouble(report)["short"] == "blocked")
    }
}
