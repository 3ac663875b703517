import Foundation
import Interop
import Storage
import Testing
import VeilleCore

@Suite("export stix: a bundle for OpenCTI")
struct ExportTests {
    static func objects(_ text: String) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "bundle")
        return try #require(json["objects"] as? [[String: Any]])
    }

    /// Runs the official validator (stix2-validator, STIX 2.1, strict) on `text`; returns its exit status
    /// and output.
    ///
    /// Two checks are disabled, deliberately:
    /// - 103 ("SHOULD use UUIDv4"): veille's ids are UUIDv5 of stable keys on purpose, so that an export
    ///   is reproducible and a re-export updates the same objects (OpenCTI derives its own standard ids
    ///   anyway);
    /// - 302 (an external reference URL without `hashes`): an item whose page was not kept has no snapshot
    ///   to hash; items with one carry its SHA-256.
    static func validate(_ text: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-export-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", "-c", "import sys; from stix2validator.scripts.stix2_validator import main; sys.exit(main())",
            "--strict", "--version", "2.1", "--disable", "103,302", file.path,
        ]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    @Test func officialValidatorFindsNoError() throws {
        let world = try ExportWorld()
        for tlp in [TLPMarking.white, .red] {
            let text = try world.export(tlp: tlp)
            let (status, output) = try Self.validate(text)
            #expect(status == 0, "\(output)")
            #expect(output.contains("[+] STIX JSON: Valid"), "\(output)")
            #expect(!output.contains("[X]"), "\(output)")
            #expect(!output.contains("[!]"), "\(output)")
        }
    }

    @Test func validatorRejectsABrokenBundle() throws {
        // The check above can fail: a report without report_types is refused by the same command.
        let world = try ExportWorld()
        let broken = try world.export().replacingOccurrences(of: "\"report_types\"", with: "\"x_report_types\"")
        #expect(try Self.validate(broken).status != 0)
    }

    @Test func everyReferenceResolvesAndReportsLookRight() throws {
        let world = try ExportWorld()
        let objects = try Self.objects(try world.export())
        let ids = Set(objects.compactMap { $0["id"] as? String })
        #expect(ids.count == objects.count)
        for o in objects {
            for ref in (o["object_refs"] as? [String] ?? []) + (o["object_marking_refs"] as? [String] ?? []) {
                #expect(ids.contains(ref), "\(o["id"] ?? ""): \(ref)")
            }
            for key in ["created_by_ref", "source_ref", "target_ref"] {
                if let ref = o[key] as? String { #expect(ids.contains(ref), "\(o["id"] ?? ""): \(ref)") }
            }
        }
        let reports = objects.filter { $0["type"] as? String == "report" }
        #expect(reports.count == 3) // the fourth item matched nothing
        #expect(reports.allSatisfy { $0["report_types"] as? [String] == ["threat-report"] })
        let big = try #require(reports.first { $0["name"] as? String == "Le BIG et l'Azerbaïdjan" })
        let refs = Set(big["object_refs"] as? [String] ?? [])
        #expect(
            refs.isSuperset(of: [
                "intrusion-set--954e2764-8202-5a17-9547-1c18d3473bce", "campaign--ce5b67ac-e6df-5244-94a1-bcf94618eb68",
            ]))
        let notes = objects.filter { $0["type"] as? String == "note" }
        #expect(notes.count == 3)
        #expect(
            notes.contains {
                ($0["content"] as? String)?.contains("link: \"https://www.bakuinitiative.com/fr/appel\"") == true
            })
        let markings = objects.filter { $0["type"] as? String == "marking-definition" }
        #expect(markings.count == 1)
        #expect(markings.first?["id"] as? String == "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")
        // The spec's deterministic id for an SCO: the same as VIGINUM's bundle gives bakuinitiative.com.
        #expect(ids.contains("domain-name--77832060-fa72-5589-8e5b-15462f7a881f"))
        let identity = try #require(objects.first { $0["type"] as? String == "identity" })
        #expect(identity["name"] as? String == "https://veille.example/contact")
    }

    @Test func exportingTwiceIsByteIdentical() throws {
        let world = try ExportWorld()
        let first = try world.export()
        #expect(try world.export() == first)
        #expect(try world.export(tlp: .amber) != first)
        #expect(try world.export(tlp: .amber).contains("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"))
    }

    @Test func campaignFilterKeepsOnlyItsItems() throws {
        let world = try ExportWorld()
        let objects = try Self.objects(try world.export(campaigns: ["olimpiya"]))
        #expect(objects.filter { $0["type"] as? String == "report" }.map { $0["name"] as? String } == ["Olimpiya"])
    }

    @Test func exportedThenImportedGivesTheSameEntries() throws {
        let world = try ExportWorld(handWritten: "")
        let text = try world.export()
        let fresh = try InteropFiles.configFolder(watchlist: "")
        let input = try InteropFiles.scratch("export.json", text)
        let (_, back) = try InteropFiles.importAll([input], into: fresh)
        let exportedIDs = Set(back.actors.map(\.id) + back.campaigns.map(\.id))
        let strip: (WatchEntity) -> WatchEntity = {
            var e = $0
            e.source = nil
            return e
        }
        let original = (world.watchlist.actors + world.watchlist.campaigns).filter { exportedIDs.contains($0.id) }
        #expect(exportedIDs.isSuperset(of: ["big", "azerbaijan", "un-notorious-big", "olimpiya", "rrn"]))
        for e in back.actors + back.campaigns {
            let o = try #require(original.first { $0.id == e.id })
            var expected = strip(o)
            expected.domains = expected.domains.compactMap(DomainName.ascii)
            expected.actors = expected.actors.filter(exportedIDs.contains)
            #expect(strip(e) == expected, "\(e.id)")
        }
    }

    @Test func snapshotHashAndSenateFactsGoIntoTheReport() throws {
        let w = Watchlist(actors: [], campaigns: [WatchEntity(id: "c", name: "C", aliases: ["C"])])
        let item = LinkedItem(
            id: 7, sourceID: "senat", guid: "q1", url: "https://senat.example/q1", canonicalURL: nil, title: "Question",
            published: nil, firstSeenAt: Date(timeIntervalSince1970: 1_700_000_000),
            lastChangedAt: Date(timeIntervalSince1970: 1_700_000_500),
            links: [ItemLink(entityID: "c", entityKind: "campaign", evidence: "[]")],
            snapshotSHA256: String(repeating: "ab", count: 32),
            senate: #"""
                {"ministry": "Ministère de l'Europe", "answer": {"ministry": "Ministère de l'Europe",
                 "published": "22/02/2024", "jo_page": 812, "text": "Le Gouvernement répond."}}
                """#)
        let text = STIXExportBuilder(watchlist: w, contact: "x").bundle(items: [item]).serialized()
        #expect(text.contains(#""hashes":{"SHA-256":"\#(String(repeating: "ab", count: 32))"}"#))
        #expect(
            text.contains(
                "Ministry: Ministère de l'Europe\\nAnswer (Ministère de l'Europe, published 22/02/2024): Le Gouvernement répond."
            ))
        #expect(text.contains(#""created":"2023-11-14T22:13:20.000Z","modified":"2023-11-14T22:21:40.000Z""#))
        #expect(try Self.validate(text).status == 0)
    }
}
