import Extraction
import Testing
import VeilleCore

/// Step 3 of the cascade on a hand-written French page carrying every boilerplate phrase.
@Suite struct BoilerplateTests {
    static let page = FixtureLoader.bytes("boilerplate-fr.html")

    static let boilerplate = [
        "À lire aussi", "Sur le même sujet", "Lire la suite", "Crédit photo", "Image principale 1",
        "Temps de lecture", "À suivre aussi", "Ailleurs sur le web", "Dernières actualités", "newsletter",
        "réservé aux abonnés", "cookies", "Partager sur", "Commentaires", "Très bon article", "Publié le",
        "Mis à jour le", "Il vous reste",
    ]

    @Test(arguments: boilerplate)
    func phraseIsDropped(_ phrase: String) {
        let article = ArticleExtractor.extract(BoilerplateTests.page, url: nil, httpCharset: nil)
        #expect(
            !article.text.lowercased().contains(phrase.lowercased()), "'\(phrase)' reached the text:\n\(article.text)")
    }

    @Test func articleParagraphsStay() {
        let article = ArticleExtractor.extract(BoilerplateTests.page, url: nil, httpCharset: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.filter { $0.contains("Sénat") }.count == 4, "\(article.text)")
        #expect(article.text.hasPrefix("Le Sénat a publié mardi"))
        #expect(article.title == "La commission d'enquête rend son rapport")
        #expect(article.byline == "Jeanne Martin")
        #expect(article.siteName == "Le Quotidien")
        #expect(article.language == "fr")
        #expect(article.published.map(Timestamp.iso) == "2023-11-23T13:05:00Z")
        #expect(article.updated.map(Timestamp.iso) == "2023-11-24T07:10:00Z")
    }

    @Test func paragraphsAreSeparatedByABlankLine() {
        let html =
            "<html><body><article><h2>Un titre</h2><p>Premier paragraphe assez long pour compter dans le score de l'article, avec une virgule, et une autre.</p><ul><li>un</li><li>deux</li></ul><p>Second paragraphe assez long pour compter dans le score de l'article, avec une virgule, et une autre.<br>Ligne suivante.</p></article></body></html>"
        let article = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil)
        #expect(
            article.text
                == "Un titre\n\nPremier paragraphe assez long pour compter dans le score de l'article, avec une virgule, et une autre.\n\nun\ndeux\n\nSecond paragraphe assez long pour compter dans le score de l'article, avec une virgule, et une autre.\nLigne suivante."
        )
    }

    @Test func longSubscriberBodyIsKept() {
        let paragraph =
            "<p>Le rapport sénatorial détaille, page après page, les ressorts de la campagne et ses relais.</p>"
        let html =
            "<html><body><article><div class=\"texte reserve-abonnes\">" + String(repeating: paragraph, count: 14)
            + "</div></article></body></html>"
        let article = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil)
        #expect(article.text.components(separatedBy: "\n\n").count == 14)
    }
}
