import Foundation

/// When a day's count of linked items is a burst: a sudden rise an analyst should look at first.
///
/// A day is a burst when **all** of these hold (constants below, each with its reason):
/// 1. at least ``minHistoryDays`` earlier days of history exist (the first days of a new watchlist or a new
///    store have nothing to compare with);
/// 2. the day has at least ``minCount`` items (a jump from 0.1 to 2 items is not news);
/// 3. the count is at least ``ratio`` × the trailing mean `μ` of the ``window`` days before it (fewer
///    when the history is shorter);
/// 4. the count is improbable under a Poisson law of mean `μ`: `P(X ≥ count) <` ``maxPValue``.
///
/// Days are 24-hour windows ending at the digest's time, so "today" is the last 24 hours.
public enum BurstRule {
    /// Trailing days the mean is taken over (reason: four weeks smooth out the weekly rhythm of the press).
    public static let window = 28
    /// Days of history needed before any burst (reason: one week at least gives a mean worth comparing to).
    public static let minHistoryDays = 7
    /// Items needed on the day (reason: below five, a "burst" is one busy afternoon of one source).
    public static let minCount = 5
    /// How many times the mean the day must reach (reason: an analyst notices a tripling, not +30 %).
    public static let ratio = 3.0
    /// Poisson upper-tail probability below which the count is improbable (reason: 1 in 1,000 days, about one
    /// false alarm per entity every three years).
    public static let maxPValue = 0.001

    /// The verdict on one day.
    public struct Verdict: Sendable, Equatable {
        public var count: Int
        /// The trailing mean, over ``history`` days.
        public var mean: Double
        public var history: Int
        /// `P(X ≥ count)` under Poisson(mean).
        public var pValue: Double
        public var isBurst: Bool
    }

    /// The verdict on `series.last`, the days before it being its history (oldest first).
    ///
    /// - Parameter series: daily counts, oldest first, ending with the day judged. Days before the store's
    ///   history began must not be in it (they are not zeros, they are unknown).
    public static func judge(_ series: [Int]) -> Verdict? {
        guard let count = series.last else { return nil }
        let history = series.dropLast().suffix(window)
        let mean = history.isEmpty ? 0 : Double(history.reduce(0, +)) / Double(history.count)
        let p = poissonUpperTail(count, mean: mean)
        let burst =
            history.count >= minHistoryDays && count >= minCount && Double(count) >= ratio * mean && p < maxPValue
        return Verdict(count: count, mean: mean, history: history.count, pValue: p, isBurst: burst)
    }

    /// `P(X ≥ k)` for `X ~ Poisson(mean)`: the sum of the terms from `k` up, in log space (no overflow for
    /// large counts; the terms shrink once past the mean).
    public static func poissonUpperTail(_ k: Int, mean: Double) -> Double {
        if k <= 0 { return 1 }
        if mean <= 0 { return 0 }
        if Double(k) <= mean {
            // Below the mean the tail is large: 1 − P(X < k), summed directly.
            var term = exp(-mean)
            var below = 0.0
            for i in 0..<k {
                below += term
                term *= mean / Double(i + 1)
            }
            return max(0, 1 - below)
        }
        var term = exp(-mean + Double(k) * log(mean) - lgamma(Double(k) + 1))
        var sum = 0.0
        var i = k
        while term > sum * 1e-17 && i < k + 10_000 {
            sum += term
            i += 1
            term *= mean / Double(i)
        }
        return min(1, sum)
    }
}
