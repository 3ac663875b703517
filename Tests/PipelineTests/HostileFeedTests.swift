import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Hostile feeds through the whole pipeline over the loopback server: entity
/// bombs and external entities are neither expanded nor read, broken XML gives its recoverable items,
/// and bytes that lie about their charset give a best effort, never a crash.
@Suite struct HostileFeedTests {
    static func fixture(_ name: String) throws -> String { try PipelineWorld.fixtureText("hostile/\(name)") }

    /// Every stored title, text and summary, for "nothing leaked" checks.
    static func storedText(_ w: PipelineWorld) throws -> String {
        try Hostile.query(w.db, "SELECT title, text, summary FROM item").flatMap { $0.compactMap { $0 } }.joined(
            separator: "\n")
    }

    @Test func billionLaughsIsNotExpandedAnywhere() async throws {
        let w = try await PipelineWorld()
        try w.server.write("bomb.xml", try Self.fixture("billion-laughs.rss"))
        try Hostile.configure(w, [Hostile.feed(w, id: "bomb", path: "/bomb.xml")])
        let (report, rss, _) = try await Hostile.measuringMemory { try await w.run() }
        #expect(report.outcomes.first?.status == .ok, "\(report.outcomes)")
        let titles = try Hostile.query(w.db, "SELECT guid, title FROM item ORDER BY guid")
        // veille's XML parser records the declared entities and never expands them: every item is read
        // (libxml2, which checked each entity's amplification on its first reference, stopped there).
        #expect(titles.map { $0[0] } == ["bomb-1", "bomb-2"])
        #expect(titles.first?[1] == "Premier titre", "\(titles)")
        let stored = try Self.storedText(w)
        #expect(!stored.contains("lollol"), "an entity was expanded")
        #expect(stored.utf8.count < 2_000)
        #expect(rss < 200_000, "resident set grew by \(rss) KB")
        let size = (try FileManager.default.attributesOfItem(atPath: w.db)[.size] as? Int) ?? 0
        #expect(size < 2_000_000)
        for file in Hostile.digestFiles(w) {
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("lollol"))
        }
    }

    @Test func externalEntitiesAreNeitherReadNorFetched() async throws {
        let w = try await PipelineWorld()
        let secret = "CANARY-\(UUID().uuidString)"
        let web = "WEBCANARY-\(UUID().uuidString)"
        let canary = w.dir.appendingPathComponent("secret.txt")
        try secret.write(to: canary, atomically: true, encoding: .utf8)
        try w.server.write("entity.txt", web)
        try w.server.write("remote.dtd", "<!ENTITY leak \"\(web)\">")
        try w.server.write("evil.dtd", "<!ENTITY leak \"\(web)\">")
        let feed = try Self.fixture("xxe.rss").replacingOccurrences(of: "{{CANARY}}", with: canary.path)
            .replacingOccurrences(of: "{{BASE}}", with: w.server.baseURL)
        try w.server.write("xxe.xml", feed)
        try Hostile.configure(w, [Hostile.feed(w, id: "xxe", path: "/xxe.xml")])
        let report = try await w.run()

        #expect(report.outcomes.first?.status == .ok, "\(report.outcomes)")
        let requested = w.server.requests().map(\.path).filter { $0 != "/robots.txt" }
        #expect(requested == ["/xxe.xml"], "only the feed itself may be requested")
        #expect(try Hostile.query(w.db, "SELECT guid FROM item ORDER BY guid").map { $0[0] } == ["xxe-1", "xxe-2"])
        let stored = try Self.storedText(w)
        #expect(!stored.contains(secret) && !stored.contains(web))
        // Not in any table, the write-ahead log or a digest either.
        for path in [w.db, w.db + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil && bytes.range(of: Data(web.utf8)) == nil, "\(path)")
        }
        for file in Hostile.digestFiles(w) {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(secret) && !text.contains(web), "\(file.lastPathComponent)")
        }
    }

    @Test func malformedXMLKeepsItsRecoverableItems() async throws {
        let w = try await PipelineWorld()
        try w.server.write("broken.xml", try Self.fixture("malformed.rss"))
        try Hostile.configure(w, [Hostile.feed(w, id: "broken", path: "/broken.xml")])
        let report = try await w.run()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .ok, "\(outcome)")
        let rows = try Hostile.query(w.db, "SELECT guid, title FROM item ORDER BY guid")
        let guids = rows.compactMap { $0[0] }
        #expect(guids.starts(with: ["broken-1", "broken-2"]), "\(rows)")
        #expect(rows.first?[1]?.hasPrefix("Premier article") == true)
        #expect(rows.count >= 2 && rows.count <= 3, "the cut-off last item may be dropped: \(rows)")
        // A second run over the same bytes changes nothing: recovery is deterministic.
        let again = try await w.run(force: true)
        #expect(try w.store().deltas(.run(again.runID)).isEmpty)
    }

    @Test func anInlineElementLeftOpenSwallowsTheFollowingItems() async throws {
        let w = try await PipelineWorld()
        try w.server.write("nest.xml", try Self.fixture("malformed-nesting.rss"))
        try Hostile.configure(w, [Hostile.feed(w, id: "nest", path: "/nest.xml")])
        let report = try await w.run()
        #expect(report.outcomes.first?.status == .ok || report.outcomes.first?.error?.isEmpty == false)
        let guids = try Hostile.query(w.db, "SELECT guid FROM item ORDER BY guid").compactMap { $0[0] }
        // The description's end tag closes the `<b>` left open inside it (libxml2's recovery nested the rest
        // of the feed inside the `<b>`).
        #expect(guids == ["nest-1", "nest-2", "nest-3"])
        let texts = try Hostile.query(w.db, "SELECT summary FROM item ORDER BY guid").compactMap { $0[0] }
        #expect(texts.first == "Un paragraphe non fermé", "\(texts)")
    }

    /// (served bytes, HTTP Content-Type, what the title must look like)
    static let charsetCases: [(name: String, bytes: [UInt8], contentType: String, title: @Sendable (String) -> Bool)] =
        [
            // Declared UTF-8 (HTTP and XML) but windows-1252 bytes: the rule falls back to windows-1252.
            (
                "invalid UTF-8", rss(title: [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x20, 0xFF]),
                "application/rss+xml; charset=utf-8",
                { $0.hasPrefix("Café €") }
            ),
            // Valid UTF-8 labelled ISO-8859-1 by the server: the label wins (mojibake or repaired), no crash.
            (
                "UTF-8 labelled latin-1", rss(title: Array("Café".utf8)), "application/rss+xml; charset=iso-8859-1",
                { $0.hasPrefix("Caf") }
            ),
            // ASCII labelled UTF-16: a lie that would garble everything; a best effort or a named failure.
            (
                "ASCII labelled UTF-16", rss(title: Array("Menteur".utf8)), "application/rss+xml; charset=utf-16",
                { _ in true }
            ),
            // Truncated multi-byte sequences and overlong encodings inside a UTF-8 document.
            (
                "broken sequences",
                rss(title: [0x41, 0xC3, 0x20, 0xE2, 0x82, 0x20, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x42]),
                "application/rss+xml", { $0.hasPrefix("A") }
            ),
        ]

    static func rss(title: [UInt8]) -> [UInt8] {
        Array(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Charset</title><item><guid>c-1</guid><title>"
                .utf8)
            + title + Array("</title><description>Texte</description></item></channel></rss>".utf8)
    }

    @Test(arguments: 0..<charsetCases.count)
    func bytesThatLieAboutTheirCharsetGiveABestEffort(_ index: Int) async throws {
        let c = Self.charsetCases[index]
        let w = try await PipelineWorld()
        try w.server.write("feed.xml", bytes: c.bytes)
        try w.server.route("/feed.xml", .file(contentType: c.contentType))
        try Hostile.configure(w, [Hostile.feed(w, id: "charset", path: "/feed.xml")])
        let report = try await w.run()
        let outcome = try #require(report.outcomes.first)
        if outcome.status == .ok {
            let title = try #require(try Hostile.query(w.db, "SELECT title FROM item").first?[0], "\(c.name)")
            #expect(c.title(title), "\(c.name): \(title)")
        } else {
            #expect(outcome.status == .failed && outcome.error?.isEmpty == false, "\(c.name): \(outcome)")
        }
        #expect(try w.store().integrityCheck() == "ok")
    }
}
