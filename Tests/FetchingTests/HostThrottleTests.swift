import TestSupport
import Testing

@testable import Fetching

/// The per-host throttle on a manual clock: no test sleeps.
struct HostThrottleTests {
    @Test func secondRequestWaitsForTheGap() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .seconds(1))
        try await throttle.acquire(host: "a.example")
        await throttle.release(host: "a.example")
        let second = Task {
            try await throttle.acquire(host: "a.example")
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(500))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .milliseconds(500))
        #expect(try await second.value == ManualClock.Instant(offset: .seconds(1)))
    }

    /// The gap is counted from the end of a request (its release), however long the request took.
    @Test func theGapRunsFromTheEndOfTheRequest() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .seconds(1))
        try await throttle.acquire(host: "a.example")
        clock.advance(by: .seconds(5)) // a slow response
        await throttle.release(host: "a.example")
        let second = Task {
            try await throttle.acquire(host: "a.example")
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(999))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .milliseconds(1))
        #expect(try await second.value == ManualClock.Instant(offset: .seconds(6)))
    }

    /// The slack is added to every gap, the declared delays' too, so a host's own late time stamp of a
    /// response's end never shows a gap under the delay.
    @Test func slackWidensEveryGap() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .seconds(1), slack: .milliseconds(5))
        await throttle.setDelay(.seconds(2), for: "a.example")
        try await throttle.acquire(host: "a.example")
        await throttle.release(host: "a.example")
        let second = Task {
            try await throttle.acquire(host: "a.example")
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(2))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .milliseconds(5))
        #expect(try await second.value == ManualClock.Instant(offset: .milliseconds(2005)))
        #expect(HostThrottle<ContinuousClock>().slack == HostThrottle<ContinuousClock>.realClockSlack)
    }

    @Test func oneRequestAtATimePerHost() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .zero)
        try await throttle.acquire(host: "a.example")
        let second = Task { try await throttle.acquire(host: "a.example") }
        while await throttle.queued(host: "a.example") < 1 { await Task.yield() }
        // Another host is not held up.
        try await throttle.acquire(host: "b.example")
        await throttle.release(host: "a.example")
        try await second.value
        #expect(await throttle.queued(host: "a.example") == 0)
    }

    @Test func largestDeclaredDelayApplies() async {
        let throttle = HostThrottle(clock: ManualClock(), defaultDelay: .seconds(1))
        #expect(await throttle.delay(for: "a.example") == .seconds(1))
        await throttle.setDelay(.seconds(3), for: "a.example")
        await throttle.setDelay(.seconds(2), for: "a.example")
        #expect(await throttle.delay(for: "a.example") == .seconds(3))
        #expect(await throttle.delay(for: "b.example") == .seconds(1))
    }

    @Test func pauseHoldsTheHost() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .zero)
        await throttle.pause(host: "a.example", for: .seconds(120))
        let next = Task {
            try await throttle.acquire(host: "a.example")
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(119))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(try await next.value == ManualClock.Instant(offset: .seconds(120)))
    }

    @Test func cancelledWaiterDoesNotHoldThePermit() async throws {
        let clock = ManualClock()
        let throttle = HostThrottle(clock: clock, defaultDelay: .seconds(10))
        try await throttle.acquire(host: "a.example")
        await throttle.release(host: "a.example")
        let waiting = Task { try await throttle.acquire(host: "a.example") }
        await clock.waitForSleepers(1)
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        clock.advance(by: .seconds(10))
        try await throttle.acquire(host: "a.example")
    }

    @Test func hostKeyIgnoresCaseAndPort() {
        #expect(HostThrottle<ManualClock>.host(of: "https://WWW.Example.org:8443/feed") == "www.example.org")
        #expect(HostThrottle<ManualClock>.host(of: "http://[::1]:8080/") == "::1")
    }
}
