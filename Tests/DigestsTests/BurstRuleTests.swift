import Foundation
import Testing

@testable import Digests

/// The burst rule on the cases the issue names: a flat series, a small absolute count, the first days
/// without history, a true spike; and the Poisson tail against known values.
@Suite struct BurstRuleTests {
    static let flat = Array(repeating: 4, count: 29)
    static let quiet = Array(repeating: 0, count: 28)

    @Test(
        arguments: [
            // A flat series: today as every day.
            (flat, false, "flat series"),
            // A small absolute count: 0 → 4 is ≥ 3 × the mean and improbable, but under 5 items.
            (quiet + [4], false, "small absolute count"),
            // The first days without history: a spike on day 3 of the store.
            ([0, 1, 12], false, "first days without history"),
            // A week of history is enough.
            (Array(repeating: 0, count: 7) + [6], true, "a week of history"),
            // A true spike: 1.4 a day, then 12.
            (Array(repeating: [1, 2, 1, 2, 1], count: 6).flatMap { $0 }.suffix(28) + [12], true, "true spike"),
            // Tripled but plausible: mean 10, today 30 is improbable; mean 2, today 6 is not (p ≈ 0.017).
            (Array(repeating: 2, count: 28) + [6], false, "tripled but plausible"),
            (Array(repeating: 10, count: 28) + [30], true, "tripled and improbable"),
            // Improbable but not tripled: mean 20, today 45 (p < 0.001, ratio 2.25).
            (Array(repeating: 20, count: 28) + [45], false, "improbable but not tripled"),
        ] as [([Int], Bool, String)])
    func verdicts(series: [Int], burst: Bool, label: String) throws {
        let v = try #require(BurstRule.judge(series))
        #expect(v.isBurst == burst, "\(label): count \(v.count), mean \(v.mean), p \(v.pValue)")
    }

    @Test func theMeanIsTakenOverTheTrailing28DaysOnly() throws {
        // 30 old days at 50, then 28 at 1: the old days are outside the window.
        let v = try #require(BurstRule.judge(Array(repeating: 50, count: 30) + Array(repeating: 1, count: 28) + [9]))
        #expect(v.mean == 1 && v.history == 28 && v.isBurst)
    }

    @Test(
        arguments: [
            (0, 1.0, 1.0), (1, 1.0, 1 - exp(-1.0)), (3, 0.5, 0.014387677966970687), (10, 1.4, 2.248494311518634e-06),
        ] as [(Int, Double, Double)])
    func poissonUpperTail(k: Int, mean: Double, expected: Double) {
        let p = BurstRule.poissonUpperTail(k, mean: mean)
        #expect(abs(p - expected) <= expected * 1e-3, "P(X ≥ \(k) | \(mean)) = \(p)")
    }
}
