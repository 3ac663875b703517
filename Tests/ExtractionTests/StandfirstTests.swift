import Extraction
import Testing

/// The standfirst (lead, chapô) a page marks in its own markup is the text's first paragraph; metadata
/// such as `og:description` never is.
@Suite struct StandfirstTests {
    static let body = String(
        repeating:
            "<p>Le rapport détaille, page après page, les relais de la campagne, ses comptes automatisés, ses sites miroirs et les montants engagés.</p>",
        count: 6)

    /// A French article page whose lead sits in the article's header, outside the body's container.
    static func page(lead: String, description: String = "Résumé pour les réseaux sociaux, jamais le texte.")
        -> [UInt8]
    {
        let html = """
            <html lang="fr"><head><title>Ingérences : le rapport</title>
            <meta property="og:description" content="\(description)"></head>
            <body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
            <article><header><h1>Ingérences : le rapport</h1>\(lead)</header>
            <div class="article-body">\(body)</div></article>
            <aside><p class="lead">Autre article : un chapô de la colonne voisine, à ne pas reprendre ici.</p></aside>
            </body></html>
            """
        return Array(html.utf8)
    }

    static let leadText =
        "Le service de vigilance et de protection contre les ingérences numériques étrangères (Viginum) attribue la campagne au groupe d'initiative de Bakou."

    @Test(arguments: [
        "<p class=\"chapo\">\(leadText)</p>", "<div class=\"article__lead\">\(leadText)</div>",
        "<p class=\"standfirst\">\(leadText)</p>", "<p itemprop=\"abstract\">\(leadText)</p>",
        "<h2 class=\"chapô\">\(leadText)</h2>",
    ])
    func leadIsTheFirstParagraph(_ lead: String) {
        let article = ArticleExtractor.extract(StandfirstTests.page(lead: lead), url: nil, httpCharset: nil)
        #expect(article.text.hasPrefix(StandfirstTests.leadText + "\n\nLe rapport détaille"), "\(article.text)")
        #expect(article.text.components(separatedBy: "Viginum").count == 2, "the lead appears once")
        #expect(!article.text.contains("colonne voisine"), "a lead outside the article stays out")
    }

    @Test func descriptionIsNeverText() {
        let description = "Viginum désigne le groupe d'initiative de Bakou."
        let article = ArticleExtractor.extract(
            StandfirstTests.page(lead: "", description: description), url: nil, httpCharset: nil)
        #expect(article.description == description)
        #expect(!article.text.contains("Viginum"), "\(article.text)")
        #expect(article.text.hasPrefix("Le rapport détaille"))
    }

    @Test func unmarkedOrLinkOnlyBlocksAreNoLead() {
        let links =
            "<p class=\"lead\"><a href=\"/a\">Viginum : le premier article de la série sur les ingérences</a></p>"
        let plain = "<p class=\"kicker\">\(StandfirstTests.leadText)</p>"
        for lead in [links, plain] {
            let article = ArticleExtractor.extract(StandfirstTests.page(lead: lead), url: nil, httpCharset: nil)
            #expect(article.text.hasPrefix("Le rapport détaille"), "\(lead): \(article.text)")
        }
    }
}
