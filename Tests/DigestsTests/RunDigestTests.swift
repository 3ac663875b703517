import Foundation
import Testing
import VeilleCore

@testable import Digests
@testable import Storage

/// The foundation's run digest: grouping, baseline counts, inert untrusted text.
@Suite struct RunDigestTests {
    static func delta(_ id: Int64, source: String, kind: DeltaKind = .new, baseline: Bool = false, title: String)
        -> DeltaExport
    {
        DeltaExport(
            id: id, run: 1, kind: kind, at: Date(timeIntervalSince1970: 0), source: source, baseline: baseline,
            itemID: id, guid: nil, url: "https://e.org/\(id)", canonicalURL: nil, title: title, text: nil,
            published: nil, campaigns: [], actors: [], previousTitle: nil, previousText: nil, detail: nil)
    }

    @Test func groupsBySourceAndCountsBaselines() {
        let d = RunDigest(
            runs: [1], from: Date(), to: Date(),
            deltas: [
                Self.delta(1, source: "b", title: "B1"), Self.delta(2, source: "a", baseline: true, title: "A1"),
                Self.delta(3, source: "a", title: "A2"),
            ],
            sourceOrder: ["a", "b"], trouble: [])
        #expect(d.sections.map(\.source) == ["a", "b"])
        #expect(d.sections[0].baselineCount == 1 && d.sections[0].items.map(\.title) == ["A2"])
        #expect(d.counts.first { $0.0 == "baseline" }?.1 == 1)
    }

    @Test func untrustedTextStaysInertInMarkdownAndWholeInJSON() {
        let evil = "Titre\r\n# Injected heading <script>alert(1)</script> [x](javascript:1)"
        let d = RunDigest(
            runs: [1], from: Date(), to: Date(), deltas: [Self.delta(1, source: "a", title: evil)],
            sourceOrder: ["a"],
            trouble: [RunDigest.Trouble(source: "a", error: "bad `code`\nline", failures: 2, status: .failed)])
        let md = d.markdown
        #expect(!md.contains("<script>") && !md.contains("\n# Injected"))
        #expect(md.contains("&lt;script&gt;"))
        let json = d.json.serialized()
        #expect(json.contains("Titre\\r\\n# Injected heading <script>alert(1)</script>"))
    }
}
