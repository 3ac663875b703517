import Foundation
import Testing

@testable import Fetching

/// Retry-After reading and the backoff schedule; no clock needed.
struct RetryTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000) // Tue, 14 Nov 2023 22:13:20 GMT

    @Test(arguments: [
        ("120", 120.0 as Double?, false), ("0", 0, false), (" 30 ", 30, false),
        ("Tue, 14 Nov 2023 22:15:20 GMT", 120, false), ("Tuesday, 14-Nov-23 22:14:20 GMT", 60, false),
        ("Tue Nov 14 22:13:50 2023", 30, false), ("Wed, 21 Oct 2015 07:28:00 GMT", 0, true),
        ("999999", 86_400, true), ("Fri, 01 Jan 2100 00:00:00 GMT", 86_400, true),
        ("soon", nil, true), ("-5", nil, true), ("1e3", nil, true), ("", nil, true), ("12 s", nil, true),
    ])
    func retryAfterIsParsedAndClamped(_ value: String, _ seconds: Double?, _ reported: Bool) {
        let parsed = RetryAfter.parse(value, now: Self.now)
        #expect(parsed.seconds == seconds)
        #expect((parsed.problem != nil) == reported)
    }

    @Test func malformedValueIsQuotedSafely() {
        let parsed = RetryAfter.parse("later\r\nX-Injected: 1", now: Self.now)
        #expect(parsed.problem == "Retry-After \"laterX-Injected: 1\" is malformed")
    }

    @Test func backoffDoublesWithJitter() {
        var random = SystemRandomNumberGenerator()
        let plain = RetryPolicy(baseDelay: 1, jitter: 0)
        #expect([2, 3, 4].map { plain.backoff(beforeTry: $0, using: &random) } == [1, 2, 4])
        let jittered = RetryPolicy(baseDelay: 1, jitter: 0.5)
        for _ in 0..<100 {
            #expect((0.5...1.5).contains(jittered.backoff(beforeTry: 2, using: &random)))
            #expect((1...3).contains(jittered.backoff(beforeTry: 3, using: &random)))
        }
        #expect(RetryPolicy(baseDelay: 10, maxWait: 15).backoff(beforeTry: 9, using: &random) == 15)
    }

    @Test(arguments: [(500, true), (502, true), (503, true), (429, true), (404, false), (200, false), (304, false)])
    func retryableStatuses(_ status: Int, _ retryable: Bool) {
        #expect(RetryPolicy().isRetryable(status: status) == retryable)
    }

    @Test func transientErrorsAreRetried() {
        let policy = RetryPolicy()
        #expect(policy.isRetryable(FetchError.timeout(url: "u", seconds: 1)))
        #expect(policy.isRetryable(FetchError.network(url: "u", message: "reset")))
        #expect(!policy.isRetryable(FetchError.tooLarge(url: "u", limit: 1)))
        #expect(!policy.isRetryable(FetchError.refused(url: "u", reason: "r")))
    }

    @Test func serverWaitWinsWhenItFits() {
        var random = SystemRandomNumberGenerator()
        let policy = RetryPolicy(maxWait: 60)
        #expect(policy.wait(beforeTry: 2, retryAfter: RetryAfter(seconds: 30), using: &random) == 30)
        #expect(policy.wait(beforeTry: 2, retryAfter: RetryAfter(seconds: 3600), using: &random) == nil)
        let fallback = policy.wait(beforeTry: 2, retryAfter: RetryAfter(seconds: nil, problem: "bad"), using: &random)
        #expect(fallback.map { (0.5...1.5).contains($0) } == true)
    }
}
