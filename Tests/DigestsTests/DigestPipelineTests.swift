import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// `veille run` with `Feeds/digests.yaml`, and `veille digest` as a user runs it: an SMTP server that is
/// down gives exit 5 and the same message later; a broken digests.yaml is exit 2; --dry-run changes nothing.
@Suite struct DigestPipelineTests {
    static var binary: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("veille").path
    }

    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    static func veille(_ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
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

    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2024-11-18T00:00:00Z</updated>
        ENTRIES</feed>
        """

    static func entries(_ titles: [String]) -> String {
        titles.enumerated().map { i, t in
            "<entry><title>\(t)</title><id>urn:t:\(i)</id><link href=\"https://t.example/\(i)\"/><updated>2024-11-18T00:00:00Z</updated><summary>\(t)</summary></entry>"
        }.joined()
    }

    @Test func runsDeliverDigestsAndTheCommandResendsAfterAnOutage() async throws {
        let http = try await TestHTTPServer.start()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-digest-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("Feeds")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try DigestWorld.watchlistYAML.write(
            to: config.appendingPathComponent("watchlist.yaml"), atomically: true, encoding: .utf8)
        try "sources:\n  - id: t\n    kind: feed\n    url: \(http.url("/f.xml"))\n    timeout: 5s\n    delay: 0s\n"
            .write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let dead = try SMTPTestServer.start()
        let deadURL = dead.url
        dead.stop()
        func digests(_ url: String) throws {
            try """
            smtp:
              url: \(url)
              from: veille@example.org
              pause: 0s
              timeout: 5s
            digests:
              - id: morning
                channel: email
                to: [a@example.org]
              - id: files
                channel: file
                format: markdown
                unmatched: true
            """.write(to: config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        }
        try digests(deadURL)
        let common = [
            "--config", config.path, "--db", dir.appendingPathComponent("v.sqlite").path, "--out",
            dir.appendingPathComponent("out").path,
        ]
        try http.write("f.xml", Self.feed.replacingOccurrences(of: "ENTRIES", with: Self.entries(["Base"])))
        // First run: a baseline (counted, so even a quiet digest says it); the server is down: exit 5, and
        // the file digest is written all the same.
        let first = try Self.veille(["run", "--all"] + common)
        #expect(
            first.code == 5 && first.stderr.contains("a@example.org") && first.stderr.contains("connect"),
            "\(first.stderr)")
        let written =
            (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)) ?? []
        #expect(written.contains { $0.hasPrefix("files-") && $0.hasSuffix("-run1.md") })

        try http.write(
            "f.xml",
            Self.feed.replacingOccurrences(of: "ENTRIES", with: Self.entries(["Base", "Doppelgänger revient"])))
        let down = try Self.veille(["run", "--all"] + common)
        #expect(down.code == 5, "\(down.stderr)")
        let dry = try Self.veille(["digest", "--dry-run"] + common)
        let pending = dry.stdout.components(separatedBy: "\n").filter {
            $0.hasPrefix("pending for a@example.org: <veille.morning.")
        }
        #expect(dry.code == 0 && pending.count == 1, "\(dry.stdout)\(dry.stderr)")

        // The server is back: the stored message first (same Message-ID), then the newer one.
        let server = try SMTPTestServer.start()
        try digests(server.url)
        let sent = try Self.veille(["digest"] + common)
        #expect(sent.code == 0, "\(sent.stderr)")
        let got = server.received()
        let pendingID = pending.first?.components(separatedBy: ": ").dropFirst().first?.split(separator: ",").first.map(
            String.init)
        #expect(got.count == 2 && got.first?.message.header("Message-ID") == pendingID)
        #expect(
            got.first?.message.text.contains("Premier passage") == true
                && got.last?.message.text.contains("Doppelgänger revient") == true)
        #expect(try Self.veille(["digest"] + common).code == 0 && server.received().count == 2)

        let replay = dir.appendingPathComponent("replay.html").path
        let replayed = try Self.veille(
            ["digest", "--replay", "2", "--digest", "morning", "--to-file", replay] + common)
        let replayText = try String(contentsOfFile: replay, encoding: .utf8)
        #expect(replayed.code == 0 && replayText.contains("Doppelgänger revient"))

        do {
            let held = try RunLock(databasePath: dir.appendingPathComponent("v.sqlite").path)
            let locked = try Self.veille(["digest"] + common)
            #expect(locked.code == 3 && locked.stderr.contains("pid"), "\(locked.stderr)")
            withExtendedLifetime(held) {}
        }
        try "digests:\n  - id: m\n    channel: file\n    campaigns: [ghost]\n".write(
            to: config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        let unknown = try Self.veille(["digest"] + common)
        #expect(
            unknown.code == 2 && unknown.stderr.contains("ghost") && unknown.stderr.contains("campaigns"),
            "\(unknown.stderr)")
        try "digests:\n  - id: x\n    channel: fax\n".write(
            to: config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        let bad = try Self.veille(["digest"] + common)
        #expect(bad.code == 2 && bad.stderr.contains("digests.yaml") && bad.stderr.contains("channel"), "\(bad.stderr)")
        #expect(try Self.veille(["digest", "--to-file", "x"] + common).code == 2)
    }
}
