import Extraction
import Foundation
import Testing
import VeilleCore

/// Step 4 of the cascade: JSON-LD, OpenGraph, `<meta>`, `<time>`, bylines and French dates.
@Suite struct MetadataTests {
    static let body =
        "<p>" + String(repeating: "Le texte de l'article, assez long pour être retenu par le score. ", count: 12)
        + "</p>"

    static func extract(_ head: String, _ bodyPrefix: String = "", lang: String = "fr", url: String? = nil) -> Article {
        let html =
            "<html lang=\"\(lang)\"><head>\(head)</head><body><article>\(bodyPrefix)\(body)</article></body></html>"
        return ArticleExtractor.extract(Array(html.utf8), url: url, httpCharset: nil)
    }

    static func iso(_ d: Date?) -> String? { d.map(Timestamp.iso) }

    @Test func jsonLDInAGraph() {
        let a = MetadataTests.extract(
            """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"Le titre JSON-LD","author":[{"@type":"Person","name":"Ana Dupont"},{"name":"Luc Roy"}],
            "datePublished":"2023-11-23T14:05:00+01:00","dateModified":"2023-11-24T08:00:00Z","publisher":{"name":"Le Journal"},
            "inLanguage":"fr-FR"}]}</script>
            """)
        #expect(a.title == "Le titre JSON-LD")
        #expect(a.byline == "Ana Dupont, Luc Roy")
        #expect(MetadataTests.iso(a.published) == "2023-11-23T13:05:00Z")
        #expect(MetadataTests.iso(a.updated) == "2023-11-24T08:00:00Z")
    }

    @Test(arguments: ["NewsArticle", "Article", "ReportageNewsArticle", "[\"ReportageNewsArticle\",\"NewsArticle\"]"])
    func jsonLDArticleTypes(_ type: String) {
        let quoted = type.hasPrefix("[") ? type : "\"\(type)\""
        let a = MetadataTests.extract(
            "<script type=\"application/ld+json\">{\"@context\":\"http://schema.org\",\"@type\":\(quoted),\"headline\":\"Titre \(type.count)\",\"datePublished\":\"2024-02-01T10:00:00Z\"}</script>"
        )
        #expect(a.title == "Titre \(type.count)")
        #expect(MetadataTests.iso(a.published) == "2024-02-01T10:00:00Z")
    }

    @Test func openGraphAndMeta() {
        let a = MetadataTests.extract(
            """
            <title>Autre chose | Site</title><meta property="og:title" content="Le titre OpenGraph">
            <meta property="og:site_name" content="Le Site"><meta name="description" content="Un résumé.">
            <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
            <meta name="author" content="Par Claire Petit"><link rel="canonical" href="/2024/03/05/article.html">
            """, url: "https://www.example.fr/rubrique/page?id=3")
        #expect(a.title == "Le titre OpenGraph")
        #expect(a.siteName == "Le Site")
        #expect(a.description == "Un résumé.")
        #expect(a.byline == "Claire Petit")
        #expect(MetadataTests.iso(a.published) == "2024-03-05T08:30:00Z")
        #expect(a.canonicalURL == "https://www.example.fr/2024/03/05/article.html")
    }

    @Test func documentTitleLosesItsSiteName() {
        let a = MetadataTests.extract("<title>Les sénateurs votent le budget de la sécurité sociale - Le Monde</title>")
        #expect(a.title == "Les sénateurs votent le budget de la sécurité sociale")
    }

    @Test func frenchDatesInTextAreParisTime() {
        let a = MetadataTests.extract(
            "", "<p class=\"dates\">Publié le 23 novembre 2023 à 14h05, mis à jour le 24 novembre 2023 à 8h10</p>")
        #expect(MetadataTests.iso(a.published) == "2023-11-23T13:05:00Z") // CET, UTC+1
        #expect(MetadataTests.iso(a.updated) == "2023-11-24T07:10:00Z")
        let summer = MetadataTests.extract("", "<span>Publié le 1er juillet 2024 à 9h00</span>")
        #expect(MetadataTests.iso(summer.published) == "2024-07-01T07:00:00Z") // CEST, UTC+2
    }

    @Test(arguments: [
        ("publié le 23 novembre 2023 à 14h05", "2023-11-23T13:05:00Z"),
        ("Mis à jour le 24/11/2023 à 08:15", "2023-11-24T07:15:00Z"),
        ("lundi 2 déc. 2024", "2024-12-01T23:00:00Z"),
        ("le 15 août 2024 à 23h30", "2024-08-15T21:30:00Z"),
    ])
    func frenchDateForms(_ text: String, _ expected: String) {
        let a = MetadataTests.extract("", "<p>Publié \(text)</p>")
        let got = MetadataTests.iso(a.published) ?? MetadataTests.iso(a.updated)
        #expect(got == expected, "\(text)")
    }

    @Test func isoDateWithoutZoneIsParisOnFrenchPages() {
        let fr = MetadataTests.extract("<meta property=\"article:published_time\" content=\"2024-01-10T12:00:00\">")
        #expect(MetadataTests.iso(fr.published) == "2024-01-10T11:00:00Z")
        let en = MetadataTests.extract(
            "<meta property=\"article:published_time\" content=\"2024-01-10T12:00:00\">", lang: "en")
        #expect(MetadataTests.iso(en.published) == "2024-01-10T12:00:00Z")
    }

    @Test func timeElementAndBylineLine() {
        let a = MetadataTests.extract(
            "", "<p>Par Sébastien Farcis</p><time datetime=\"2015-04-30T07:19:58Z\">30 avril</time>")
        #expect(a.byline == "Sébastien Farcis")
        #expect(MetadataTests.iso(a.published) == "2015-04-30T07:19:58Z")
    }
}

/// Pages whose body is filled in by script: the JSON-LD `articleBody` stands in.
@Suite struct ArticleBodyFallbackTests {
    @Test func jsonLDArticleBodyWhenTheMarkupIsEmpty() {
        let body = String(repeating: "Le Sénat a adopté le texte en première lecture, après un long débat. ", count: 10)
        let html = """
            <html lang="fr"><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Vote au Sénat","articleBody":"\(body)\\n\\nSecond paragraphe du texte."}</script></head>
            <body><div id="app"><p>Chargement…</p></div></body></html>
            """
        let a = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil)
        #expect(a.text.hasPrefix("Le Sénat a adopté le texte"))
        #expect(a.text.hasSuffix("\n\nSecond paragraphe du texte."))
    }
}
