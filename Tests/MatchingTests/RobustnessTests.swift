import Matching
import Testing

/// Hostile or odd input: large repetitive texts stay linear, offsets always land on the original text.
struct RobustnessTests {
    @Test func manyHitsAndVetoesStayLinear() throws {
        let c = try TestFiles.compile(MatcherRuleTests.yaml)
        let text = String(repeating: "Baku Cup, Bakou ", count: 20_000)
        let m = c.match(title: nil, text: text)
        #expect(m.count == 20_000)
        #expect(m.allSatisfy { $0.found == "Bakou" })
    }

    /// Deterministic pseudo-random texts over a mixed alphabet (accents, apostrophes, marks, emoji,
    /// combining marks, soft hyphens, NUL): every match's offsets and found text agree with the original.
    @Test(arguments: 0..<40)
    func offsetsAlwaysLandOnTheOriginal(_ seed: Int) throws {
        let compiled = try #require(TestFiles.compiled)
        let pieces = [
            "Bakou", "l’", "Azerbaïdjan", " ", "  ", "#", "@", "BIG", "big", "JO", "Jeux olympiques", "é", "œ",
            "\u{00AD}", "\u{0301}", "🔥", "\u{0000}", "\n", "qu'", "Aliev", "Ilham", "-", "’", "azéri", "ǅ", "ﬁ",
            "VIGINUM", "campagne", "\u{200B}", "Ŀ", "ıİ", "ＢＩＧ", "\u{FEFF}",
        ]
        var state = UInt64(seed + 1)
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var text = ""
        for _ in 0..<300 { text += pieces[next() % pieces.count] }
        var title = ""
        for _ in 0..<10 { title += pieces[next() % pieces.count] }
        let matches = compiled.match(title: title, text: text)
        for m in matches {
            let field = Array((m.field == .title ? title : text).utf8)
            #expect(m.start <= m.end && m.end <= field.count)
            #expect(String(decoding: field[m.start..<m.end], as: UTF8.self) == m.found)
        }
    }
}
