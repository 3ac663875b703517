import Foundation
import Matching
import Testing

/// The rules evaluated on the automaton's hits, on small inline watchlists.
struct MatcherRuleTests {
    static let yaml = """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, "azerbaïdjanais*", Bakou, Baku]
            exclude: [Baku Cup]
          - id: big
            name: Baku Initiative Group
            kind: organisation
            aliases: [Baku Initiative Group]
            all:
              - ["=BIG"]
              - [Bakou, Baku, Azerbaïdjan]
            within: 5
          - id: nyi
            name: New York Insider
            kind: outlet
            case_sensitive: [New York Insider]
        campaigns:
          - id: boycott
            name: boycott
            actors: [azerbaijan]
            aliases: ["#boycottparis2024", RecognizeNewCaledonia]
            all:
              - ["=JO", Jeux olympiques]
              - [Azerbaïdjan, "azerbaïdjanais*"]
        """

    static func ids(_ title: String?, _ text: String?) throws -> [String] {
        Array(Set(try TestFiles.compile(yaml).match(title: title, text: text).map(\.entityID))).sorted()
    }

    /// (what, text, ids linked)
    static let rows: [(String, String, [String])] = [
        ("whole words only", "Bakouville et Azerbaïdjanistan", []),
        ("prefix", "des comptes azerbaïdjanaises", ["azerbaijan"]),
        ("exclude vetoes the overlapping alias", "la Baku Cup de tennis", []),
        ("exclude vetoes only what it overlaps", "la Baku Cup de tennis à Bakou", ["azerbaijan"]),
        ("exact case acronym near Baku", "le BIG, basé à Bakou", ["azerbaijan", "big"]),
        ("lower-case big is a word", "a big office in Baku", ["azerbaijan"]),
        ("acronym too far from Baku", "le BIG a un, deux, trois, quatre, cinq, six mots avant Bakou", ["azerbaijan"]),
        ("case-sensitive alias", "the New York Insider site", ["nyi"]),
        ("case-sensitive alias, other case", "a new york insider said", []),
        ("hashtag alias needs the hash", "#boycottparis2024", ["boycott"]),
        ("hashtag alias without the hash", "boycottparis2024", []),
        ("word alias matches a hashtag", "#RecognizeNewCaledonia", ["boycott"]),
        ("word alias as a word", "RecognizeNewCaledonia", ["boycott"]),
        (
            "all groups anywhere without within", "Les JO. " + String(repeating: "mot ", count: 500) + "L'Azerbaïdjan.",
            ["azerbaijan", "boycott"]
        ),
        ("JO lower case is not the acronym", "Jo part en Azerbaïdjan", ["azerbaijan"]),
    ]

    @Test(arguments: rows)
    func rule(_ row: (String, String, [String])) throws {
        #expect(try Self.ids(nil, row.1) == row.2, "\(row.0)")
    }

    @Test func evidenceCarriesFieldOffsetsAndFoundText() throws {
        let c = try TestFiles.compile(Self.yaml)
        let title = "Bakou répond"
        let text = "Selon l’Azerbaïdjan, #RecognizeNewCaledonia n’est pas à eux."
        let matches = c.match(title: title, text: text)
        let first = try #require(matches.first)
        #expect(first.field == .title)
        #expect(first.entityID == "azerbaijan")
        #expect((first.start, first.end) == (0, 5))
        #expect(first.found == "Bakou")
        let tag = try #require(matches.first { $0.entityID == "boycott" })
        #expect(tag.field == .text)
        #expect(tag.found == "#RecognizeNewCaledonia")
        #expect(tag.alias == "RecognizeNewCaledonia")
        #expect(String(decoding: Array(text.utf8)[tag.start..<tag.end], as: UTF8.self) == tag.found)
        let az = try #require(matches.first { $0.entityID == "azerbaijan" && $0.field == .text })
        #expect(az.found == "Azerbaïdjan")
        #expect(az.snippet.contains("Selon l’Azerbaïdjan"))
    }

    @Test func titleAndTextFormOneTextForWithin() throws {
        #expect(try Self.ids("Le BIG", "basé à Bakou") == ["azerbaijan", "big"])
        // But no alias spans the two fields.
        let c = try TestFiles.compile(Self.yaml)
        #expect(c.match(title: "New York", text: "Insider").isEmpty)
    }

    @Test func groupTermsOfASatisfiedRuleAreListed() throws {
        let c = try TestFiles.compile(Self.yaml)
        let m = c.match(title: nil, text: "Le BIG, basé à Bakou.")
        let rules = m.filter { $0.entityID == "big" }.map { "\($0.found):\($0.rule.rawValue)" }
        #expect(rules == ["BIG:all", "Bakou:all"])
    }

    @Test func compiledOnceSharedAcrossTasks() async throws {
        let c = try TestFiles.compile(Self.yaml)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { c.match(title: nil, text: "Bakou, Baku, Azerbaïdjan").count } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 3, count: 8))
    }
}
