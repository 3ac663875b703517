import Extraction
import Testing

/// The cleanup rules told by a block's shape rather than its class names (extraction v4): captions ending
/// with their credit, credit-only lines, kicker + link lines, what follows the article's last paragraph, and
/// the description before a body that missed the article. Real-page excerpts are in `Fixtures/rules`, whole
/// pages in `Fixtures/trafilatura-eval`; the inline pages are hand-written (see the fixtures README).
@Suite struct ShapeRulesTests {
    static func text(_ fixture: String) -> String {
        ArticleExtractor.extract(FixtureLoader.bytes(fixture), url: nil, httpCharset: nil).text
    }

    static func text(html: String) -> String {
        ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil).text
    }

    /// Prose long enough to be chosen as the article.
    static let prose = String(
        repeating:
            "<p>Le rapport sénatorial détaille, page après page, les ressorts de la campagne, ses relais et ses financements.</p>",
        count: 6)
    /// A last paragraph unlike the others.
    static let after =
        "<p>La commission rendra ses conclusions au printemps, après avoir entendu les plateformes, les agences et les chercheurs.</p>"

    @Test func captionEndingWithItsCreditIsDropped() {
        let text = ShapeRulesTests.text("rules/caption-credit.html")
        #expect(!text.contains("Quelle: Fleischmann/Unsplash/DJV"), "\(text)")
        #expect(!text.contains("Das FWR reagiert mit Entsetzen auf den Amoklauf"), "\(text)")
        #expect(text.contains("Schätzung von Experten."))
        #expect(text.contains("Mit Entsetzen und Trauer hat das Forum Waffenrecht"))
    }

    @Test func captionWithCopyrightCreditIsDropped() {
        let text = ShapeRulesTests.text("trafilatura-eval/golf.de-augusta.html")
        #expect(!text.contains("Augusta National/Getty Images"), "\(text)")
        #expect(text.contains("Blickt man auf Elders Werdegang"))
    }

    @Test func lineNamingOnlyAPictureAgencyIsDropped() {
        let text = ShapeRulesTests.text("rules/agency-line.html")
        #expect(!text.contains("WENN.com"), "\(text)")
        #expect(text.contains("Will Smith mit seinem ältesten Sohn Trey"), "the caption itself stays: \(text)")
        #expect(text.contains("Immer wieder posten"))
    }

    @Test func creditOnItsOwnLineKeepsTheSlideText() {
        let slide =
            "<p class=\"s_des\">First off, its form factor is a surprise, a 4.7 in display, in the smaller screen size category.<br><br><em>Image credit: www.apple.com/in/</em></p>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(slide)</article></body></html>")
        #expect(text.contains("First off, its form factor is a surprise"), "\(text)")
    }

    @Test func longParagraphEndingWithASourceStays() {
        let paragraph =
            "<p>" + String(repeating: "La commission a entendu les responsables des plateformes, ", count: 6)
            + "puis rendu son avis. Photo: AFP</p>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(paragraph)</article></body></html>")
        #expect(text.contains("puis rendu son avis"), "a block over 300 characters is prose: \(text)")
    }

    @Test func kickerAndLinkToAnotherArticleAreDropped() {
        let text = ShapeRulesTests.text("rules/kicker-link.html")
        #expect(!text.contains("Consejo Permanente de OEA"), "\(text)")
        #expect(!text.contains("Juan Carlos Ortega Murillo"), "\(text)")
        #expect(!text.contains("Impiden ingreso a Nicaragua"), "\(text)")
        #expect(text.contains("La deuda externa total aumentó en 884,3 millones"))
        #expect(text.contains("el resto al sector público"))
    }

    @Test func labelWithSeveralLinksStays() {
        let list = "<p>Source files: <a href=\"/a.js\">blanket.js</a>, <a href=\"/b.js\">mocha-blanket.js</a></p>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(list)\(ShapeRulesTests.after)</article></body></html>"
        )
        #expect(text.contains("Source files: blanket.js, mocha-blanket.js"), "\(text)")
    }

    @Test func headingsAndLinksAfterTheLastParagraphAreDropped() {
        let text = ShapeRulesTests.text("trafilatura-eval/gofeminin.de.abnehmen.html")
        #expect(!text.contains("Auch auf gofeminin.de"), "\(text)")
        #expect(!text.contains("20 Kilo abnehmen: Mit DIESER Strategie"), "\(text)")
        #expect(text.contains("Süßigkeiten oder Chips solltet ihr euch abends möglichst verkneifen."))
    }

    @Test func headingThatIntroducesTextAfterTheLastParagraphStays() {
        let tail = "<h3>Zum Schluss</h3><p>Merci.</p>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(tail)</article></body></html>")
        #expect(text.contains("Zum Schluss"), "\(text)")
        #expect(text.contains("Merci."))
    }

    @Test func labelLinesOutsideTheParagraphsAreDropped() {
        let html =
            "<html><body><article><p><small>Anzeige:</small></p>\(ShapeRulesTests.prose)<h2>Ein Zwischentitel:</h2>\(ShapeRulesTests.after)<div><small>Kontakt:</small></div></article></body></html>"
        let text = ShapeRulesTests.text(html: html)
        #expect(!text.contains("Anzeige:"), "\(text)")
        #expect(!text.contains("Kontakt:"), "\(text)")
        #expect(text.contains("Ein Zwischentitel:"), "a label between paragraphs stays: \(text)")
    }

    @Test func descriptionGoesBeforeABodyThatMissedTheArticle() {
        let text = ShapeRulesTests.text("trafilatura-eval/homify.de-Tischdecke.html")
        #expect(text.hasPrefix("Unabhängig von Größe und Stil kannst du"), "\(text)")
        #expect(text.contains("wie du eine runde Tischdecke"))
    }

    @Test func shortPageKeepsItsShortBody() {
        let html =
            "<html><head><meta name=\"description\" content=\"A description longer than the body of this small test page.\"></head><body><p>Short body.</p></body></html>"
        #expect(ShapeRulesTests.text(html: html) == "Short body.")
    }

    @Test func slideCountersAndCloseButtonsAreDropped() {
        let gallery =
            "<div class=\"gallery\"><figure><img src=\"a.jpg\"><figcaption>Les membres de la commission en séance publique au Palais du Luxembourg.</figcaption></figure><div>Image 1 of 8</div><div>2 von 8</div><div>Close</div></div>"
        let text = ShapeRulesTests.text(
            html:
                "<html><body><article>\(ShapeRulesTests.prose)\(gallery)\(ShapeRulesTests.after)</article></body></html>"
        )
        #expect(!text.contains("1 of 8"), "\(text)")
        #expect(!text.contains("2 von 8"), "\(text)")
        #expect(!text.contains("Close"), "\(text)")
        #expect(text.contains("Palais du Luxembourg"), "the caption itself stays: \(text)")
    }

    @Test func figuresInATableStay() {
        let table = "<table><tr><td>Janvier</td><td>23/16</td><td>1 / 2</td></tr></table>"
        let text = ShapeRulesTests.text(
            html:
                "<html><body><article>\(ShapeRulesTests.prose)\(table)\(ShapeRulesTests.after)</article></body></html>")
        #expect(text.contains("23/16"), "\(text)")
        #expect(text.contains("1 / 2"), "\(text)")
    }

    @Test func shareCountersRanksAndAdvertisingLabelsAreDropped() {
        let html =
            "<html><body><article><div>6280</div>\(ShapeRulesTests.prose)<p>- Advertisement -</p><div>Anzeige</div>\(ShapeRulesTests.after)<figure><img src=\"a.png\"><figcaption>2012</figcaption></figure><ol><li><div>4</div><div>Un autre titre</div></li></ol></article></body></html>"
        let text = ShapeRulesTests.text(html: html)
        #expect(!text.contains("6280"), "\(text)")
        #expect(!text.contains("Advertisement"), "\(text)")
        #expect(!text.contains("Anzeige"), "\(text)")
        #expect(!text.contains("\n4\n"), "\(text)")
        #expect(text.contains("Un autre titre"), "\(text)")
        #expect(text.contains("2012"), "a year alone stays (medium-1's caption): \(text)")
    }

    @Test func kickerInCapitalsAndItsLinkAreDropped() {
        let teaser =
            "<p><strong>TIME TRAVELLER</strong> <a href=\"/other\">Man claims he has seen the year 2050</a></p>"
        let plain = "<p>Puis <a href=\"/x\">un lien vers le rapport de la commission d'enquête</a></p>"
        let text = ShapeRulesTests.text(
            html:
                "<html><body><article>\(ShapeRulesTests.prose)\(teaser)\(plain)\(ShapeRulesTests.after)</article></body></html>"
        )
        #expect(!text.contains("TIME TRAVELLER"), "\(text)")
        #expect(!text.contains("the year 2050"), "\(text)")
        #expect(text.contains("un lien vers le rapport"), "a lower-case opening is not a kicker: \(text)")
    }
}
