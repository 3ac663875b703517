import Foundation
import Testing

@testable import Pipeline

/// The wait `veille run` prints when no source is due (`next: lemonde-une at 00:56 (in 42 min)`).
struct RunReportClockTests {
    static let cases: [(minutes: Double, wait: String)] = [
        (0.5, "(in 1 min)"), (42, "(in 42 min)"), (60, "(in 1 h)"), (125, "(in 2 h 5 min)"),
        (25 * 60, "(in 1 d 1 h)"), (2 * 1440, "(in 2 d)"),
    ]

    @Test(arguments: cases)
    func wait(_ c: (minutes: Double, wait: String)) {
        let now = Date(timeIntervalSince1970: 1_733_500_000)
        let text = RunReport.clock(now.addingTimeInterval(c.minutes * 60), from: now)
        #expect(text.hasSuffix(" " + c.wait), "\(text)")
        #expect(text.contains(#/^(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \(/#))
    }
}
