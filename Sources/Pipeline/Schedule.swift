import Foundation
import Storage
import VeilleCore

/// When sources are due: per-source `every`, a small random jitter, and back-off after failures.
public struct Schedule: Sendable {
    /// Longest back-off after consecutive failures.
    public static let maxBackoff: TimeInterval = 7 * 86_400
    /// Largest jitter: 5 % of `every`, at most 15 minutes. The jitter only ever brings a source forward, so
    /// that a nightly cron line never finds a daily source a few seconds short of due.
    public static let maxJitter: TimeInterval = 15 * 60

    /// A random number in [0, 1); tests inject a fixed one.
    public var random: @Sendable () -> Double

    public init(random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) { self.random = random }

    /// Whether a source is due at `now`: never attempted, or its next due time has come.
    public func isDue(_ state: SourceRecord?, now: Date) -> Bool {
        guard let next = state?.nextDueAt else { return true }
        return next <= now
    }

    /// The next due time after a success at `now`.
    public func nextAfterSuccess(every: TimeInterval, now: Date) -> Date {
        now.addingTimeInterval(every - min(every * 0.05, Schedule.maxJitter) * random())
    }

    /// The next due time after the `failures`-th consecutive failure: `every` doubled for each failure
    /// after the first, capped at 7 days (or `every` when that is longer).
    public func nextAfterFailure(every: TimeInterval, failures: Int, now: Date) -> Date {
        let exponent = Double(max(0, min(failures - 1, 20)))
        let backoff = min(every * pow(2, exponent), max(Schedule.maxBackoff, every))
        return now.addingTimeInterval(backoff - min(every * 0.05, Schedule.maxJitter) * random())
    }
}
