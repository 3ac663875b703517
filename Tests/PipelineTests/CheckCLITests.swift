import Foundation
import TestSupport
import Testing

/// `veille check`: every file of the config folder, every problem, each with its file, line and key.
@Suite struct CheckCLITests {
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("watchlist.d"), withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func aSoundFolderPasses() async throws {
        let dir = try Self.folder([
            "sources.yaml": "sources:\n  - id: a\n    url: https://a.example/feed.xml\n",
            "watchlist.yaml": try PipelineWorld.fixtureText("watchlist.yaml"),
            "digests.yaml": "digests:\n  - id: team\n    channel: file\n    format: html\n    sources: [a]\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CLITests.runOffPool(["check", "--config", dir.path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sources.yaml: 1 sources") && r.stdout.contains("1 campaigns, 1 actors"))
        #expect(r.stdout.contains("digests.yaml: 1 digests"))
        // The repository's own config folder is sound.
        let feeds = CLITests.repositoryRoot.appendingPathComponent("Feeds").path
        let own = try await CLITests.runOffPool(["check", "--config", feeds])
        #expect(own.code == 0, "\(own.stderr)")
    }

    /// Two bad sources, a duplicate id, a bad alias in watchlist.yaml, an unknown key in watchlist.d, a bad
    /// site selector and a digest naming an unknown source: all nine reported, each with file, line and key.
    @Test func everyProblemIsReported() async throws {
        let dir = try Self.folder([
            "sources.yaml": """
            sources:
              - id: a
                url: https://a.example/feed.xml
              - id: b
                kind: feed
              - id: c
                url: https://c.example/feed.xml
                every: often
              - id: a
                url: https://a2.example/feed.xml
              - id: d
                url: https://d.example/feed.xml
                colour: blue
            """,
            "watchlist.yaml": """
            actors:
              - id: azerbaijan
                name: Azerbaïdjan
                kind: state
                aliases: ["!!"]
            campaigns:
              - id: boycott
                name: Boycott
                aliases: [boycott]
                actors: [russia]
            """,
            "watchlist.d/imported.yaml": """
            campaigns:
              - id: rrn
                name: RRN
                aliases: [RRN]
                colour: red
            """,
            "sites.yaml": """
            sites:
              - domain: lemonde.fr
                body: ["div > p"]
            """,
            "digests.yaml": """
            digests:
              - id: team
                channel: file
                sources: [a, zzz]
            """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CLITests.runOffPool(["check", "--config", dir.path])
        #expect(r.code == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let expected: [(file: String, line: Int, key: String)] = [
            ("sources.yaml", 4, "url"), ("sources.yaml", 8, "every"), ("sources.yaml", 13, "colour"),
            ("sources.yaml", 9, "id"), ("watchlist.yaml", 5, "aliases"), ("watchlist.yaml", 10, "actors"),
            ("watchlist.d/imported.yaml", 5, "colour"), ("sites.yaml", 3, "body"), ("digests.yaml", 4, "sources"),
        ]
        for e in expected {
            let prefix = dir.appendingPathComponent(e.file).path + ":\(e.line):"
            #expect(
                lines.contains { $0.hasPrefix(prefix) && $0.contains("key '\(e.key)'") },
                "\(e) in:\n\(r.stderr)")
        }
        #expect(lines.count == expected.count + 1, "\(r.stderr)")
        #expect(lines.last == "veille: \(expected.count) problems in \(dir.path)")
        #expect(r.stderr.contains("unknown source 'zzz' (known: a, b, c, d)") && r.stderr.contains("duplicate id 'a'"))
    }

    @Test func aMissingOrUnparsableFileIsOneProblem() async throws {
        let dir = try Self.folder(["watchlist.yaml": "actors: [", "sites.yaml": "sites:\n  - domain: x.fr\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CLITests.runOffPool(["check", "--config", dir.path])
        #expect(r.code == 2)
        #expect(r.stderr.contains("sources.yaml: cannot read the file"))
        #expect(r.stderr.contains("watchlist.yaml: not valid YAML"))
        #expect(r.stderr.contains("sites[0] (x.fr)"))
        #expect(r.stderr.contains("veille: 3 problems"))
    }
}
