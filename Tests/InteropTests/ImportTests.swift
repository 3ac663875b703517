import Foundation
import Interop
import Testing
import VeilleCore

@Suite("watchlist import: VIGINUM bundles and domain lists")
struct ImportTests {
    /// Imports the four bundles and both lists into an empty config folder.
    static func importEverything(handWritten: String = "") throws -> (path: String, watchlist: Watchlist) {
        let path = try InteropFiles.configFolder(watchlist: handWritten)
        try InteropFiles.importAll(InteropFiles.bundles.map(InteropFiles.path), into: path)
        try InteropFiles.importAll([try InteropFiles.path("rrn-domains.csv")], into: path, campaign: "rrn")
        try InteropFiles.importAll(
            [try InteropFiles.path("portal-kombat-domains.csv")], into: path, campaign: "portal-kombat")
        return (path, try Watchlist.load(path: path))
    }

    @Test func bigBundleGivesItsCampaignsActorsAndAttributions() throws {
        let path = try InteropFiles.configFolder(watchlist: "")
        let (_, w) = try InteropFiles.importAll([try InteropFiles.path("big-2024.stix.json")], into: path)
        let big = try #require(w.actors.first { $0.id == "big" })
        #expect(big.name == "BIG")
        #expect(big.kind == .organisation)
        #expect(big.caseSensitive == ["BIG"]) // never the English word
        #expect(big.aliases.isEmpty)
        #expect(big.stixID == "intrusion-set--954e2764-8202-5a17-9547-1c18d3473bce")
        #expect(big.actors == ["azerbaijan"])
        let az = try #require(w.actors.first { $0.id == "azerbaijan" })
        #expect(az.kind == .state)
        #expect(az.aliases == ["Azerbaijan"])
        let un = try #require(w.campaigns.first { $0.id == "un-notorious-big" })
        #expect(un.name == "UN-Notorious BIG")
        #expect(un.actors.contains("big"))
        #expect(un.stixID == "campaign--ce5b67ac-e6df-5244-94a1-bcf94618eb68")
        #expect(un.source?.published == "2024-03-27")
        #expect(un.source?.report.hasPrefix("UN-notorious BIG") == true)
        #expect(w.campaigns.contains { $0.id == "olimpiya" && $0.name == "Olimpiya" })
        // Through the identity "Baku Initiative Group", related to the campaign; jabarov.com belongs to a
        // person two hops away (and is only `resolves-to` from bakuinitiative.com), so it is not taken.
        #expect(un.domains == ["bakuinitiative.com", "btq.org.az"])
        #expect(w.campaigns.first { $0.id == "olimpiya" }?.domains == [])
    }

    @Test func rrnBundleSeparatesCampaignAndActorAndKeepsItsDomains() throws {
        let path = try InteropFiles.configFolder(watchlist: "")
        let (plan, w) = try InteropFiles.importAll([try InteropFiles.path("rrn-2023.stix.json")], into: path)
        let rrn = try #require(w.campaigns.first { $0.id == "rrn" })
        #expect(rrn.caseSensitive == ["RRN"])
        #expect(rrn.aliases == ["Doppelgänger"])
        #expect(rrn.actors == ["rrn-actor"])
        #expect(rrn.domains.contains("rrussianews.com"))
        #expect(rrn.domains.contains("memhouse.online")) // a url object whose value is a bare host
        #expect(!rrn.domains.contains("urlbox.online")) // a url related only to other observables
        #expect(!rrn.domains.contains { $0.contains("/") })
        #expect(rrn.domains.count > 300)
        #expect(rrn.source?.url?.hasPrefix("https://www.diplomatie.gouv.fr/") == true)
        let actor = try #require(w.actors.first { $0.id == "rrn-actor" })
        #expect(actor.kind == .state)
        #expect(actor.stixID == "threat-actor--5c18e55e-2244-5a24-980e-f8fa658878f7")
        let warnings = plan.outputs[0].entries.warnings
        #expect(warnings.contains { $0.contains("type 'media-content' is not STIX 2.1") })
        #expect(warnings.contains { $0.contains("dangling reference") })
    }

    @Test func allFourBundlesAndBothListsMerge() throws {
        let (_, w) = try Self.importEverything()
        let ids = Set(w.campaigns.map(\.id))
        #expect(ids.isSuperset(of: ["rrn", "portal-kombat", "matrioshka", "un-notorious-big", "olimpiya"]))
        // Portal Kombat's bundle also names the RRN campaign with the same STIX id: one entry.
        #expect(w.campaigns.filter { $0.stixID == "campaign--ac7cb3e5-8a5d-587d-916b-31961146a6db" }.count == 1)
        let rrn = try #require(w.campaigns.first { $0.id == "rrn" })
        #expect(rrn.domains.contains("eventality.ru")) // from the CSV, defanged in the file
        let pk = try #require(w.campaigns.first { $0.id == "portal-kombat" })
        #expect(pk.domains.contains("piter-news.net"))
        #expect(pk.domains.contains("lenta.kharkiv.ua"))
        #expect(pk.domains.count >= 300)
        #expect(pk.actors == ["creation-and-use-of-a-web-infrastructure-targeting-local-audiences"])
    }

    @Test func importingTwiceChangesNothing() throws {
        let (path, first) = try Self.importEverything(handWritten: InteropFiles.handWritten)
        let dir = Watchlist.importDirectory(beside: path)
        let before = try Watchlist.importedFiles(beside: path).map { try String(contentsOfFile: $0, encoding: .utf8) }
        let importer = WatchlistImport(watchlistPath: path)
        let plan = try importer.plan(inputs: InteropFiles.bundles.map(InteropFiles.path), campaign: nil)
        #expect(plan.outputs.allSatisfy { $0.unchanged })
        #expect(plan.summary.isEmpty)
        #expect(try importer.write(plan).isEmpty)
        let again = try importer.plan(inputs: [try InteropFiles.path("rrn-domains.csv")], campaign: "rrn")
        #expect(again.outputs.allSatisfy { $0.unchanged })
        let after = try Watchlist.importedFiles(beside: path).map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(before == after)
        #expect(try Watchlist.load(path: path) == first)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
                "big-2024.yaml", "matriochka-2024.yaml", "portal-kombat-2024.yaml", "portal-kombat-domains.yaml",
                "rrn-2023.yaml", "rrn-domains.yaml",
            ])
    }

    @Test func handWrittenEntryWinsAndKeepsItsAliases() throws {
        let (path, w) = try Self.importEverything(handWritten: InteropFiles.handWritten)
        let pk = try #require(w.campaigns.first { $0.id == "portal-kombat" })
        #expect(pk.name == "Portal Kombat (hand-written)")
        #expect(pk.aliases.prefix(2) == ["Portal Kombat", "réseau Pravda"])
        #expect(pk.stixID == "campaign--e91102af-730e-5daa-8452-1315d8db0cf3") // the import adds what it lacks
        let az = try #require(w.actors.first { $0.id == "azerbaijan" })
        #expect(az.name == "Azerbaïdjan")
        #expect(az.aliases == ["Azerbaïdjan", "Bakou", "Azerbaijan"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == InteropFiles.handWritten) // never rewritten
    }

    @Test func generatedFileIsReadable() throws {
        let path = try InteropFiles.configFolder(watchlist: "")
        try InteropFiles.importAll([try InteropFiles.path("big-2024.stix.json")], into: path)
        let text = try String(
            contentsOfFile: Watchlist.importDirectory(beside: path) + "/big-2024.yaml", encoding: .utf8)
        #expect(text.hasPrefix("# Imported by `veille watchlist import` from big-2024.stix.json (STIX 2.1 bundle).\n"))
        #expect(text.contains("  # --- UN-Notorious BIG, attributed to BIG"))
        #expect(text.contains("    source: {report: \"UN-notorious BIG"))
        #expect(text.contains("    stix_id: campaign--ce5b67ac-e6df-5244-94a1-bcf94618eb68\n"))
    }

    @Test func dryRunWritesNothingAndSaysWhatItAdds() throws {
        let path = try InteropFiles.configFolder(watchlist: InteropFiles.handWritten)
        let importer = WatchlistImport(watchlistPath: path)
        let plan = try importer.plan(inputs: [try InteropFiles.path("big-2024.stix.json")], campaign: nil)
        #expect(plan.summary.contains { $0.hasPrefix("+ campaign un-notorious-big (UN-Notorious BIG)") })
        #expect(
            plan.summary.contains(
                "~ actor azerbaijan: adds aliases Azerbaijan; stix_id threat-actor--df1267e9-5ec1-5c10-ad43-d6abe0d99ea4"
            ))
        #expect(!FileManager.default.fileExists(atPath: Watchlist.importDirectory(beside: path)))
    }
}

@Suite("watchlist import into the shipped watchlist")
struct ShippedWatchlistImportTests {
    static var shippedPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Feeds/watchlist.yaml").path
    }

    @Test func bundlesMergeIntoTheHandWrittenEntriesByStixID() throws {
        let path = try InteropFiles.configFolder(
            watchlist: try String(contentsOfFile: Self.shippedPath, encoding: .utf8))
        let shipped = try Watchlist.load(path: path)
        let (_, w) = try InteropFiles.importAll(InteropFiles.bundles.map(InteropFiles.path), into: path)
        // No second RRN, Portal Kombat, Matriochka or BIG campaign: the imports extend the shipped entries.
        #expect(!w.campaigns.contains { ["rrn", "matrioshka", "un-notorious-big"].contains($0.id) })
        let rrn = try #require(w.campaigns.first { $0.id == "rrn-doppelganger" })
        #expect(rrn.name == "RRN / Doppelgänger")
        #expect(rrn.domains.count > 300)
        #expect(rrn.actors.contains("rrn-actor"))
        let big = try #require(w.campaigns.first { $0.id == "big-overseas-corsica" })
        #expect(big.actors.contains("baku-initiative-group")) // the intrusion set BIG, merged by stix_id
        #expect(big.domains == ["bakuinitiative.com", "btq.org.az"])
        // Shipped entries keep their aliases in their order, first.
        for e in shipped.actors + shipped.campaigns {
            let merged = try #require(w.entity(id: e.id))
            #expect(Array(merged.aliases.prefix(e.aliases.count)) == e.aliases, "\(e.id)")
            #expect(merged.name == e.name)
        }
    }
}
