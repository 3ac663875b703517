import Foundation
import Interop
import Testing
import VeilleCore

@Suite("watchlist import: hostile and broken input")
struct HostileImportTests {
    static let campaignID = "campaign--11111111-2222-5333-8444-555555555555"

    /// A bundle around `objects` (JSON text of the objects list's elements).
    static func bundle(_ objects: String) -> String {
        #"{"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": [\#(objects)]}"#
    }

    static func plan(_ name: String, _ text: String, watchlist: String = "") throws -> (WatchlistImport.Plan, String) {
        let path = try InteropFiles.configFolder(watchlist: watchlist)
        let input = try InteropFiles.scratch(name, text)
        return (try WatchlistImport(watchlistPath: path).plan(inputs: [input], campaign: nil), path)
    }

    @Test(arguments: [
        ("not JSON", "{\"type\": \"bundle\", \"objects\": [", "not JSON"),
        ("plain text", "campaign RRN", "not JSON"),
        ("an array", "[1, 2]", "not a STIX 2.1 bundle: the top level is not a JSON object"),
        ("another type", #"{"type": "report", "objects": []}"#, "not a STIX 2.1 bundle: \"type\" is not \"bundle\""),
        ("no objects", #"{"type": "bundle", "id": "bundle--x"}"#, "not a STIX 2.1 bundle: no \"objects\" list"),
    ])
    func unusableFileIsSkippedAndNamed(_ c: (String, String, String)) throws {
        let (plan, path) = try Self.plan("bad.json", c.1)
        #expect(plan.outputs.isEmpty, "\(c.0)")
        #expect(plan.failures.count == 1)
        #expect(plan.failures[0].contains("bad.json: \(c.2)"), "\(c.0): \(plan.failures)")
        #expect(try WatchlistImport(watchlistPath: path).write(plan).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: Watchlist.importDirectory(beside: path)))
    }

    @Test func unknownTypesDanglingRefsAndEmptyAliasesAreSkippedWithWarnings() throws {
        let text = Self.bundle(
            """
            {"type": "campaign", "id": "\(Self.campaignID)", "name": "Opération Test", "aliases": ["!!!", "  ", "Op*Test", "Test op"]},
            {"type": "threat-actor", "id": "threat-actor--11111111-2222-5333-8444-666666666666", "name": "…", "threat_actor_types": ["crime-syndicate"]},
            {"type": "x-custom-thing", "id": "x-custom-thing--11111111-2222-5333-8444-777777777777", "x_opencti_score": 50},
            {"type": "domain-name", "id": "domain-name--11111111-2222-5333-8444-888888888888", "value": "test-op[.]example"},
            {"type": "relationship", "id": "relationship--11111111-2222-5333-8444-999999999999", "relationship_type": "related-to",
             "source_ref": "domain-name--11111111-2222-5333-8444-888888888888", "target_ref": "\(Self.campaignID)"},
            {"type": "relationship", "id": "relationship--11111111-2222-5333-8444-aaaaaaaaaaaa", "relationship_type": "attributed-to",
             "source_ref": "\(Self.campaignID)", "target_ref": "threat-actor--00000000-0000-5000-8000-000000000000"},
            {"type": "relationship", "id": "relationship--11111111-2222-5333-8444-bbbbbbbbbbbb"},
            42,
            {"name": "no type"}
            """)
        let (plan, _) = try Self.plan("hostile.json", text)
        let out = try #require(plan.outputs.first)
        let w = out.entries.warnings
        #expect(
            w.contains(
                "hostile.json: \(Self.campaignID) ('Opération Test'): alias '!!!' normalizes to nothing, skipped"))
        let syntax = "alias 'Op*Test' has a leading '=' or an inner '*' (watchlist syntax), skipped"
        #expect(w.contains { $0.contains(syntax) })
        #expect(
            w.contains(
                "hostile.json: threat-actor--11111111-2222-5333-8444-666666666666 ('…'): alias '…' normalizes to nothing, skipped"
            ))
        #expect(
            w.contains { $0.contains("threat-actor--11111111-2222-5333-8444-666666666666 ('…'): no name or alias") })
        #expect(
            w.contains {
                $0.contains(
                    "x-custom-thing--11111111-2222-5333-8444-777777777777: type 'x-custom-thing' is not STIX 2.1")
            })
        #expect(w.contains { $0.contains("custom properties") })
        #expect(
            w.contains(
                "hostile.json: relationship--11111111-2222-5333-8444-aaaaaaaaaaaa: dangling reference to threat-actor--00000000-0000-5000-8000-000000000000, skipped"
            ))
        #expect(w.contains { $0.contains("relationship--11111111-2222-5333-8444-bbbbbbbbbbbb: relationship without") })
        #expect(w.contains("hostile.json: objects[7]: skipped: not an object with a string type and id"))
        #expect(w.contains("hostile.json: objects[8]: skipped: not an object with a string type and id"))
        #expect(out.entries.actors.isEmpty)
        let c = try #require(out.entries.campaigns.first)
        #expect(c.id == "operation-test")
        #expect(c.aliases == ["Opération Test", "Test op"])
        #expect(c.domains == ["test-op.example"])
        #expect(c.actors.isEmpty)
    }

    @Test func hostileStringsStayInsideTheirQuotes() throws {
        let name = "Evil\"\n  - id: injected\nname: \"x"
        let text = Self.bundle(
            #"{"type": "campaign", "id": "\#(Self.campaignID)", "name": "\#(name.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n"))"}"#
        )
        let (plan, path) = try Self.plan("quotes.json", text)
        _ = try WatchlistImport(watchlistPath: path).write(plan)
        let w = try Watchlist.load(path: path)
        #expect(w.campaigns.map(\.name) == [name])
        #expect(w.campaigns.map(\.id) == ["evil-id-injected-name-x"])
    }

    @Test func idTakenByTheOtherSectionIsSuffixed() throws {
        let watchlist = """
            actors:
              - id: operation-test
                name: An actor with the campaign's slug
                kind: person
                aliases: [Someone]
            """
        let text = Self.bundle(#"{"type": "campaign", "id": "\#(Self.campaignID)", "name": "Operation Test"}"#)
        let (plan, path) = try Self.plan("clash.json", text, watchlist: watchlist)
        #expect(plan.outputs.first?.entries.campaigns.map(\.id) == ["operation-test-campaign"])
        _ = try WatchlistImport(watchlistPath: path).write(plan)
        #expect(try Watchlist.load(path: path).campaigns.map(\.id) == ["operation-test-campaign"])
    }

    @Test func nothingIsWrittenWhenTheMergedResultWouldNotLoad() throws {
        // A broken imported file already in watchlist.d: the result cannot load, so nothing is written.
        let path = try InteropFiles.configFolder(watchlist: "")
        let dir = Watchlist.importDirectory(beside: path)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("campaigns:\n  - id: x\n    name: X\n    aliases: [X]\n    actors: [nobody]\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/aaa-broken.yaml"))
        #expect(throws: Error.self) {
            try WatchlistImport(watchlistPath: path).plan(
                inputs: [try InteropFiles.path("big-2024.stix.json")], campaign: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/big-2024.yaml"))
    }

    @Test func domainListNeedsAKnownCampaign() throws {
        let path = try InteropFiles.configFolder(watchlist: "")
        let importer = WatchlistImport(watchlistPath: path)
        let csv = try InteropFiles.path("rrn-domains.csv")
        #expect(throws: InteropError.self) { try importer.plan(inputs: [csv], campaign: nil) }
        #expect(throws: InteropError.self) { try importer.plan(inputs: [csv], campaign: "nope") }
        // With the bundle in the same import, the campaign it creates is known.
        let plan = try importer.plan(inputs: [csv, try InteropFiles.path("rrn-2023.stix.json")], campaign: "rrn")
        #expect(plan.outputs.count == 2)
    }

    @Test func domainListBadLinesAreNamed() throws {
        let text =
            "\u{FEFF}domain,create date,first seen,type\r\nok[.]example,07/03/2013,,domain\r\nnot a domain,07/03/2013,,domain\r\nsecond[.]example,99/99/2013,,domain\r\n"
        let (domains, warnings) = try DomainListReader.read(Data(text.utf8), file: "list.csv")
        #expect(domains == ["ok.example", "second.example"])
        #expect(
            warnings == [
                "list.csv: line 3: 'not a domain' is not a domain name, skipped",
                "list.csv: line 4: '99/99/2013' is not a date (DD/MM/YYYY or YYYY-MM-DD), kept the domain",
            ])
        #expect(throws: InteropError.self) { try DomainListReader.read(Data("name,date\nx,y\n".utf8), file: "x.csv") }
    }
}
