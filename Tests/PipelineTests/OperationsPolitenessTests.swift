import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The run's fetch path (FetchPolicy) over a real server: robots.txt, retries and Retry-After.
@Suite struct OperationsPolitenessTests {
    @Test func aSourceDisallowedByRobotsIsBlockedInTroubleAndNotAFailure() async throws {
        let w = try await PipelineWorld()
        try w.server.write(
            "robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: veille\nDisallow: /blocked.xml\n")
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "blocked.xml")
        try w.configure([("good", "/atom.xml"), ("shy", "/blocked.xml")])
        let report = try await w.run()
        let shy = try #require(report.outcomes.first { $0.source == "shy" })
        #expect(shy.status == .blocked && !shy.failed)
        #expect(shy.error == "fetch \(w.server.url("/blocked.xml")): blocked by robots.txt")
        #expect(report.outcomes.first { $0.source == "good" }?.status == .ok)
        #expect(report.summaryLine.contains("0 failed"))
        let state = try #require(try w.store().sourceState("shy"))
        #expect(state.status == .blocked && state.inTrouble && state.consecutiveFailures == 0)
        #expect(try OperationsScheduleTests.trouble(report)["shy"] == "blocked")
        #expect(w.server.requests(path: "/blocked.xml").isEmpty)
        // A blocked source is not backed off: it is tried again at its usual time.
        let due = try #require(state.nextDueAt)
        #expect(due > Date().addingTimeInterval(3000))
    }

    @Test func anUnreadableRobotsTxtFailsTheSourceWithItsReason() async throws {
        let w = try await PipelineWorld()
        try w.server.route("/robots.txt", .status(500))
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure(
            [("a", "/atom.xml")],
            extra: "  - id: down\n    url: http://127.0.0.1:9/feed.xml\n    timeout: 5s\n    delay: 0s\n")
        let report = try await w.run()
        let a = try #require(report.outcomes.first { $0.source == "a" })
        #expect(
            a.failed
                && a.error
                    == "fetch \(w.server.url("/atom.xml")): not fetched this run, robots.txt unavailable (\(w.server.url("/robots.txt")): HTTP 500)"
        )
        #expect(w.server.requests(path: "/atom.xml").isEmpty)
        let down = try #require(report.outcomes.first { $0.source == "down" })
        #expect(down.failed && down.error?.contains("robots.txt unavailable (http://127.0.0.1:9/robots.txt:") == true)
        #expect(try w.store().sourceState("down")?.consecutiveFailures == 1)
        #expect(try OperationsScheduleTests.trouble(report) == ["a": "failed", "down": "failed"])
    }

    @Test func robotsTxtIsFetchedOncePerRunAndRevalidatedOnTheNext() async throws {
        let w = try await PipelineWorld()
        try w.server.write("robots.txt", "User-agent: *\nDisallow: /private/\n")
        for name in ["a", "b", "c"] { try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "\(name).xml") }
        try w.configure([("a", "/a.xml"), ("b", "/b.xml"), ("c", "/c.xml")])
        let first = try await w.run()
        #expect(first.outcomes.map(\.status) == [.ok, .ok, .ok])
        #expect(w.server.requests(path: "/robots.txt").count == 1)
        let copy = try #require(try w.store().robotsCopies()[w.server.baseURL])
        #expect(copy.etag != nil && String(decoding: copy.body, as: UTF8.self).contains("/private/"))

        let second = try await w.run()
        #expect(second.outcomes.map(\.status) == [.notModified, .notModified, .notModified])
        let robots = w.server.requests(path: "/robots.txt")
        #expect(robots.count == 2)
        #expect(robots.last?.isConditional == true && robots.last?.status == 304)
        #expect(try w.store().robotsCopies()[w.server.baseURL] == copy)

        // robots.txt changes: the next run reads the new rules (a 200, not the stored copy).
        try w.server.write("robots.txt", "User-agent: veille\nDisallow: /b.xml\n")
        let third = try await w.run()
        #expect(third.outcomes.map(\.status) == [.notModified, .blocked, .notModified])
        #expect(w.server.requests(path: "/robots.txt").last?.status == 200)
    }

    @Test func a503IsRetriedAndReportedWithItsTries() async throws {
        let w = try await PipelineWorld()
        // Retry-After 0 and a date in the past both mean "now": the retries do not wait.
        try w.server.route("/busy.xml", .status(503, headers: ["Retry-After": "0"]))
        try w.server.route("/past.xml", .status(503, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]))
        try w.configure([("busy", "/busy.xml"), ("past", "/past.xml")])
        let report = try await w.run()
        let busy = try #require(report.outcomes.first { $0.source == "busy" })
        #expect(busy.failed && busy.error == "fetch \(w.server.url("/busy.xml")): HTTP 503 after 3 tries")
        #expect(w.server.requests(path: "/busy.xml").count == 3)
        let past = try #require(report.outcomes.first { $0.source == "past" })
        #expect(past.failed && past.error?.contains("HTTP 503 after 3 tries") == true)
        #expect(past.error?.contains("in the past") == true)
        #expect(try w.store().sourceState("busy")?.consecutiveFailures == 1)
    }

    @Test func aLongRetryAfterLeavesTheHostAloneForTheRun() async throws {
        let w = try await PipelineWorld()
        try w.server.route("/later.xml", .status(429, headers: ["Retry-After": "7200"]))
        try w.configure([("later", "/later.xml")])
        let report = try await w.run()
        let later = try #require(report.outcomes.first)
        #expect(later.failed)
        #expect(
            later.error
                == "fetch \(w.server.url("/later.xml")): HTTP 429 with Retry-After 7200 s: not fetched again this run")
        #expect(w.server.requests(path: "/later.xml").count == 1)
    }
}
