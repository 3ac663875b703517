import VeilleCore

extension RunDigest {
    /// The run digest as JSON:
    /// `{"runs", "period": {"from", "to"}, "counts", "sections": [{"source", "baseline", "items"}], "sources_in_trouble"}`.
    public var json: JSONValue {
        .object([
            ("runs", .array(runs.map { .int(Int($0)) })),
            ("period", .object([("from", .time(from)), ("to", .time(to))])),
            ("counts", .object(counts.map { ($0.0, .int($0.1)) })),
            (
                "sections",
                .array(
                    sections.map { s in
                        .object([
                            ("source", .string(s.source)), ("baseline", .int(s.baselineCount)),
                            ("items", .array(s.items.map(\.json))),
                        ])
                    })
            ),
            (
                "sources_in_trouble",
                .array(
                    trouble.map { t in
                        .object([
                            ("source", .string(t.source)), ("error", .string(t.error)), ("failures", .int(t.failures)),
                            ("status", .string(t.status.rawValue)),
                        ])
                    })
            ),
        ])
    }
}
