import Extraction
import Testing
import VeilleCore

/// Step 1 of the cascade: `Feeds/sites.yaml` decoding and per-domain selectors.
@Suite struct SiteRulesTests {
    static let yaml = """
        sites:
          - domain: exemple.fr
            body: ["div.corps-article", "#article"]
            drop: [".encart", "[data-role=promo]"]
        """

    @Test func shippedSchemaExampleDecodes() throws {
        let rules = try SiteRules.load(path: FixtureLoader.root.appendingPathComponent("sites.yaml").path)
        #expect(!rules.sites.isEmpty)
    }

    @Test func rulesPickBodyAndDrop() throws {
        let rules = try SiteRules.parse(yaml: SiteRulesTests.yaml, file: "sites.yaml")
        #expect(rules.site(for: "https://www.exemple.fr/a/b")?.domain == "exemple.fr")
        #expect(rules.site(for: "https://exemple.fr.evil.com/") == nil)
        let html = """
            <html><body><div class="grand">\(String(repeating: "<p>Un long paragraphe de menu, avec des virgules, qui ressemble beaucoup à un article mais n'en est pas un.</p>", count: 8))</div>
            <div class="corps-article"><p>Le vrai texte.</p><div class="encart">Encart publicitaire</div><p data-role="promo">Promo</p><p>Fin du texte.</p></div></body></html>
            """
        let a = ArticleExtractor.extract(
            Array(html.utf8), url: "https://www.exemple.fr/x", httpCharset: nil, rules: rules)
        #expect(a.text == "Le vrai texte.\n\nFin du texte.")
        let without = ArticleExtractor.extract(
            Array(html.utf8), url: "https://autre.fr/x", httpCharset: nil, rules: rules)
        #expect(without.text.contains("Un long paragraphe de menu"))
    }

    @Test(arguments: ["[a*", "[", "#", ".", "a[b=", "[b='x'", "a > b", "a:first-child", "[*]"])
    func malformedSelectorsAreRefused(_ text: String) {
        #expect(SiteSelector(text) == nil, "\(text)")
    }

    @Test(arguments: ["article", "div.a.b", "#x", "[data-x]", "[data-x=y]", "[data-x*='y z']", "main article .body"])
    func supportedSelectorsParse(_ text: String) {
        #expect(SiteSelector(text) != nil, "\(text)")
    }

    @Test(arguments: [
        ("sites:\n  - domain: a.fr\n    bodyy: [p]\n", "bodyy"),
        ("sites:\n  - domain: a.fr\n    body: ['div > p']\n", "body"),
        ("sites:\n  - domain: a.fr\n    body: [p]\n  - domain: a.fr\n    body: [p]\n", "domain"),
        ("sites:\n  - body: [p]\n", "domain"),
    ])
    func errorsNameTheKey(_ text: String, _ key: String) {
        #expect {
            _ = try SiteRules.parse(yaml: text, file: "Feeds/sites.yaml")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.key == key && e.file == "Feeds/sites.yaml" && e.entry?.hasPrefix("sites[") == true
        }
    }
}
