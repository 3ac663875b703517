import Extraction
import Testing

/// Golden files: the extractor's output for a few Readability pages, French ones included, byte for byte.
@Suite struct GoldenTests {
    static let pages = FixtureLoader.list("readability/golden-pages.txt")

    @Test(arguments: pages)
    func matchesGoldenText(_ name: String) {
        let article = ArticleExtractor.extract(
            FixtureLoader.bytes("readability/\(name).html"), url: nil, httpCharset: nil)
        let expected = FixtureLoader.text("readability/\(name).expected.txt")
        #expect(article.text == expected, "\(name): output differs from \(name).expected.txt")
        #expect(article.emptyReason == nil)
    }

    @Test func frenchPagesKeepTheirTitleAndLanguage() {
        let lemonde = ArticleExtractor.extract(
            FixtureLoader.bytes("readability/lemonde-1.html"), url: nil, httpCharset: nil)
        #expect(lemonde.title == "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée")
        #expect(lemonde.language?.hasPrefix("fr") == true)
        #expect(!lemonde.text.contains("Lire aussi"))
        let liberation = ArticleExtractor.extract(
            FixtureLoader.bytes("readability/liberation-1.html"), url: nil, httpCharset: nil)
        #expect(liberation.title == "Un troisième Français mort dans le séisme au Népal")
        #expect(liberation.text.contains("Laurent Fabius"))
    }
}

/// The quality gate: mean token F1 against Readability's expected text over the fixture pages. Floors only rise.
@Suite struct QualityGateTests {
    /// Pinned floor of the mean token F1 over `quality-pages.txt`.
    static let meanF1Floor = 0.98
    /// No page of the subset may fall under this.
    static let pageF1Floor = 0.60

    @Test func meanTokenF1StaysAboveTheFloor() {
        let pages = FixtureLoader.list("readability/quality-pages.txt")
        #expect(pages.count >= 20)
        var total = 0.0
        for name in pages {
            let article = ArticleExtractor.extract(
                FixtureLoader.bytes("readability/\(name).html"), url: nil, httpCharset: nil)
            let f1 = TokenF1.f1(gold: FixtureLoader.text("readability/\(name).gold.txt"), predicted: article.text)
            #expect(f1 >= QualityGateTests.pageF1Floor, "\(name): F1 \(f1)")
            total += f1
        }
        let mean = total / Double(pages.count)
        #expect(
            mean >= QualityGateTests.meanF1Floor,
            "mean token F1 \(mean) under the floor \(QualityGateTests.meanF1Floor)")
    }

    @Test func tokeniserMatchesTheEvaluationScript() {
        #expect(TokenF1.tokens("L’État, c'est moi ! ﬁn_2") == ["l", "état", "c", "est", "moi", "fin_2"])
        #expect(TokenF1.f1(gold: "a b c", predicted: "a b c") == 1)
        #expect(TokenF1.f1(gold: "a b", predicted: "") == 0)
    }
}
