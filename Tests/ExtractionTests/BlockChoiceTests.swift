import Extraction
import Testing

/// Which blocks the scorer and the cleaner keep when the page's markup misleads them (extraction v5): a
/// noscript whose unclosed element swallowed the page, a negated class name (`non-paywall`), a live feed whose
/// entries are named like reader comments, a popup opening with its close button. Real-page excerpts are in
/// `Fixtures/rules`; the inline pages are hand-written (see the fixtures README). Pages are read through
/// ``ShapeRulesTests/text(_:)`` and built on its prose.
@Suite struct BlockChoiceTests {
    @Test func noscriptHoldingMostOfThePageIsRead() {
        let text = ShapeRulesTests.text("rules/noscript-page.html")
        #expect(text.contains("Sono almeno 9 le femmine di orso marsicano"), "\(text)")
        #expect(text.contains("mediamente una femmina di orso marsicano fa nascere 0.2 cuccioli"), "\(text)")
    }

    @Test func smallNoscriptStaysDropped() {
        let notice =
            "<noscript><p>Activez JavaScript pour voir les graphiques, les vidéos et les réactions.</p></noscript>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(notice)</article></body></html>")
        #expect(text.contains("Le rapport sénatorial détaille"), "\(text)")
        #expect(!text.contains("Activez JavaScript"), "\(text)")
    }

    @Test func nonPaywallBlockIsNotAPaywall() {
        let text = ShapeRulesTests.text("rules/non-paywall.html")
        #expect(text.contains("Gesine aus Tübingen läuft die Zeit davon"), "\(text)")
        #expect(!text.contains("Jetzt diesen Artikel lesen"), "the paywall itself still goes: \(text)")
    }

    @Test func negationOnlyCountsAtTheStartOfAClassName() {
        let free = "<div class=\"box non-paywall\"><p>Ce passage reste en accès libre pour chacun.</p></div>"
        let wall = "<div class=\"box paywall\"><p>Offre réservée aux lecteurs inscrits du journal.</p></div>"
        let glued = "<div class=\"anon-paywall\"><p>Un bloc collé au mot nié reste un mur payant.</p></div>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(free)\(wall)\(glued)</article></body></html>")
        #expect(text.contains("Ce passage reste en accès libre"), "\(text)")
        #expect(!text.contains("Offre réservée aux lecteurs inscrits"), "\(text)")
        #expect(!text.contains("Un bloc collé au mot nié"), "\(text)")
    }

    @Test func liveFeedEntriesNamedLikeCommentsStay() {
        let text = ShapeRulesTests.text("rules/live-commentary.html")
        #expect(text.contains("Les deux équipes se cherchent en ce début de match."), "\(text)")
        #expect(text.contains("Belle opportunité pour Cornet sur coup-franc"), "\(text)")
    }

    @Test func readerCommentsUnderAnArticleStillGo() {
        let comments =
            "<div class=\"comments\">"
            + String(
                repeating:
                    "<div class=\"comment\"><p>Merci pour cet article, très instructif et bien documenté.</p></div>",
                count: 5)
            + "</div>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)</article>\(comments)</body></html>")
        #expect(text.contains("Le rapport sénatorial détaille"), "\(text)")
        #expect(!text.contains("Merci pour cet article"), "\(text)")
    }

    @Test func popupOpeningWithACloseButtonIsNotTheArticle() {
        let text = ShapeRulesTests.text("trafilatura-eval/vinosytapas.de.rioja.html")
        #expect(text.contains("Die Bestimmungen der D.O.Ca."), "\(text)")
        #expect(!text.contains("Versandkosten und Lieferung"), "the shipping-terms popup: \(text)")
    }

    @Test func closeControlsOnlyCountAsAWord() {
        let popup =
            "<div class=\"box\"><span class=\"btn-close\">×</span><p>Recevez chaque matin notre lettre, avec les analyses de la rédaction et les documents.</p></div>"
        let status =
            "<div><span class=\"closed\">Clos</span><p>Le débat parlementaire est clos depuis mardi, a rappelé le rapporteur, et le vote aura lieu jeudi.</p></div>"
        let text = ShapeRulesTests.text(
            html: "<html><body><article>\(ShapeRulesTests.prose)\(status)\(popup)</article></body></html>")
        #expect(text.contains("Le débat parlementaire est clos"), "'closed' is not a close control: \(text)")
        #expect(!text.contains("Recevez chaque matin"), "\(text)")
    }
}
