import Foundation
import Storage
import VeilleCore

/// The top of a digest: one row per followed campaign and actor with tonight's counts by delta kind, its
/// daily linked items over ``trendDays`` days, and the burst verdict on the last day (``BurstRule``).
public struct DigestSummary: Sendable {
    /// One campaign's or actor's row.
    public struct Row: Sendable {
        public var entity: String
        /// `campaign` or `actor`.
        public var kind: String
        public var name: String
        /// Tonight's listed deltas linked to it, by delta kind (kinds in ``DeltaKind`` order).
        public var tonight: [(kind: DeltaKind, count: Int)]
        /// Daily linked items, oldest first, ending with the last 24 hours.
        public var trend: [Int]
        /// The burst rule's verdict on the last day (nil without daily counts).
        public var verdict: BurstRule.Verdict?

        /// Whether the last day is a burst.
        public var isBurst: Bool { verdict?.isBurst == true }
    }

    /// Days of the trend (reason: a month shows a rise against its background at a glance).
    public static let trendDays = 30

    public var rows: [Row]

    /// A summary of some rows.
    public init(rows: [Row]) { self.rows = rows }

    /// The rows whose last day is a burst, largest ratio first.
    public var bursts: [Row] {
        rows.filter(\.isBurst).sorted {
            let a = $0.verdict.map { Double($0.count) / max($0.mean, 0.01) } ?? 0
            let b = $1.verdict.map { Double($0.count) / max($0.mean, 0.01) } ?? 0
            return a > b
        }
    }

    /// The summary of a digest.
    ///
    /// - Parameters:
    ///   - entities: the followed campaigns then actors, in watchlist order: id, kind, name.
    ///   - listed: tonight's listed deltas (duplicates included).
    ///   - daily: daily linked items per entity over ``trendDays`` days (``Store/dailyLinkedItems(days:endingAt:)``)
    ///     and the store's history in days; nil for no trend.
    init(
        entities: [(id: String, kind: String, name: String)], listed: [DeltaExport],
        daily: (counts: [String: [Int]], history: Int)?
    ) {
        var tonight: [String: [DeltaKind: Int]] = [:]
        for d in listed {
            for e in Set(d.campaigns + d.actors) { tonight[e, default: [:]][d.kind, default: 0] += 1 }
        }
        rows = entities.map { e in
            let kinds = DeltaKind.allCases.compactMap { k in tonight[e.id]?[k].map { (kind: k, count: $0) } }
            let trend = daily.map { $0.counts[e.id] ?? Array(repeating: 0, count: Self.trendDays) } ?? []
            // Days before the store's history began are unknown, not zero: the rule sees only known days.
            let known = daily.map { Array(trend.suffix(min(trend.count, $0.history + 1))) } ?? []
            return Row(
                entity: e.id, kind: e.kind, name: e.name, tonight: kinds, trend: trend,
                verdict: known.isEmpty ? nil : BurstRule.judge(known))
        }
    }

    /// "3 nouveaux · 1 modifié" for one row ("—" when nothing tonight).
    func tonightLine(_ row: Row, _ m: Messages) -> String {
        row.tonight.isEmpty ? "—" : row.tonight.map { m.count($0.count, $0.kind.rawValue) }.joined(separator: " · ")
    }

    /// A burst's figures: "Doppelgänger: 12 items today, 28-day mean 1.4 (p = 2.1e-07)".
    func burstLine(_ row: Row, _ m: Messages) -> String {
        guard let v = row.verdict else { return row.name }
        return m.format(
            "burst.line", row.name, m.count(v.count, "item"), m.decimal(v.mean), String(format: "%.1e", v.pValue))
    }

    /// Eight heights of a text sparkline (reason: the Unicode lower blocks, readable in any mail client).
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The trend as a text sparkline, scaled to its own peak (a flat line when empty).
    static func sparkline(_ trend: [Int]) -> String {
        let peak = trend.max() ?? 0
        return String(trend.map { n in peak == 0 || n == 0 ? " " : blocks[min(7, (n * 8 - 1) / peak)] })
    }

    /// The `summary` JSON: one object per row.
    var json: JSONValue {
        .array(
            rows.map { r in
                .object([
                    ("entity", .string(r.entity)), ("kind", .string(r.kind)), ("name", .string(r.name)),
                    ("tonight", .object(r.tonight.map { ($0.kind.rawValue, .int($0.count)) })),
                    ("trend", .array(r.trend.map { .int($0) })),
                ])
            })
    }

    /// The `burst` JSON: one object per burst, with its figures and the rule's constants.
    var burstJSON: JSONValue {
        .object([
            (
                "rule",
                .object([
                    ("window_days", .int(BurstRule.window)), ("min_history_days", .int(BurstRule.minHistoryDays)),
                    ("min_count", .int(BurstRule.minCount)), ("ratio", .double(BurstRule.ratio)),
                    ("max_p_value", .double(BurstRule.maxPValue)),
                ])
            ),
            (
                "alerts",
                .array(
                    bursts.compactMap { r in
                        guard let v = r.verdict else { return nil }
                        return .object([
                            ("entity", .string(r.entity)), ("kind", .string(r.kind)), ("name", .string(r.name)),
                            ("count", .int(v.count)), ("mean", .double((v.mean * 1000).rounded() / 1000)),
                            ("history_days", .int(v.history)), ("p_value", .double(v.pValue)),
                        ])
                    })
            ),
        ])
    }
}
