import Foundation
import Matching
import Pipeline
import TestSupport
import Testing
import VeilleCore

/// `veille match` and `veille match --batch` over the built binary: the JSON contract, lines in input
/// order from every core, and bytes identical to the String renderer they replaced.
@Suite struct MatchBatchCLITests {
    static let yaml = """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou]
          - id: big
            name: Baku Initiative Group
            kind: organisation
            all:
              - ["=BIG"]
              - [Bakou]
            within: 10
        campaigns:
          - id: boycott
            name: Boycott
            aliases: ["#boycottparis2024"]
        """

    let dir: URL
    let watchlist: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        watchlist = dir.appendingPathComponent("watchlist.yaml")
        try Self.yaml.write(to: watchlist, atomically: true, encoding: .utf8)
    }

    @Test func batchJSONFollowsTheContract() throws {
        let file = dir.appendingPathComponent("a.txt")
        try "Le BIG à Bakou, \"#boycottparis2024\"".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["match", "--batch", "--watchlist", watchlist.path], stdin: file.path + "\n")
        #expect(r.code == 0 && r.stdout.hasSuffix("\n") && r.stdout.split(separator: "\n").count == 1, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["file"] as? String == file.path)
        #expect(o["campaigns"] as? [String] == ["boycott"])
        #expect(o["actors"] as? [String] == ["azerbaijan", "big"])
        let matches = try #require(o["matches"] as? [[String: Any]])
        let big = try #require(matches.first { $0["id"] as? String == "big" })
        #expect(big["rule"] as? String == "all" && big["alias"] as? String == "=BIG")
        #expect(big["field"] as? String == "text")
        let tag = try #require(matches.first { $0["id"] as? String == "boycott" })
        #expect(tag["rule"] == nil && tag["found"] as? String == "#boycottparis2024")
        #expect(Set(tag.keys) == ["id", "alias", "found", "field", "start", "end", "snippet"])
        let one = try CLITests.run(["match", "-", "--watchlist", watchlist.path], stdin: "rien")
        #expect(one.stdout == "{\"campaigns\":[],\"actors\":[],\"matches\":[]}\n")
    }

    /// Many files (dense hits, escapes of every kind, invalid UTF-8, empty, missing, a folder), twice over:
    /// the lines come in input order and are byte for byte what the String renderer printed.
    @Test func batchOutputIsTheOldRenderingInInputOrder() throws {
        let compiled = CompiledWatchlist(try Watchlist.load(path: watchlist.path))
        var rng = SplitMix(state: 16)
        let pieces = [
            "Bakou", "BIG", "big", "#boycottparis2024", "Azerbaïdjan", "\"", "\\", "\t", "\n", "\r", "\u{01}",
            "\u{1F}", "\u{2028}", "\u{2029}", "\u{7F}", "é", "한국", "🔥", " ", ", ", "l’", "mot",
        ]
        var paths: [String] = []
        var expected: [String] = []
        for k in 0..<60 {
            let path = dir.appendingPathComponent("f\(k).txt").path
            var bytes: [UInt8]
            if k % 10 == 7 {
                bytes = Array("Bakou \u{FF}\u{FE} BIG".utf8) + [0xFF, 0xC3] + Array(" Bakou".utf8) // not UTF-8
                bytes[6] = 0xFF
            } else {
                var s = ""
                for _ in 0..<(Int(rng.next() % 400) + (k == 3 ? 0 : 1)) {
                    s += pieces[Int(rng.next() % UInt64(pieces.count))] + " "
                }
                bytes = Array((k == 3 ? "" : s).utf8)
            }
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            paths.append(path)
            expected.append(
                Self.oldLine(file: path, matches: compiled.match(title: nil, text: text, url: nil, canonicalURL: nil)))
        }
        paths += ["/no/such/file.txt", dir.path]
        expected += [
            "{\"file\":\"/no/such/file.txt\",\"error\":\"cannot read the file\"}",
            "{\"file\":\(JSONValue.quoted(dir.path)),\"error\":\"cannot read the file\"}",
        ]
        let input = (paths + paths).joined(separator: "\n") + "\n"
        let r = try CLITests.run(["match", "--batch", "--watchlist", watchlist.path], stdin: input)
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == expected + expected + [""])
        #expect(expected.filter { $0.contains("\"rule\":\"all\"") }.count > 10)
        #expect(expected.contains { $0.contains("\\u2028") } && expected.contains { $0.contains("\\u0001") })
    }

    /// The renderer `match --batch` used before it wrote bytes (String building with JSONValue.quoted).
    static func oldLine(file: String, matches: [EntityMatch]) -> String {
        let quote = JSONValue.quoted
        var out = "{\"file\":\(quote(file)),"
        let campaigns = Set(matches.filter { $0.entityKind == .campaign }.map(\.entityID)).sorted()
        let actors = Set(matches.filter { $0.entityKind == .actor }.map(\.entityID)).sorted()
        out += "\"campaigns\":[\(campaigns.map(quote).joined(separator: ","))],"
        out += "\"actors\":[\(actors.map(quote).joined(separator: ","))],\"matches\":["
        out += matches.map { m in
            var o = "{\"id\":\(quote(m.entityID)),\"alias\":\(quote(m.alias)),\"found\":\(quote(m.found)),"
            o +=
                "\"field\":\"\(m.field.rawValue)\",\"start\":\(m.start),\"end\":\(m.end),\"snippet\":\(quote(m.snippet))"
            if m.rule == .all { o += ",\"rule\":\"all\"" }
            return o + "}"
        }.joined(separator: ",")
        return out + "]}"
    }
}
