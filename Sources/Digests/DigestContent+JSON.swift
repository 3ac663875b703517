import VeilleCore

extension DigestContent {
    /// The digest JSON: the foundation's, extended (README):
    /// `{"digest", "runs", "period", "counts", "language", "burst": {"rule", "alerts"}, "summary": [{"entity",
    /// "kind", "name", "tonight", "trend"}], "sections": [{"campaign", "actor", "title", "attributed_actors",
    /// "items": [<export object + "matches", "more_matches", "tags", "change"?, "senate_line"?,
    /// "official_title"?, "page"?, "duplicates">]}], "baseline", "sources_in_trouble"}`. Untrusted text stays whole (JSON escaping only).
    public var json: JSONValue {
        .object([
            ("digest", .string(digest)),
            ("runs", .array(runs.map { .int(Int($0)) })),
            ("period", .object([("from", .time(from)), ("to", .time(to))])),
            ("counts", .object(counts.map { ($0.0, .int($0.1)) })),
            ("language", .string(messages.language.rawValue)),
            ("burst", summary.burstJSON),
            ("summary", summary.json),
            (
                "sections",
                .array(
                    sections.map { s in
                        .object([
                            ("campaign", .string(s.campaign)), ("actor", .string(s.actor)), ("title", .string(s.title)),
                            ("attributed_actors", .array(s.attributedActors.map(JSONValue.string))),
                            ("items", .array(s.items.map(\.json))),
                        ])
                    })
            ),
            (
                "baseline",
                .array(baseline.map { .object([("source", .string($0.source)), ("count", .int($0.count))]) })
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
