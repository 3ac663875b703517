import Matching
import Testing

/// Issue 24: the feed's summary is a field of its own, beside the title and the text.
struct SummaryFieldTests {
    static let yaml = """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou]
          - id: baku-initiative-group
            name: Baku Initiative Group
            kind: organisation
            aliases: ["Groupe d'initiative de Bakou"]
            all:
              - ["=BIG"]
              - [Bakou, Azerbaïdjan]
            within: 5
        """

    @Test func aMentionOnlyInTheSummaryIsFoundThereWithItsOffsets() throws {
        let c = try TestFiles.compile(Self.yaml)
        let summary = "Un chapô : des comptes relayés depuis Bakou."
        let m = c.match(title: "Le rapport", summary: summary, text: "Le corps de l’article.")
        #expect(m.map(\.field) == [.summary])
        let hit = try #require(m.first)
        #expect(hit.found == "Bakou" && hit.entityID == "azerbaijan")
        #expect(String(decoding: Array(summary.utf8)[hit.start..<hit.end], as: UTF8.self) == "Bakou")
        #expect(hit.snippet.contains("relayés depuis Bakou"))
    }

    @Test func aSummaryEqualToTheTextIsMatchedOnceAsTheText() throws {
        let c = try TestFiles.compile(Self.yaml)
        let text = "Vu de Bakou."
        #expect(c.match(title: nil, summary: text, text: text).map(\.field) == [.text])
        #expect(c.match(title: nil, summary: text, text: text) == c.match(title: nil, text: text))
    }

    @Test func aMentionInSummaryAndTextGivesBothPiecesTitleFirst() throws {
        let c = try TestFiles.compile(Self.yaml)
        let m = c.match(title: "Bakou", summary: "Depuis Bakou.", text: "À Bakou, l’Azerbaïdjan.")
        #expect(m.map(\.field) == [.title, .summary, .text, .text])
        #expect(m.map(\.start) == [0, 7, 3, 14])
    }

    /// Title and text keep the `within` windows they have without a summary, however long it is; title and
    /// summary make a window too.
    @Test func withinWindowsOfTitleAndTextIgnoreTheSummary() throws {
        let c = try TestFiles.compile(Self.yaml)
        let long = String(repeating: "un mot de plus ", count: 40)
        func linked(_ title: String?, _ summary: String?, _ text: String?) -> Bool {
            c.match(title: title, summary: summary, text: text).contains { $0.entityID == "baku-initiative-group" }
        }
        #expect(linked("Le BIG", nil, "Bakou et ses relais"))
        #expect(linked("Le BIG", long, "Bakou et ses relais"))
        #expect(linked("Le BIG", "Bakou et ses relais", long))
        #expect(!linked("Le BIG", long + "Bakou", "rien"))
        #expect(!linked("Le BIG", nil, long + "Bakou"))
        #expect(linked(nil, "Le BIG de Bakou", "rien"))
    }

    /// A field break is a word break: no alias spans two fields.
    @Test func noMatchAcrossFields() throws {
        let c = try TestFiles.compile(Self.yaml)
        #expect(c.match(title: "Groupe d'initiative", summary: "de Bakou", text: "x").map(\.field) == [.summary])
    }
}
