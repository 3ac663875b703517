import Foundation
import Storage
import VeilleCore

/// What one digest says: the deltas of some runs grouped by source, baseline deltas counted per source,
/// and the sources in trouble.
public struct RunDigest: Sendable {
    /// One source's part of the digest.
    public struct Section: Sendable {
        public var source: String
        /// Deltas listed one by one (baseline ones are only counted).
        public var items: [DeltaExport]
        /// How many baseline `new` deltas the source had.
        public var baselineCount: Int
    }

    /// A source whose last attempt failed or was blocked.
    public struct Trouble: Sendable, Equatable {
        public var source: String
        public var error: String
        public var failures: Int
        public var status: SourceStatus

        /// A source in trouble.
        public init(source: String, error: String, failures: Int, status: SourceStatus) {
            self.source = source
            self.error = error
            self.failures = failures
            self.status = status
        }
    }

    public var runs: [Int64]
    public var from: Date
    public var to: Date
    public var sections: [Section]
    public var trouble: [Trouble]

    /// Groups `deltas` by source (in the order of `sourceOrder`, then by id).
    public init(
        runs: [Int64], from: Date, to: Date, deltas: [DeltaExport], sourceOrder: [String],
        trouble: [Trouble]
    ) {
        self.runs = runs
        self.from = from
        self.to = to
        self.trouble = trouble
        var bySource: [String: Section] = [:]
        for d in deltas {
            var s = bySource[d.source] ?? Section(source: d.source, items: [], baselineCount: 0)
            if d.baseline { s.baselineCount += 1 } else { s.items.append(d) }
            bySource[d.source] = s
        }
        let rank = Dictionary(sourceOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        sections = bySource.values.sorted {
            (rank[$0.source] ?? Int.max, $0.source) < (rank[$1.source] ?? Int.max, $1.source)
        }
    }

    /// Counts by delta kind (`new`, `changed`, …), plus `baseline` and `sources_in_trouble`.
    public var counts: [(String, Int)] {
        var kinds: [String: Int] = [:]
        for s in sections { for d in s.items { kinds[d.kind.rawValue, default: 0] += 1 } }
        var out = kinds.keys.sorted().map { ($0, kinds[$0] ?? 0) }
        out.append(("baseline", sections.reduce(0) { $0 + $1.baselineCount }))
        out.append(("sources_in_trouble", trouble.count))
        return out
    }

    /// True when there is nothing to say at all.
    public var isEmpty: Bool { sections.allSatisfy { $0.items.isEmpty && $0.baselineCount == 0 } && trouble.isEmpty }
}
