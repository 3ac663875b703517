import Foundation
import Storage
import Syndication
import Testing
import VeilleCore

@testable import Digests

/// File digests: names, formats, the Atom file's stable entries, atomic writes, an unwritable folder.
@Suite struct DigestFileTests {
    static let yaml = """
        digests:
          - id: arch
            channel: file
            format: html
            path: archive
            unmatched: true
          - id: notes
            channel: file
            format: markdown
            unmatched: true
          - id: data
            channel: file
            format: json
            unmatched: true
          - id: feed
            channel: file
            format: atom
            unmatched: true
        """

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func eachFormatIsWrittenOnceWithItsNameAndTheAtomKeepsStableEntries() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        _ = try w.delivery(Self.yaml).deliver(currentRun: nil)
        let run = try w.crawl([
            "lemonde": [
                DigestWorld.item(2, title: "Doppelgänger <b>x</b>", text: "Doppelgänger.", source: "lemonde"),
                DigestWorld.item(3, title: "Météo", text: "Pluie.", source: "lemonde"),
            ]
        ])
        let paths = try w.delivery(Self.yaml).deliver(currentRun: nil)
        let stamp = Timestamp.compact(w.clock)
        let names = paths.map { ($0 as NSString).lastPathComponent }
        #expect(
            names == [
                "arch-\(stamp)-run\(run).html", "notes-\(stamp)-run\(run).md", "data-\(stamp)-run\(run).json",
                "feed.atom",
            ])
        #expect(Self.files(w.out + "/archive") == ["arch-\(stamp)-run\(run).html"])
        #expect(!Self.files(w.out).contains { $0.hasSuffix(".tmp") })
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[2]))) as? [String: Any]
        #expect(json?["digest"] as? String == "data" && (json?["sections"] as? [Any])?.count == 2)
        let html = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<script"))

        let first = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: paths[3]))))
        #expect(first.entries.count == 2)
        // Nothing new: nothing written (quiet). Then one more item: the Atom file keeps the old entries, same ids.
        #expect(try w.delivery(Self.yaml).deliver(currentRun: nil).isEmpty)
        try w.crawl([
            "lemonde": [DigestWorld.item(4, title: "Doppelgänger encore", text: "Doppelgänger.", source: "lemonde")]
        ])
        _ = try w.delivery(Self.yaml).deliver(currentRun: nil)
        let second = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: paths[3]))))
        #expect(second.entries.count == 3)
        #expect(Set(first.entries.compactMap(\.id)).isSubset(of: Set(second.entries.compactMap(\.id))))
        #expect(try w.store.digestMessages(digest: "notes").allSatisfy { $0.status == "delivered" })
    }

    @Test func anUnwritableFolderFailsBeforeAnythingIsMarkedThenTheSameFileIsWritten() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        _ = try w.delivery(Self.yaml).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(2, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]])
        // A regular file where the digest folder should be (tests run as root: permissions would not stop us).
        try FileManager.default.createDirectory(
            atPath: (w.out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "not a folder".write(toFile: w.out, atomically: true, encoding: .utf8)
        do {
            _ = try w.delivery(Self.yaml).deliver(currentRun: nil)
            Issue.record("wrote into a file")
        } catch let e as DigestError {
            #expect(e.description.contains(w.out))
        }
        for id in ["arch", "notes", "data", "feed"] {
            let messages = try w.store.digestMessages(digest: id)
            #expect(messages.count == 1 && messages.allSatisfy { $0.status == "pending" && $0.attempts == 1 })
        }
        let stored = try #require(try w.store.digestMessages(digest: "notes").first)
        try FileManager.default.removeItem(atPath: w.out)
        let paths = try w.delivery(Self.yaml).deliver(currentRun: nil)
        #expect(paths.contains(try #require(stored.path)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(stored.path))) == stored.body)
        #expect(try w.store.digestMessages(digest: "notes").count == 1)
    }

    @Test func dryRunPrintsAndChangesNothingAndReplayRendersAPastRun() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        _ = try w.delivery(Self.yaml).deliver(currentRun: nil)
        let run = try w.crawl([
            "lemonde": [DigestWorld.item(2, title: "Doppelgänger vu", text: "Doppelgänger.", source: "lemonde")]
        ])
        let preview = try w.delivery(Self.yaml).preview(only: "notes")
        #expect(preview.contains("=== digest notes") && preview.contains("Doppelgänger vu"))
        #expect(try w.store.digestMessages(digest: "notes").isEmpty && Self.files(w.out).isEmpty)
        let target = w.dir.appendingPathComponent("replay.md").path
        try w.delivery(Self.yaml).replay(run: run, digest: "notes", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("Doppelgänger vu"))
        #expect(try w.store.digestMessages(digest: "notes").isEmpty)
    }

    @Test func aDryRunWithNothingPendingSaysSoInsteadOfAnEmptyDigest() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        let yaml = "digests:\n  - id: daily\n    channel: file\n    format: html\n    quiet: false\n"
        _ = try w.delivery(yaml).deliver(currentRun: nil)
        let preview = try w.delivery(yaml).preview()
        #expect(preview.contains("=== digest daily") && preview.contains("nothing pending"))
        #expect(!preview.contains("<title>") && !preview.contains("runs </title>"))
    }

    @Test func aDigestThatIsNotQuietWritesEvenWhenThereIsNothingNew() throws {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        let yaml = "digests:\n  - id: daily\n    channel: file\n    format: markdown\n    quiet: false\n"
        _ = try w.delivery(yaml).deliver(currentRun: nil)
        w.clock = w.clock.addingTimeInterval(60)
        let paths = try w.delivery(yaml).deliver(currentRun: nil)
        #expect(paths.count == 1)
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8).contains("rien de nouveau"))
    }
}
