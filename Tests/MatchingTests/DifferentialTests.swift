import Foundation
import TestSupport
import Testing

@testable import Matching

/// Issue 16: offsets mapped in windows around the hits give exactly the matches of the old path (a whole
/// second normalization with anchors, kept in `ReferenceMatcher.swift`): ids, aliases, found text, fields,
/// offsets, snippets and rules.
struct DifferentialTests {
    /// Aliases of several scripts, an exclusion, a prefix, an exact-case acronym and an `all` rule.
    static let yaml = """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou, "azerbaïdjanais*", "Ильхам Алиев", "Москва сегодня"]
            case_sensitive: [AZ]
            exclude: ["Bakou Cup"]
          - id: korea
            name: Corée
            kind: state
            aliases: ["북한 정부", "#KoreaNow", "@kcna"]
          - id: big
            name: Baku Initiative Group
            kind: organisation
            aliases: ["Groupe d'initiative de Bakou"]
            all:
              - ["=BIG"]
              - [Bakou, "azerbaïdjanais*"]
            within: 12
        campaigns:
          - id: jo
            name: JO
            aliases: ["jeux olympiques", "#boycottparis2024", "l’État"]
        """

    /// Pieces the random texts are made of: aliases as written and folded, elisions, marks, multi-byte
    /// characters, separators of every kind, and long plain runs (which leave few checkpoints).
    static let pieces = [
        "Bakou", "BAKOU", "l’Azerbaïdjan", "d'Azerbaïdjan", "azerbaïdjanaises", "AZ", "Az", "BIG", "big",
        "Bakou Cup", "Ильхам Алиев", "ИЛЬХАМ  алиев", "Москва-сегодня", "북한 정부", "북한정부", "#KoreaNow",
        "# KoreaNow", "@kcna", "@KCNA", "Jeux Olympiques", "jeux-olympiques", "#BoycottParis2024",
        "l’État", "L'ÉTAT", "Groupe d’initiative de Bakou", "qu’", "jusqu'", "lorsqu’", "l'", "d’",
        " ", " ", "  ", ", ", ". ", "\n", "\t", "-", "’", "'", "#", "@", "é", "œ", "ß", "ﬁ", "\u{00AD}",
        "\u{0301}", "\u{200B}", "🔥", "한국어", "Ŀ", "ＢＩＧ", "\u{FEFF}", "x", "ab", "le", "des",
        String(repeating: "plain words ", count: 12), String(repeating: "abcdefghij", count: 20),
    ]

    static func text(seed: Int, pieces count: Int) -> String {
        var rng = SplitMix(state: UInt64(seed) &* 0x9E37_79B9 &+ 7)
        var s = String(repeating: "y", count: seed % 160) // every offset against checkpoints and margins
        for _ in 0..<count {
            s += pieces[Int(rng.next() % UInt64(pieces.count))]
            if rng.next() % 3 != 0 { s += " " }
        }
        return s
    }

    @Test(arguments: 0..<160)
    func randomDenseTextsMatchAsTheOldPathDid(_ seed: Int) throws {
        let c = try TestFiles.compile(Self.yaml)
        let text = Self.text(seed: seed, pieces: 40 + seed * 7)
        let title = seed % 4 == 0 ? nil : Self.text(seed: seed + 1000, pieces: seed % 9)
        let new = c.match(title: title, text: text)
        let old = c.referenceMatch(title: title, text: text)
        #expect(new == old, "seed \(seed)")
        #expect(seed % 5 != 0 || !new.isEmpty)
    }

    @Test(arguments: 0..<24)
    func defaultWatchlistOnRandomTextsMatchesAsTheOldPathDid(_ seed: Int) throws {
        let c = try #require(TestFiles.compiled)
        let text = Self.text(seed: seed + 500, pieces: 300)
        #expect(c.match(title: "Bakou", text: text) == c.referenceMatch(title: "Bakou", text: text))
    }

    /// The seeds and the labelled sets: the fixed corpus of the matching tests.
    @Test func fixedCorpusMatchesAsTheOldPathDid() throws {
        let c = try #require(TestFiles.compiled)
        var compared = 0
        for file in SeedTests.files {
            let text = String(decoding: try TestFiles.fixture("seeds/" + file), as: UTF8.self)
            #expect(c.match(title: nil, text: text) == c.referenceMatch(title: nil, text: text), "\(file)")
            compared += 1
        }
        for file in ["tune.jsonl", "holdout.jsonl"] {
            for line in String(decoding: try TestFiles.fixture("labelled/" + file), as: UTF8.self).split(
                separator: "\n")
            {
                let item = try JSONDecoder().decode(LabelledGateTests.Item.self, from: Data(line.utf8))
                let new = c.match(title: item.title, text: item.text)
                #expect(new == c.referenceMatch(title: item.title, text: item.text), "\(item.id)")
                compared += 1
            }
        }
        #expect(compared >= 305)
    }

    /// Empty and punctuation-only titles: the text's windows start at the text's own checkpoints.
    @Test(arguments: ["", "!!!", " ", "Bakou"])
    func oddTitlesMatchAsTheOldPathDid(_ title: String) throws {
        let c = try TestFiles.compile(Self.yaml)
        let text = Self.text(seed: 7, pieces: 200)
        #expect(c.match(title: title, text: text) == c.referenceMatch(title: title, text: text))
        #expect(c.match(title: title, text: "") == c.referenceMatch(title: title, text: ""))
    }

    /// Hits every few bytes for tens of KB: one window runs on from hit to hit.
    @Test func aTextOfHitsOnlyMatchesAsTheOldPathDid() throws {
        let c = try TestFiles.compile(Self.yaml)
        let text = String(repeating: "Bakou l’Azerbaïdjan #KoreaNow, 북한 정부 — BIG ", count: 2000)
        let new = c.match(title: nil, text: text)
        #expect(new.count > 8000)
        #expect(new == c.referenceMatch(title: nil, text: text))
    }
}
