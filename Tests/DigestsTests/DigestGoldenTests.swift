import Foundation
import Testing
import VeilleCore

@testable import Digests

/// Every digest format over the fixed store of ``DigestGoldenWorld``, in French and English, against the
/// files in `Fixtures/golden/`. `VEILLE_UPDATE_GOLDEN=1 swift test --filter DigestGoldenTests` rewrites
/// them; review the diff before committing it.
@Suite struct DigestGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    static func content(language: String) throws -> (DigestWorld, DigestContent) {
        let (w, run) = try DigestGoldenWorld.make()
        let d = try w.delivery(
            """
            web_url: https://veille.example.org/
            digests:
              - id: soir
                channel: file
                actors: [azerbaijan]
                language: \(language)

            """)
        let c = try d.build(d.config.digests[0], deltaIDs: try w.store.deltaIDs(run: run), currentRun: run).0
        return (w, c)
    }

    /// The renderings compared: file name → text.
    static func renderings(_ c: DigestContent, at: Date) -> [(String, String)] {
        [
            ("digest.html", c.html), ("digest.mail.html", c.mailHTML), ("digest.md", c.markdown),
            ("digest.txt", c.plainText), ("digest.json", c.json.pretty() + "\n"), ("digest.atom", c.atom(updated: at)),
        ]
    }

    @Test(arguments: ["fr", "en"]) func everyFormatMatchesItsGoldenFile(language: String) throws {
        let (w, c) = try Self.content(language: language)
        let update = ProcessInfo.processInfo.environment["VEILLE_UPDATE_GOLDEN"] == "1"
        for (name, text) in Self.renderings(c, at: w.clock) {
            let file = Self.folder.appendingPathComponent("\(language)/\(name)")
            if update {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try String(contentsOf: file, encoding: .utf8)
            #expect(text == golden, "\(language)/\(name) differs from its golden file")
        }
    }

    @Test func eachItemIsListedOnceUnderItsFirstCampaignAndTaggedWithTheOthers() throws {
        let (_, c) = try Self.content(language: "en")
        let all = c.sections.flatMap(\.items)
        #expect(Set(all.map(\.delta.itemID)).count == all.count)
        let three = try #require(all.first { $0.title.hasPrefix("Bakou, Kanaky") })
        let home = try #require(c.sections.first { $0.items.contains { $0.delta.id == three.delta.id } })
        #expect(home.campaign == "paris2024-boycott")
        #expect(three.tags.map(\.name) == ["Doppelgänger", "Nouvelle-Calédonie", "Azerbaïdjan"])
        #expect(three.evidence.lines.count == 3 && three.evidence.more > 0)
        #expect(three.page == "https://veille.example.org/items/\(three.delta.itemID)")
        // Names, never ids or rule syntax, in what readers see.
        #expect(!c.plainText.contains("paris2024-boycott ·") && c.plainText.contains("Doppelgänger — "))
    }

    @Test func nearDuplicatesListEachOtherSourceOnceWithItsTitle() throws {
        let (_, c) = try Self.content(language: "en")
        let wire = try #require(c.sections.flatMap(\.items).first { $0.duplicates.count >= 2 })
        // Four copies on three sources (afp twice): two "also in", one per other source.
        #expect(wire.duplicates.count == 3 && wire.alsoIn.count == 2)
        #expect(Set(wire.alsoIn.map(\.source)) == Set(["afp", "lemonde", "rfi"]).subtracting([wire.delta.source]))
        #expect(!wire.alsoIn.contains { $0.source == wire.delta.source })
        #expect(c.plainText.contains("Also in: "))
    }

    @Test func aTitleOnlyEditFillsRemovedAndAdded() throws {
        let (_, c) = try Self.content(language: "en")
        let edit = try #require(c.sections.flatMap(\.items).first { $0.delta.kind == .changed })
        let change = try #require(edit.change)
        #expect(change.titleWas == "Le Kremlin et la campagne Doppelgänger")
        #expect(change.removed == nil && change.added == "selon Viginum" && !change.textChanged)
        #expect(c.json.serialized().contains(#""removed":null,"added":"selon Viginum""#))
    }

    @Test func theSenateAnswerShowsTheOfficialTitleAndTheFirstSentence() throws {
        let (_, c) = try Self.content(language: "fr")
        let q = try #require(c.sections.flatMap(\.items).first { $0.delta.kind == .answered })
        #expect(q.title == "Campagne de déstabilisation, Jeux olympiques 2024")
        #expect(q.subtitle?.hasPrefix("M. Pierre Ouzoulias interroge Mme la Première ministre") == true)
        #expect(c.markdown.contains("Campagne de déstabilisation, Jeux olympiques 2024"))
    }

    @Test func tonightsDoppelgangerItemsAreABurstListedFirst() throws {
        let (_, c) = try Self.content(language: "en")
        #expect(c.summary.bursts.map(\.entity) == ["doppelganger"])
        let v = try #require(c.summary.bursts.first?.verdict)
        #expect(v.count >= 5 && v.history >= BurstRule.minHistoryDays && v.pValue < BurstRule.maxPValue)
        let text = c.plainText
        let burst = try #require(text.range(of: "Bursts"))
        let firstSection = try #require(text.range(of: "#boycottparis2024: campagne"))
        #expect(burst.lowerBound < firstSection.lowerBound)
        #expect(c.json.serialized().contains(#""alerts":[{"entity":"doppelganger""#))
        #expect(c.html.contains("<svg") && !c.mailHTML.contains("<svg") && c.mailHTML.contains("valign=\"bottom\""))
    }
}
