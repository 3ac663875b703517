import Foundation
import Storage

/// A daily bar chart drawn on the server as inline SVG (no script), with its numbers as a table for a
/// text alternative. The same model serves the HTML digest's chart template.
struct Chart: Encodable {
    /// One day's bar; `x`, `y`, `height` are SVG user units.
    struct Bar: Encodable {
        var day: String
        var count: Int
        var x: Int
        var y: Int
        var height: Int
    }

    var days: Int
    var total: Int
    var peak: Int
    var peakDay: String?
    var bars: [Bar]
    /// Days with at least one item, for the table (the SVG already shows the empty ones).
    var nonEmpty: [Bar]

    /// Bar width and chart height in SVG units (reason: 6 × 90 days = 540, the viewBox width).
    static let barWidth = 6
    static let height = 100

    enum CodingKeys: String, CodingKey {
        case days, total, peak, peakDay
        case nonEmpty = "daily"
    }

    /// The `days` days ending with `now`'s day, from the counts of the days that have items.
    init(counts: [DayCount], days: Int, now: Date) {
        let byDay = Dictionary(counts.map { ($0.day, $0.count) }, uniquingKeysWith: +)
        let labels = (0..<days).reversed().map { Format.day(now.addingTimeInterval(-Double($0) * 86_400)) }
        let values = labels.map { byDay[$0] ?? 0 }
        let peak = values.max() ?? 0
        self.days = days
        total = values.reduce(0, +)
        self.peak = peak
        peakDay = peak > 0 ? labels[values.firstIndex(of: peak) ?? 0] : nil
        bars = zip(labels, values).enumerated().map { i, pair in
            let h = peak == 0 ? 0 : max(pair.1 > 0 ? 1 : 0, pair.1 * Self.height / peak)
            return Bar(day: pair.0, count: pair.1, x: i * Self.barWidth, y: Self.height - h, height: h)
        }
        nonEmpty = bars.filter { $0.count > 0 }
    }
}
