import Foundation
import Testing

/// `veille show ITEM_ID [--diff [A B]] [--json]` as a user runs it.
@Suite struct ShowCommandTests {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    func show(_ a: SeededArchive, _ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ServeProcess.binary)
        p.arguments = ["show", "--db", a.db, "--config", a.config] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func theItemPageOnATerminal() throws {
        let a = try SeededArchive.create()
        let r = try show(a, [String(a.hostileItem)])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Baku Initiative Group (campaign, big)"))
        #expect(r.stdout.contains("»Baku Initiative Group«"))
        #expect(r.stdout.contains("TAKEN DOWN: HTTP 410"))
        #expect(r.stdout.contains("snapshots: \n  1 "))
        #expect(!r.stdout.contains("\r"))
    }

    @Test func theDiffOfTwoRevisions() throws {
        let a = try SeededArchive.create()
        let latest = try show(a, [String(a.hostileItem), "--diff"])
        #expect(latest.code == 0, "\(latest.stderr)")
        #expect(latest.stdout.contains("diff of revision 2"))
        #expect(latest.stdout.contains("[-accuse la France -]{+dénonce Paris +}"))
        let chosen = try show(a, [String(a.hostileItem), "--diff", "1", "3"])
        #expect(chosen.stdout.contains("diff of revision 1"))
        #expect(try show(a, [String(a.hostileItem), "--diff", "1", "9"]).code == 2)
        #expect(try show(a, [String(a.hostileItem), "--diff", "1"]).code == 2)
        #expect(try show(a, [String(a.wireA), "--diff"]).code == 2)
    }

    @Test func jsonIsTheItemPagesJSON() throws {
        let a = try SeededArchive.create()
        let r = try show(a, [String(a.hostileItem), "--json"])
        #expect(r.code == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["id"] as? Int == Int(a.hostileItem))
        #expect((object?["revisions"] as? [Any])?.count == 3)
    }

    @Test func terminalEscapesFromStoredTextAreNeutralised() throws {
        let a = try SeededArchive.create()
        let r = try show(a, [String(a.escapeItem)])
        #expect(r.code == 0)
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\u{07}"))
        #expect(r.stdout.contains("[31mRED"))
    }

    @Test func unknownItemAndUnusableDatabase() throws {
        var a = try SeededArchive.create()
        #expect(try show(a, ["999999"]).code == 1)
        a.db = a.dir.appendingPathComponent("absent.sqlite").path
        let missing = try show(a, ["1"])
        #expect(missing.code == 4)
        #expect(missing.stderr.contains("absent.sqlite"))
    }
}
