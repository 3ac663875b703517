import Foundation
import Testing
import VeilleCore

@testable import Digests

/// The message catalogue: French and English counts, dates and decimals as readers expect them.
@Suite struct MessagesTests {
    @Test(
        arguments: [
            (DigestsConfig.Language.fr, 3, "new", "3 nouveaux"), (.fr, 1, "changed", "1 modifié"),
            (.fr, 0, "item", "0 élément"), (.fr, 2, "trouble", "2 sources en difficulté"),
            (.en, 1, "trouble", "1 source in trouble"), (.en, 0, "item", "0 items"), (.en, 3, "new", "3 new"),
        ] as [(DigestsConfig.Language, Int, String, String)])
    func counts(language: DigestsConfig.Language, n: Int, key: String, expected: String) {
        #expect(Messages(language).count(n, key) == expected)
    }

    @Test func datesAndDecimals() {
        let fr = Messages(.fr)
        let en = Messages(.en)
        #expect(fr.day("2024-02-22") == "22 février 2024" && en.day("2024-02-22") == "22 February 2024")
        #expect(fr.day("2024-08-01") == "1er août 2024" && fr.day("not a date") == "not a date")
        #expect(fr.time(Date(timeIntervalSince1970: 1_708_571_700)) == "22 février 2024 à 03:15 UTC")
        #expect(fr.decimal(1.44) == "1,4" && en.decimal(1.44) == "1.4")
    }

    @Test func everyKeyHasBothLanguagesAndTemplatesReadThemWithUnderscores() {
        for (key, texts) in Messages.table { #expect(!texts.fr.isEmpty && !texts.en.isEmpty, "\(key)") }
        #expect(Messages(.en).templateTable["nav_dashboard"] == "Dashboard")
        #expect(Messages(.fr).templateTable["lang"] == "fr")
        #expect(Messages(.en)["no.such.key"] == "no.such.key")
    }
}
