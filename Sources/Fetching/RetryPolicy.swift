import Foundation

/// When and how long to wait before trying a fetch again within a run: timeouts, network failures and
/// 5xx answers, at most ``maxTries`` tries, exponential backoff with jitter.
///
/// A 429 or 503 with a readable `Retry-After` waits what the server asked (clamped to a day by
/// ``RetryAfter``) when that fits within ``maxWait``; otherwise the source's fetch is left failed for
/// this run and the host is paused.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included (the operations issue: at most 3).
    public var maxTries: Int
    /// The wait before the second try; doubled before each later one.
    public var baseDelay: TimeInterval
    /// Jitter as a fraction of the wait: 0.5 spreads a 2 s wait over 1–3 s, so hosts are not hit in step.
    public var jitter: Double
    /// The longest wait a retry may take within a run (a longer Retry-After ends the attempt).
    public var maxWait: TimeInterval

    /// Creates a policy; defaults: 3 tries, 1 s base, ±50 % jitter, 60 s longest wait.
    public init(maxTries: Int = 3, baseDelay: TimeInterval = 1, jitter: Double = 0.5, maxWait: TimeInterval = 60) {
        self.maxTries = maxTries
        self.baseDelay = baseDelay
        self.jitter = jitter
        self.maxWait = maxWait
    }

    /// Whether an HTTP status is worth another try (5xx, and 429 Too Many Requests).
    public func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// Whether an error is worth another try (timeouts and network failures, not refusals or caps).
    public func isRetryable(_ error: Error) -> Bool {
        (error as? FetchError)?.isTransient ?? false
    }

    /// The backoff before try number `next` (2 for the first retry): `baseDelay × 2^(next−2)`, jittered.
    public func backoff<R: RandomNumberGenerator>(beforeTry next: Int, using random: inout R) -> TimeInterval {
        let exponent = max(0, next - 2)
        let plain = baseDelay * pow(2, Double(min(exponent, 30)))
        let spread = plain * jitter
        let jittered = spread > 0 ? Double.random(in: (plain - spread)...(plain + spread), using: &random) : plain
        return min(max(0, jittered), maxWait)
    }

    /// The wait before try `next` after a response: the server's Retry-After when it gave a readable one
    /// (nil when that is longer than ``maxWait``: give up for this run), else the backoff.
    public func wait<R: RandomNumberGenerator>(
        beforeTry next: Int, retryAfter: RetryAfter?,
        using random: inout R
    ) -> TimeInterval? {
        if let seconds = retryAfter?.seconds {
            return seconds <= maxWait ? seconds : nil
        }
        return backoff(beforeTry: next, using: &random)
    }
}
