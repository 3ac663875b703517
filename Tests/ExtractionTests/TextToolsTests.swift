import Testing

@testable import Extraction

/// `TextTools.collapse`: the byte path gives what the Character path gives.
@Suite struct TextToolsTests {
    /// The Character reading (the reference for any string holding a character past U+1FFF).
    static func reference(_ text: String) -> String { TextTools.collapseCharacters(text) }

    @Test(arguments: [
        ("  a \u{2009} b\u{00A0}c  ", "a b c"),
        ("Le Monde – Actualités\u{202F}: l’État", "Le Monde – Actualités : l’État"),
        ("x\u{3000}y\u{2028}z\u{205F}w", "x y z w"),
        ("\n\tPar\u{00A0}\u{00A0}Jean Dupont\r\n", "Par Jean Dupont"),
        ("plain ascii", "plain ascii"),
    ])
    func collapses(_ input: String, _ expected: String) {
        #expect(TextTools.collapse(input) == expected)
    }

    /// Random strings over spaces, joiners, combining marks, prepended marks and ordinary letters: whenever
    /// the string holds a character past U+1FFF (the Character path's domain before), both readings agree.
    @Test func byteReadingMatchesCharacterReading() {
        let pieces: [String] = [
            " ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2009}", "\u{3000}", "\u{0301}", "\u{200D}",
            "\u{FE0F}", "\u{0600}", "a", "é", "’", "–", "€", "日", "😀", "\u{0085}", "\u{000B}", "\u{1680}",
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) { s += pieces.randomElement(using: &rng) ?? "" }
            guard s.utf8.contains(where: { $0 >= 0xE2 }) else { continue }
            #expect(TextTools.collapse(s) == TextToolsTests.reference(s), "\(Array(s.unicodeScalars))")
        }
    }
}
