import Foundation
import Testing

@testable import Extraction

/// `TextTools.nfc`: decomposed letters come out composed, and the byte filter that spares most texts the
/// normalization never lets through a character that NFC would change.
@Suite struct NFCTests {
    @Test(arguments: [
        ("Cafe\u{301} de\u{301}ja\u{300}", "Café déjà"),
        (
            "\u{995}\u{9C1}\u{9B7}\u{9CD}\u{99F}\u{9BF}\u{9DF}\u{9BE}",
            "\u{995}\u{9C1}\u{9B7}\u{9CD}\u{99F}\u{9BF}\u{9AF}\u{9BC}\u{9BE}"
        ),
        ("\u{1100}\u{1161}", "\u{AC00}"),
        ("\u{304B}\u{3099}", "\u{304C}"),
        ("\u{438}\u{306}", "\u{439}"),
    ])
    func composes(_ input: String, _ expected: String) {
        #expect(TextTools.mayChangeInNFC(input))
        #expect(Array(TextTools.nfc(input).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func leavesLatinCyrillicAndPunctuationAlone() {
        let text = "L’État — « Nouvelle-Calédonie » – Москва… “quoted” 東京 ✓"
        #expect(!TextTools.mayChangeInNFC(text))
        #expect(TextTools.nfc(text) == text)
    }

    /// Every scalar the filter passes over is NFC on its own and after a base letter (singletons and
    /// composition exclusions would change alone, combining marks after a base).
    @Test func filterNeverMissesACharacterNFCChanges() {
        var missed: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), missed.count < 40 else { continue }
            let alone = String(Character(scalar))
            if TextTools.mayChangeInNFC(alone) { continue }
            for text in [alone, "a" + alone]
            where Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) != Array(text.unicodeScalars) {
                missed.append(String(value, radix: 16))
                break
            }
        }
        #expect(missed.isEmpty, "NFC changes U+\(missed.joined(separator: ", U+")) but the filter lets it through")
    }
}
