import Foundation
import TestSupport
import Testing

/// The CLI as a new user meets it (issue 18): each fix through the built binary.
@Suite struct RoughEdgesCLITests {
    /// Runs `command` under `script`, on a pseudo-terminal (stdout and stderr are then a terminal, merged).
    static func onTerminal(_ command: [String], env: [String: String] = [:]) async throws -> CLITests.Result {
        let line = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try await CLITests.execOffPool("/usr/bin/script", ["-qefc", line, "/dev/null"], env: env)
    }

    @Test func unknownSubcommandSaysSo() async throws {
        let export = try await CLITests.runOffPool(["export", "items", "--config", "/nonexistent"])
        #expect(export.code == 2)
        #expect(export.stderr.contains("unknown subcommand 'items' of 'veille export' (known: deltas, stix)"))
        #expect(!export.stderr.contains("Unknown option"))
        let top = try await CLITests.runOffPool(["serch", "bakou"])
        #expect(top.code == 2 && top.stderr.contains("unknown subcommand 'serch' of 'veille'"))
        #expect(top.stderr.contains("search") && top.stderr.contains("check"))
        #expect(try await CLITests.runOffPool(["export", "deltas", "--help"]).code == 0)
        #expect(try await CLITests.runOffPool(["help", "export"]).code == 0)
    }

    @Test func runWithNothingDueSaysWhatIsNext() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try await CLITests.runOffPool(["run"] + common).code == 0)
        let again = try await CLITests.runOffPool(["run"] + common, env: ["TZ": "UTC"])
        #expect(again.code == 0, "\(again.stderr)")
        // every: 1h, so due again in 57 to 60 minutes (the jitter only brings it forward).
        let pattern =
            #/0 sources due; next: atom-example at (\d{2}:\d{2}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \(in (5[6-9] min|1 h)\)/#
        #expect(again.stderr.contains(pattern), "\(again.stderr)")
    }

    @Test func progressLineIsClearedBeforeALogLine() async throws {
        let w = try await PipelineWorld()
        var sources: [(id: String, path: String)] = []
        for i in 0..<4 {
            try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "feed\(i).xml")
            sources.append(("good\(i)", "/feed\(i).xml"))
        }
        // Not a feed, served late: its failure is logged while the progress line shows the others.
        try w.server.write("late.xml", "<html><body>not a feed</body></html>")
        // On a host name of its own (one request at a time per host), so that the others go first.
        try w.server.route("/late.xml", .delayed(1.5))
        let late = w.server.url("/late.xml", host: "localhost")
        try w.configure(sources, extra: "  - id: late\n    url: \(late)\n    timeout: 5s\n    delay: 0s\n")
        let r = try await Self.onTerminal([
            "\(CLITests.binary)", "run", "--all", "--config", w.config.path, "--db", w.db, "--out", w.out,
        ])
        let out = r.stdout
        #expect(out.contains("sources ·"), "the progress line is drawn: \(out)")
        let warning = try #require(out.range(of: "warning"), "the failure is logged: \(out)")
        // The log line starts on a cleared line: what precedes it since the last CR is the clear sequence.
        let before = out[..<warning.lowerBound]
        let lastReturn = try #require(before.lastIndex(of: "\r"))
        #expect(before[lastReturn...].hasPrefix("\r\u{1B}[K"), "\(before.suffix(120).debugDescription)")
        #expect(!before[lastReturn...].contains("sources ·"), "\(before.suffix(120).debugDescription)")
    }

    @Test func sourcesFitEightyColumns() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        let long = "/" + String(repeating: "a-very-long-path-segment/", count: 8) + "feed.xml"
        try w.server.route(long, .status(404))
        try w.configure([("lemonde-international", "/atom.xml"), ("senat-questions-ecrites", long)])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        _ = try await CLITests.runOffPool(["run", "--all"] + common)
        let table = try await CLITests.runOffPool(["sources"] + common)
        #expect(table.code == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(table.stdout)") // header, two sources, one error line
        for line in lines { #expect(line.count <= 80, "\(line.count): \(line)") }
        #expect(table.stdout.contains("error: ") && table.stdout.contains("…"))
        let json = try await CLITests.runOffPool(["sources", "--json"] + common)
        #expect(
            json.stdout.contains("a-very-long-path-segment/" + String(repeating: "a-very-long-path-segment/", count: 7))
        )
    }

    @Test func rematchDryRunShowsTitlesAndWords() async throws {
        let (w, common) = try await SearchCLITests.world()
        defer { withExtendedLifetime(w) {} }
        let watchlist = w.config.appendingPathComponent("watchlist.yaml")
        var yaml = try String(contentsOf: watchlist, encoding: .utf8)
        yaml += "  - id: baltimore-bridge\n    name: Pont de Baltimore\n    aliases: [Baltimore]\n"
        try yaml.write(to: watchlist, atomically: true, encoding: .utf8)
        let r = try await CLITests.runOffPool(["rematch", "--dry-run"] + common)
        #expect(r.code == 0, "\(r.stderr)")
        let added = r.stdout.split(separator: "\n").filter { $0.hasPrefix("+ item ") }
        #expect(added.count >= 2)
        for line in added {
            #expect(line.contains("→ Pont de Baltimore (baltimore-bridge): \"Baltimore\""), "\(line)")
            #expect(line.contains("\"") && !line.contains("\"(untitled)\""))
        }
        #expect(
            r.stderr.contains(
                "re-scanned 40 items (dry run, nothing changed): \(added.count) links would be added, 0 removed"))
        let json = try SearchCLITests.jsonLines(
            try await CLITests.runOffPool(["rematch", "--dry-run", "--json"] + common).stdout)
        #expect(json.count == added.count && (json.first?["words"] as? [String]) == ["Baltimore"])
        #expect((json.first?["title"] as? String)?.isEmpty == false)
    }

    @Test func matchIsReadableOnATerminalAndJSONOtherwise() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("text.txt")
        try "Appel au #boycottparis2024 relayé depuis Bakou.\n".write(to: text, atomically: true, encoding: .utf8)
        let watchlist = PipelineWorld.fixture("watchlist.yaml").path
        let piped = try await CLITests.runOffPool(
            ["match", "-", "--watchlist", watchlist], stdin: "Appel au #boycottparis2024 relayé depuis Bakou.\n")
        #expect(
            piped.stdout
                == ##"{"campaigns":["paris2024-boycott"],"actors":["azerbaijan"],"matches":[{"id":"paris2024-boycott","alias":"#boycottparis2024","found":"#boycottparis2024","field":"text","start":9,"end":26,"snippet":"Appel au #boycottparis2024 relayé depuis Bakou."},{"id":"azerbaijan","alias":"Bakou","found":"Bakou","field":"text","start":42,"end":47,"snippet":"Appel au #boycottparis2024 relayé depuis Bakou."}]}"##
                + "\n")
        let tty = try await Self.onTerminal([CLITests.binary, "match", text.path, "--watchlist", watchlist])
        let lines = tty.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(
            lines.contains("campaign #boycottparis2024 (paris2024-boycott): \"#boycottparis2024\" in text"), "\(lines)")
        #expect(lines.contains("actor Azerbaïdjan (azerbaijan): \"Bakou\" in text"), "\(lines)")
        let json = try await Self.onTerminal([CLITests.binary, "match", text.path, "--watchlist", watchlist, "--json"])
        #expect(json.stdout.replacingOccurrences(of: "\r\n", with: "\n") == piped.stdout)
    }
}
