import Foundation
import Pipeline
import Storage
import Testing

/// The schedule's arithmetic with an injected random number and fixed dates: these tests never sleep.
@Suite struct OperationsScheduleTests {
    static let t0 = Date(timeIntervalSince1970: 1_732_000_000)
    static let hour: TimeInterval = 3600, day: TimeInterval = 86_400

    /// (every, consecutive failures, expected back-off before jitter).
    static let backoffs: [(TimeInterval, Int, TimeInterval)] = [
        (hour, 1, hour), (hour, 2, 2 * hour), (hour, 3, 4 * hour), (hour, 4, 8 * hour),
        (hour, 8, 128 * hour), (hour, 9, 7 * day), (hour, 50, 7 * day), // capped at 7 days
        (day, 1, day), (day, 2, 2 * day), (day, 3, 4 * day), (day, 4, 7 * day),
        (10 * day, 1, 10 * day), (10 * day, 5, 10 * day), // never sooner than `every`
        (6 * hour, 0, 6 * hour), // no failure yet: `every`
    ]

    @Test(arguments: backoffs)
    func backoffGrowsWithConsecutiveFailuresAndIsCapped(every: TimeInterval, failures: Int, expected: TimeInterval) {
        let noJitter = Schedule(random: { 0 })
        #expect(
            noJitter.nextAfterFailure(every: every, failures: failures, now: Self.t0)
                == Self.t0.addingTimeInterval(expected))
        // The jitter only brings a source forward, by at most 5 % of `every` and 15 minutes.
        let fullJitter = Schedule(random: { 1 })
        let jitter = min(every * 0.05, Schedule.maxJitter)
        #expect(
            fullJitter.nextAfterFailure(every: every, failures: failures, now: Self.t0)
                == Self.t0.addingTimeInterval(expected - jitter))
    }

    /// (every, random, expected delay after a success).
    static let successes: [(TimeInterval, Double, TimeInterval)] = [
        (hour, 0, hour), (hour, 0.5, hour - 90), (hour, 1, hour - 180),
        (day, 0, day), (day, 1, day - 15 * 60), (30, 1, 30 - 1.5),
    ]

    @Test(arguments: successes)
    func nextDueAfterASuccessIsEveryMinusAJitter(every: TimeInterval, random: Double, expected: TimeInterval) {
        let schedule = Schedule(random: { random })
        #expect(schedule.nextAfterSuccess(every: every, now: Self.t0) == Self.t0.addingTimeInterval(expected))
    }

    @Test func aSourceIsDueWhenNeverAttemptedOrItsTimeHasCome() {
        let schedule = Schedule(random: { 0 })
        var state = SourceRecord(id: "a", kind: .feed, url: "http://127.0.0.1/a")
        #expect(schedule.isDue(nil, now: Self.t0))
        #expect(schedule.isDue(state, now: Self.t0))
        state.nextDueAt = Self.t0.addingTimeInterval(60)
        #expect(!schedule.isDue(state, now: Self.t0))
        #expect(schedule.isDue(state, now: Self.t0.addingTimeInterval(60)))
    }

    @Test func backoffMovesAFailingSourceOutAndItStaysInTroubleUntilItRecovers() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("good", "/atom.xml"), ("flaky", "/flaky.xml")]) // flaky.xml: 404 for now
        let jitter = 0.05 * Self.hour
        var now = Self.t0
        for failures in 1...3 {
            let report = try await w.run(all: false, now: now)
            #expect(report.outcomes.first { $0.source == "flaky" }?.status == .failed)
            let state = try #require(try w.store().sourceState("flaky"))
            #expect(state.consecutiveFailures == failures && state.inTrouble)
            let expected = now.addingTimeInterval(Self.hour * pow(2, Double(failures - 1)))
            let due = try #require(state.nextDueAt)
            #expect(due <= expected && due >= expected.addingTimeInterval(-jitter), "failure \(failures)")
            #expect(try Self.trouble(report)["flaky"] == "failed", "in trouble after failure \(failures)")
            // Just before its next due time the source is left alone, while `good` (every 1h) may run.
            let early = try await w.run(all: false, now: due.addingTimeInterval(-1))
            #expect(!early.outcomes.contains { $0.source == "flaky" })
            now = due
        }
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "flaky.xml")
        let recovered = try await w.run(all: false, now: now)
        #expect(recovered.outcomes.first { $0.source == "flaky" }?.status == .ok)
        let state = try #require(try w.store().sourceState("flaky"))
        #expect(state.consecutiveFailures == 0 && !state.inTrouble)
        #expect(try Self.trouble(recovered)["flaky"] == nil)
    }

    /// The digest's "sources in trouble": source → status.
    static func trouble(_ report: RunReport) throws -> [String: String] {
        let path = try #require(report.digestPaths.first { $0.hasSuffix(".json") })
        let object =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let list = try #require(object?["sources_in_trouble"] as? [[String: Any]])
        var out: [String: String] = [:]
        for entry in list {
            if let source = entry["source"] as? String { out[source] = entry["status"] as? String ?? "" }
        }
        return out
    }
}
