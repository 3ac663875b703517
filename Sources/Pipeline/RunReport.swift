import Foundation
import VeilleCore

/// How one source fared in a run.
public struct SourceOutcome: Sendable, Equatable {
    public var status: SourceStatus
    public var source: String
    public var error: String?
    public var httpStatus: Int?
    public var bytes: Int
    public var items: Int
    public var newCount: Int
    public var changedCount: Int
    public var baseline: Bool

    public init(
        source: String, status: SourceStatus, error: String? = nil, httpStatus: Int? = nil, bytes: Int = 0,
        items: Int = 0, newCount: Int = 0, changedCount: Int = 0, baseline: Bool = false
    ) {
        self.source = source
        self.status = status
        self.error = error
        self.httpStatus = httpStatus
        self.bytes = bytes
        self.items = items
        self.newCount = newCount
        self.changedCount = changedCount
        self.baseline = baseline
    }

    public var failed: Bool { status == .failed }
}

/// What a run did: per-source outcomes, the digest written, and the exit code it earns.
public struct RunReport: Sendable {
    public var runID: Int64
    public var startedAt: Date
    public var finishedAt: Date
    public var outcomes: [SourceOutcome]
    public var digestPaths: [String]
    /// A digest that could not be delivered (exit 5).
    public var digestError: (any Error)?
    /// When `veille run` found no source due: the one due first, and when.
    public var nextDue: (source: String, at: Date)? = nil

    /// Deltas recorded in this run, by the counts of the outcomes.
    public var deltaCount: Int { outcomes.reduce(0) { $0 + $1.newCount + $1.changedCount } }

    /// One line for logs and terminals.
    public var summaryLine: String {
        let failed = outcomes.filter(\.failed).count
        let unchanged = outcomes.filter { $0.status == .notModified }.count
        let items = outcomes.reduce(0) { $0 + $1.items }
        let seconds = String(format: "%.1f", finishedAt.timeIntervalSince(startedAt))
        if outcomes.isEmpty, let next = nextDue {
            return
                "run \(runID): 0 sources due; next: \(next.source) at \(Self.clock(next.at, from: finishedAt)), \(seconds)s"
        }
        return
            "run \(runID): \(outcomes.count) sources (\(unchanged) unchanged, \(failed) failed), \(items) items, \(deltaCount) deltas, \(seconds)s"
    }

    /// The report as JSON, stored with the run.
    public var json: JSONValue {
        .object([
            ("run", .int(Int(runID))), ("started", .time(startedAt)), ("finished", .time(finishedAt)),
            (
                "sources",
                .array(
                    outcomes.map { o in
                        .object([
                            ("source", .string(o.source)), ("status", .string(o.status.rawValue)),
                            ("error", .string(o.error)),
                            ("http_status", .int(o.httpStatus)), ("bytes", .int(o.bytes)), ("items", .int(o.items)),
                            ("new", .int(o.newCount)), ("changed", .int(o.changedCount)),
                            ("baseline", .bool(o.baseline)),
                        ])
                    })
            ),
            ("digest", .array(digestPaths.map(JSONValue.string))),
        ])
    }
}

extension RunReport {
    /// A due time as a person reads it: `00:56 (in 42 min)` the same day in the local time zone, else with its
    /// date, `2024-11-19 00:56 (in 1 d 2 h)`; `in 1 h`, `in 2 h 5 min`.
    static func clock(_ at: Date, from now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = calendar.isDate(at, inSameDayAs: now) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        let minutes = max(0, Int((at.timeIntervalSince(now) / 60).rounded(.up)))
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        let wait =
            days > 0
            ? "\(days) d" + (hours > 0 ? " \(hours) h" : "")
            : hours > 0 ? "\(hours) h" + (rest > 0 ? " \(rest) min" : "") : "\(rest) min"
        return "\(f.string(from: at)) (in \(wait))"
    }
}
