import Foundation

extension Workbench {
    /// The item page as JSON (the keys of `GET /items/{id}` with `Accept: application/json`); nil when there
    /// is no such item.
    ///
    /// - Throws: ``WorkbenchError/badRequest(_:)`` for a revision that does not exist.
    public func itemJSON(id: Int64, a: Int64? = nil, b: Int64? = nil) throws -> String? {
        guard let view = try item(id: id, a: a, b: b) else { return nil }
        return String(decoding: try Renderer.encoder.encode(view), as: UTF8.self)
    }

    /// The item page as text for a terminal (control characters of stored text neutralised); with `diff`,
    /// the word diff of revisions `a` and `b` (default the last two), deletions as `[-…-]`, insertions as
    /// `{+…+}`.
    public func itemText(id: Int64, diff: Bool, a: Int64? = nil, b: Int64? = nil) throws -> String? {
        guard let v = try item(id: id, a: a, b: b) else { return nil }
        var out: [String] = []
        func line(_ s: String) { out.append(Format.terminalSafe(s)) }
        line(v.title)
        line("item \(v.id) · \(v.source)" + (v.author.map { " · " + $0 } ?? ""))
        line("published: \(v.published ?? "not given") · first seen: \(v.firstSeen) · last seen: \(v.lastSeen)")
        if let url = v.url { line("url: " + url) }
        if let c = v.canonicalUrl, c != v.url { line("canonical: " + c) }
        if let t = v.takedown {
            line("TAKEN DOWN: \(t.status ?? "404/410")" + (t.seenAt.map { " seen at " + $0 } ?? ""))
        }
        if diff {
            guard let d = v.diff else {
                throw WorkbenchError.badRequest("item \(id) has a single revision: nothing to compare")
            }
            line("")
            line("diff of revision \(d.a) (\(d.aRecordedAt)) → \(d.b) (\(d.bRecordedAt))")
            line("title: " + Self.wdiff(d.title))
            line("")
            line(Self.wdiff(d.text))
            return out.joined(separator: "\n") + "\n"
        }
        line("")
        line("evidence:")
        if v.evidence.isEmpty { line("  not linked") }
        for e in v.evidence {
            line("  \(e.name) (\(e.kind), \(e.entityId))")
            for m in e.matches {
                line("    “\(m.found)” in \(m.field), alias \(m.alias), rule \(m.rule): \(m.snippet)")
            }
        }
        line("")
        line("text (matches between »«):")
        line(v.textSegments.map { $0.mark ? "»" + $0.text + "«" : $0.text }.joined())
        if let s = v.senate {
            line("")
            line("Sénat question \(s.number ?? s.reference) (\(s.state)):")
            for e in s.events {
                line(
                    "  \(e.date) \(e.label)" + (e.ministry.map { " — " + $0 } ?? "")
                        + (e.joPage.map { " (JO p. \($0))" } ?? ""))
            }
        }
        line("")
        line("near-duplicates: " + (v.nearDuplicates.isEmpty ? "none" : ""))
        for n in v.nearDuplicates { line("  \(n.id) \(n.source) \(n.firstSeen) \(n.title)") }
        line("revisions:")
        for r in v.revisions { line("  \(r.number) \(r.reason) \(r.recordedAt)" + (r.run.map { " run \($0)" } ?? "")) }
        line("snapshots: " + (v.snapshots.isEmpty ? "none" : ""))
        for s in v.snapshots {
            line("  \(s.number) \(s.fetchedAt) HTTP \(s.httpStatus) \(s.length) bytes sha256 \(s.sha256)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func item(id: Int64, a: Int64?, b: Int64?) throws -> ItemView? {
        do { return try itemPage(id: id, a: a, b: b) } catch let e as PageError {
            if e.status == 404 { return nil }
            throw WorkbenchError.badRequest(e.message)
        }
    }

    static func wdiff(_ segments: [WordDiff.Segment]) -> String {
        segments.map { s in
            switch s.op {
            case .same: return s.text
            case .deleted: return "[-" + s.text + "-]"
            case .inserted: return "{+" + s.text + "+}"
            }
        }.joined()
    }
}
