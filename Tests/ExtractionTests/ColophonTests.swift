import Extraction
import Testing

/// The colophon under an article (extraction v6): rights and reprint notices, subscription walls and newsletter
/// boxes after the last paragraph of the story. `rules/subscription-colophon.html` is a real-page excerpt; the
/// inline pages are hand-written (see the fixtures README).
@Suite struct ColophonTests {
    static func page(_ tail: String) -> String {
        "<html><body><article>\(ShapeRulesTests.prose)\(ShapeRulesTests.after)\(tail)</article></body></html>"
    }

    @Test func subscriptionWallUnderTheStoryIsDropped() {
        let text = ShapeRulesTests.text("rules/subscription-colophon.html")
        #expect(!text.contains("already a subscriber"), "\(text)")
        #expect(!text.contains("First-time subscribers"), "\(text)")
        #expect(text.contains("“Maybe there's a doctor out there"), "the story's last paragraph stays: \(text)")
    }

    @Test func rightsNoticesInSeveralLanguagesAreDropped() {
        let text = ShapeRulesTests.text(
            html: ColophonTests.page(
                "<p>This article is the copyrighted property of Exemple. Written permission must be obtained before reprint in online or print media.</p><p>Kontakt zur Redaktion</p><p>Nachdruck nur mit Genehmigung der Redaktion. Alle Rechte vorbehalten.</p><p>Le Journal, 2024 : tous droits réservés pour tous pays.</p>"
            ))
        #expect(!text.contains("copyrighted property"), "\(text)")
        #expect(!text.contains("Alle Rechte vorbehalten"), "\(text)")
        #expect(!text.contains("Kontakt zur Redaktion"), "a short line between two notices goes with them: \(text)")
        #expect(!text.contains("tous droits réservés"), "\(text)")
        #expect(text.contains("La commission rendra ses conclusions au printemps"), "\(text)")
    }

    @Test func storyParagraphAfterANoticeStopsTheWalk() {
        let notice = "<p>Reproduction interdite sans autorisation. Tous droits réservés.</p>"
        let text = ShapeRulesTests.text(
            html: ColophonTests.page(
                notice + ShapeRulesTests.after.replacingOccurrences(of: "printemps", with: "automne")))
        #expect(text.contains("Reproduction interdite"), "only the lines at the very end are a colophon: \(text)")
        #expect(text.contains("au automne"), "\(text)")
    }

    @Test func longParagraphWithTheWordsStays() {
        let paragraph =
            "<p>"
            + String(
                repeating: "Les éditeurs ont rappelé que le texte, tous droits réservés, circulait sans accord, ",
                count: 7)
            + "ce que la plateforme conteste.</p>"
        let text = ShapeRulesTests.text(html: ColophonTests.page(paragraph))
        #expect(text.contains("ce que la plateforme conteste"), "a paragraph over 500 characters is story: \(text)")
    }

    @Test func storyEndingOnSubscribersStays() {
        let last =
            "<p>The newspaper said its subscribers would be told of the breach, and that readers could write in.</p>"
        let text = ShapeRulesTests.text(html: ColophonTests.page(last))
        #expect(text.contains("its subscribers would be told"), "'subscribers' alone names no colophon: \(text)")
    }

    @Test func contactBlockEndingAPressReleaseIsDropped() {
        let block =
            "<p><strong>Kontakt:</strong></p><p>Jan Koch<br>Telefon +49 (0)40 / 49 07 11 06<br>jan.koch@example.de</p><p>Ansprechpartnerin zum Thema:</p><p>Antonia Thiele<br>Telefon +49 (0)40 / 49 07 11 05</p>"
        let text = ShapeRulesTests.text(html: ColophonTests.page(block))
        #expect(!text.contains("Kontakt:"), "\(text)")
        #expect(!text.contains("Jan Koch"), "\(text)")
        #expect(!text.contains("Antonia Thiele"), "\(text)")
        #expect(text.contains("La commission rendra ses conclusions au printemps"), "\(text)")
    }

    @Test func contactLabelBeforeAParagraphStays() {
        let block =
            "<p>Kontakt:</p><p>Die Beratungsstelle ist montags bis freitags erreichbar; wer Hinweise auf die Kampagne hat, kann sie dort melden, auch anonym, und erhält binnen einer Woche eine Antwort der zuständigen Stelle, die den Fall prüft.</p>"
        let text = ShapeRulesTests.text(html: ColophonTests.page(block))
        #expect(text.contains("Die Beratungsstelle ist montags"), "a paragraph over 200 characters is story: \(text)")
    }

    @Test func promptsAndDisclaimersUnderTheStoryAreDropped() {
        let tail =
            "<p>We want to hear what you think about this article. Submit a letter to the editor or write to us.</p><p>For the latest stories and breaking news updates download our apps for iOS and Android.</p><p>The site is not responsible for the opinions, statements or media content presented by contributors.</p><p>Bei den Verlinkungen handelt es sich um Affiliate-Links.</p>"
        let text = ShapeRulesTests.text(html: ColophonTests.page(tail))
        #expect(!text.contains("We want to hear"), "\(text)")
        #expect(!text.contains("for iOS and Android"), "\(text)")
        #expect(!text.contains("not responsible for the opinions"), "\(text)")
        #expect(!text.contains("Affiliate-Links"), "\(text)")
        #expect(text.contains("La commission rendra ses conclusions au printemps"), "\(text)")
    }
}
