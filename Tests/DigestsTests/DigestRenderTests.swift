import Foundation
import Storage
import Syndication
import Testing
import VeilleCore

@testable import Digests

/// What a digest says, in every format: grouping, baselines, near-duplicates, the first 10 detailed,
/// hostile text inert, the Atom feed parsed back.
@Suite struct DigestRenderTests {
    static let hostile =
        "Alerte\r\nBcc: victim@example.org\r\n<script>alert(\"x\")</script> & \"quotes\" \u{202E}txet ليبيا Россия boycott Paris 2024"

    /// A world after a baseline run and a second run with matched, actor-only, unmatched, duplicated and
    /// changed items, plus a source in trouble.
    static func world() throws -> (DigestWorld, Int64) {
        let w = try DigestWorld()
        try w.crawl([
            "lemonde": [DigestWorld.item(1, title: "Base A", source: "lemonde")],
            "afp": [
                DigestWorld.item(1, title: "Base B", source: "afp"),
                DigestWorld.item(2, title: "Base C", source: "afp"),
            ],
        ])
        let wire =
            "Le Kremlin dément toute implication dans la campagne Doppelgänger visant la France, selon un communiqué publié mardi à Moscou par le porte-parole de la présidence russe."
        let run = try w.crawl([
            "lemonde": [
                DigestWorld.item(1, title: "Base A, corrigé", source: "lemonde"),
                DigestWorld.item(2, title: "Doppelgänger : le Kremlin dément", text: wire, source: "lemonde"),
                DigestWorld.item(3, title: hostile, text: "texte", source: "lemonde"),
                DigestWorld.item(4, title: "Bakou reçoit un sommet", text: "Rien d'autre.", source: "lemonde"),
                DigestWorld.item(5, title: "Météo", text: "Il pleut.", source: "lemonde"),
            ],
            "afp": [DigestWorld.item(3, title: "Doppelgänger : le Kremlin dément", text: wire + " ", source: "afp")],
        ])
        try w.fail("rfi", error: "HTTP 503 <b>down</b>\r\nInjected: header")
        return (w, run)
    }

    static func content(_ w: DigestWorld, run: Int64, unmatched: Bool = true, language: String = "en") throws
        -> DigestContent
    {
        let d = try w.delivery(
            "digests:\n  - id: t\n    channel: file\n    actors: [azerbaijan]\n    unmatched: \(unmatched)\n"
                + "    language: \(language)\n")
        let ids =
            try w.store.lastDeltaID(before: nil) > 0
            ? try w.store.undeliveredDeltaIDs(digest: "t", recipient: "file", after: 0) : []
        return try d.build(d.config.digests[0], deltaIDs: ids, currentRun: run).0
    }

    @Test func groupsByCampaignThenActorsThenUnmatchedThenTrouble() throws {
        let (w, run) = try Self.world()
        let c = try Self.content(w, run: run)
        #expect(c.sections.map(\.campaign) == ["paris2024-boycott", "doppelganger", nil, nil])
        #expect(c.sections.map(\.actor) == [nil, nil, "azerbaijan", nil])
        #expect(c.sections[1].title == "Doppelgänger" && c.sections[1].attributedActors == ["Russie"])
        #expect(c.sections[3].title == "Unmatched items")
        // The same wire story on two sites is shown once, with both sources.
        let dup = try #require(c.sections[1].items.first)
        #expect(
            c.sections[1].items.count == 1
                && Set([dup.delta.source] + dup.duplicates.map(\.source)) == ["afp", "lemonde"])
        #expect(
            dup.evidence.entities.contains {
                $0.entity == "doppelganger" && $0.name == "Doppelgänger" && $0.words.contains("Doppelgänger")
            })
        // Baselines are counted per source, not listed.
        #expect(c.baseline.map(\.source) == ["lemonde", "afp"] && c.baseline.map(\.count) == [1, 2])
        #expect(c.trouble.map(\.source) == ["rfi"])
        let changed = try #require(c.sections[3].items.first { $0.delta.kind == .changed })
        #expect(changed.change?.titleWas == "Base A")
        let md = c.markdown
        #expect(
            md.contains("Title was: Base A") && md.contains("Also in: lemonde — «Doppelgänger : le Kremlin dément»")
                && md.contains("**Doppelgänger**"))
        let json = c.json.serialized()
        #expect(
            json.contains("\"campaign\":\"doppelganger\"") && json.contains("\"matches\":[")
                && json.contains("\"duplicates\":[{"))
    }

    @Test func hostileTextIsInertInHTMLMarkdownAndTextAndWholeInJSONAndAtom() throws {
        let (w, run) = try Self.world()
        let c = try Self.content(w, run: run)
        let html = c.html
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;") && !html.contains("\u{202E}"))
        #expect(!html.lowercased().contains("http-equiv") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("ليبيا") && html.contains("Россия") && html.contains("<bdi>"))
        #expect(!c.markdown.contains("<script>") && !c.markdown.contains("\nBcc:"))
        #expect(!c.plainText.contains("\nBcc:") && !c.plainText.contains("\u{202E}") && !c.plainText.contains("\r"))
        #expect(!html.contains("\nInjected") && !c.markdown.contains("\nInjected"))
        #expect(c.json.serialized().contains(JSONValue.quoted(Self.hostile)))
        let atom = c.atom(updated: w.clock)
        let feed = try FeedParser.parse(Array(atom.utf8))
        let entry = try #require(feed.entries.first { $0.title?.contains("Alerte") == true })
        #expect(entry.title?.contains("<script>alert(\"x\")</script> & \"quotes\"") == true)
        #expect(entry.title?.contains("ليبيا Россия") == true)
    }

    @Test func theAtomFeedParsesBackWithStableIdsAndDuplicatesFolded() throws {
        let (w, run) = try Self.world()
        let atom = try Self.content(w, run: run).atom(updated: w.clock)
        let feed = try FeedParser.parse(Array(atom.utf8))
        #expect(feed.format.rawValue.lowercased().contains("atom"))
        let ids = feed.entries.compactMap(\.id)
        #expect(ids.count == feed.entries.count && Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("urn:veille:digest:t:delta:") })
        #expect(feed.entries.filter { $0.title?.contains("Doppelgänger") == true }.count == 1)
        #expect(try Self.content(w, run: run).atom(updated: w.clock.addingTimeInterval(60)).contains(ids[0]))
        if Self.hasPythonFeedparser {
            let file = w.dir.appendingPathComponent("t.atom")
            try atom.write(to: file, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = [
                "-c", "import feedparser,sys; d=feedparser.parse(sys.argv[1]); print(d.bozo, len(d.entries))",
                file.path,
            ]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            p.waitUntilExit()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(out.hasPrefix("False \(feed.entries.count)") || out.hasPrefix("0 \(feed.entries.count)"), "\(out)")
        }
    }

    static var hasPythonFeedparser: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import feedparser"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test func longSectionsListEveryItemTheFirstTenWithSnippets() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(0, title: "Base", source: "lemonde")]])
        let items = (1...25).map { n in
            DigestWorld.item(
                n, title: "Doppelgänger épisode \(n) sujet\(n * 7919)",
                text: "Texte \(n * 104729) distinct \(n) sur Doppelgänger numéro \(n * 31).", source: "lemonde")
        }
        let run = try w.crawl(["lemonde": items])
        let c = try Self.content(w, run: run, unmatched: false)
        #expect(c.sections.count == 1 && c.sections[0].items.count == 25)
        let md = c.markdown
        for n in 1...25 { #expect(md.contains("épisode \(n) sujet\(n * 7919)")) }
        let snippetLines = md.split(separator: "\n").filter { $0.hasPrefix("  - Doppelgänger — ") }
        // The first 10 items with their evidence (one line per entity, by name), the rest one line each.
        #expect(snippetLines.count == 10)
    }

    @Test func nearDuplicatesAreFoundInLinearPasses() {
        let story = (0..<60).map { "mot\($0)" }.joined(separator: " ")
        let texts = [
            story, "autre chose entièrement " + (0..<40).map { "x\($0)" }.joined(separator: " "),
            story.replacingOccurrences(of: "mot59", with: "fin"), "court", "court", "Court.",
        ]
        #expect(NearDuplicates.groups(texts) == [[0, 2], [1], [3, 4, 5]])
    }

    @Test func changeSummaryShowsWhatWentAndCame() {
        let c = ChangeSummary(previousTitle: "T", title: "T", previousText: "a b c d e", text: "a b X Y e")
        #expect(c.titleWas == nil && c.removed == "c d" && c.added == "X Y")
    }

    @Test func aSenateItemGivesItsLineFromTheDetailAndTheStoredPage() {
        let detail =
            #"{"reference":"qSEQ231109012","number":"09012","state":"answered","answer_date":"2024-02-22","date":"2024-02-22","ministry":"Ministère de l'Europe et des affaires étrangères","jo_page":675}"#
        let page =
            #"{"reference":"qSEQ231109012","number":"09012","author":{"civility":"M.","last_name":"OUZOULIAS","first_name":"Pierre"},"circonscription":"Hauts-de-Seine","group":"CRCE-K","state":"answered"}"#
        let facts = SenateFacts(detail: detail, question: page)
        #expect(
            facts?.line(kind: .answered)
                == "Réponse du Ministère de l'Europe et des affaires étrangères publiée le 22/02/2024 à la question n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K)"
        )
        #expect(
            SenateFacts(detail: #"{"number":"00042","date":"2024-03-01"}"#, question: nil)?.line(kind: .lapsed)
                == "Question n° 00042 caduque")
    }
}
