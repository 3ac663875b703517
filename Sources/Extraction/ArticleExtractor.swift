import Foundation
import Markup
import VeilleCore

/// Turns an article page into an ``Article``: body text and metadata.
///
/// The cascade, in order:
/// 1. **Site rules** (``SiteRules``, `Feeds/sites.yaml`): when the page's domain has rules, its `drop`
///    selectors remove blocks everywhere, and the first `body` selector that matches gives the article's
///    roots, skipping step 2.
/// 2. **Scoring** (``ContentScorer``): Readability's method in one pass over the flattened tree — hidden,
///    never-content and unlikely blocks (``ClassVocabulary``, French and English) are set aside; paragraphs
///    give points to their ancestors by length and commas; candidates start from a tag score
///    (``TagVocabulary``) and a class/id weight and lose their link-text share; the best is widened to a
///    better ancestor and joined by good siblings. When the result is under 500 characters the pass is
///    re-run without the unlikely filter, then without class weights, then without conditional cleaning,
///    and the longest text wins.
/// 3. **Cleanup** (``ArticleCleaner``): furniture tags, short share bars, boilerplate classes, blocks opening
///    with a boilerplate phrase (``BoilerplatePhrases``: "À lire aussi", "Sur le même sujet", "Lire la
///    suite", "Crédit photo", "Temps de lecture", "Ailleurs sur le web", subscription walls, cookie banners…)
///    and link-heavy or empty blocks are dropped; the text is rendered by ``TextRenderer``.
///    When the page's markup yields less than half the text of its JSON-LD `articleBody` (bodies filled in by
///    script), that `articleBody` is the text.
/// 4. **Metadata** (``PageMetadata``, ``JSONLDReader``, ``TitleReader``, ``DateReader``): JSON-LD article
///    objects (`@graph` included), OpenGraph and other `<meta>`, `<time>`, the byline block or a "Par …"
///    line, French "Publié le … / Mis à jour le …" lines; dates to UTC (Europe/Paris for a French page's
///    zone-less dates).
///
/// Bad input never crashes or hangs: empty, binary and non-HTML bytes give an empty article with a reason;
/// pages over ``maxPageBytes`` are read up to that size; nesting past ``HTMLTree/defaultMaxDepth`` is
/// flattened; invalid UTF-8 is read as windows-1252 (the project's charset rule).
public enum ArticleExtractor {
    /// Bumped whenever the output for the same page may change; the pipeline applies changes due only to
    /// a newer extractor without a delta.
    public static let version = 6

    /// Pages are read up to this many bytes (cut at a tag boundary): articles are far smaller, and the cap
    /// bounds the parser's memory.
    public static let maxPageBytes = 5_000_000

    /// Texts shorter than this make the scorer retry with fewer filters (Readability's charThreshold).
    static let minimumCharacters = 500
    /// A body text shorter than this gets the page's description before it (see ``extract(_:url:httpCharset:rules:)``).
    static let shortBodyCharacters = 250
    /// …when the page itself holds at least this much text.
    static let minimumPageCharacters = 2000

    /// Extracts the article of a page.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - url: the page's address (for site rules and relative canonical links), if known.
    ///   - httpCharset: the HTTP `charset`, if any.
    ///   - rules: site rules (``SiteRules/none`` for scoring alone).
    /// - Returns: the article; an empty one with ``Article/emptyReason`` when nothing could be read.
    public static func extract(_ bytes: [UInt8], url: String?, httpCharset: String?, rules: SiteRules = .none)
        -> Article
    {
        if let reason = InputCheck.refusal(bytes) { return .empty(reason) }
        let page = InputCheck.bounded(bytes, limit: maxPageBytes)
        guard let tree = HTMLTree.parse(page, httpCharset: httpCharset), tree.nodes.count > 1 else {
            return .empty("not HTML: no markup could be parsed")
        }
        let model = PageModel(tree: tree)
        let metadata = PageMetadata(model: model)
        let jsonLD = JSONLDReader(scripts: metadata.jsonLD)
        let title = TitleReader.title(metadata, jsonLD: jsonLD)
        var (text, bylineNode, lead) = body(model, title: title, site: rules.site(for: url))
        if let fallback = jsonLD?.articleBody, fallback.utf8.count >= minimumCharacters,
            text.utf8.count * 2 < fallback.utf8.count
        {
            text = paragraphs(fallback)
        }
        if let lead { text = withStandfirst(lead, text) }
        text = TextTools.nfc(text)
        var article = ArticleAssembler(model: model, metadata: metadata, jsonLD: jsonLD, url: url)
            .article(title: title, text: text, bylineNode: bylineNode)
        // A body this short missed the article (drawn by scripts, behind a wall): the page's own summary, when
        // longer, goes first, as JSON-LD's articleBody does above.
        if article.text.count < shortBodyCharacters, let summary = article.description,
            summary.count > article.text.count, pageCharacters(model) >= minimumPageCharacters
        {
            article.text = withStandfirst(TextTools.nfc(TextTools.collapse(summary)), article.text)
        }
        if article.text.isEmpty { article.emptyReason = "no article text found" }
        return article
    }

    /// Characters of text in the whole page (a short page with a short body has not missed its article).
    static func pageCharacters(_ model: PageModel) -> Int {
        var total = 0
        for c in model.chars { total += Int(c) }
        return total
    }

    /// JSON-LD `articleBody` as paragraphs: blank lines between its lines, whitespace collapsed.
    static func paragraphs(_ plain: String) -> String {
        plain.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { TextTools.collapse(String($0)) }
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The standfirst as the text's first paragraph, unless the text already holds it.
    static func withStandfirst(_ lead: String, _ text: String) -> String {
        let flat = TextTools.collapse(lead)
        if flat.isEmpty || TextTools.collapse(text).contains(flat) { return text }
        return text.isEmpty ? lead : lead + "\n\n" + text
    }

    /// Steps 1 to 3: the body text, the byline block the scorer set aside, and the standfirst (``Standfirst``)
    /// found above the body.
    static func body(_ model: PageModel, title: String, site: SiteRules.Site?) -> (String, Int?, String?) {
        let titleTokens = TextTools.words(title)
        var preRemoved: [Bool]?
        if let site, !site.drop.isEmpty { preRemoved = SiteRulesApplier.dropped(model, site.drop) }
        if let site, let roots = SiteRulesApplier.roots(model, site.body) {
            var options = ContentScorer.Options()
            options.stripUnlikely = false
            let scorer = ContentScorer(model: model, options: options, titleTokens: titleTokens)
            var removed = preRemoved ?? [Bool](repeating: false, count: model.tree.nodes.count)
            let byline = scorer.markRemovals(&removed)
            var selection = ContentScorer.Selection(
                roots: roots, removed: removed,
                stats: [NodeStats](repeating: NodeStats(), count: model.tree.nodes.count),
                byline: byline)
            options.cleanConditionally = false
            ArticleCleaner(model: model, options: options).clean(&selection)
            return (
                TextRenderer(model: model).render(selection.roots, removed: selection.removed), byline,
                Standfirst(model: model).text(roots: selection.roots, excluded: preRemoved)
            )
        }
        var options = ContentScorer.Options()
        var best: (text: String, length: Int, byline: Int?, roots: [Int]) = ("", -1, nil, [])
        for attempt in 0..<4 {
            let scorer = ContentScorer(model: model, options: options, titleTokens: titleTokens)
            var selection = scorer.select(preRemoved: preRemoved)
            ArticleCleaner(model: model, options: options).clean(&selection)
            let text = TextRenderer(model: model).render(selection.roots, removed: selection.removed)
            let length = text.utf8.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            if length >= minimumCharacters {
                return (
                    text, selection.byline, Standfirst(model: model).text(roots: selection.roots, excluded: preRemoved)
                )
            }
            if length > best.length { best = (text, length, selection.byline, selection.roots) }
            switch attempt {
            case 0: options.stripUnlikely = false
            case 1: options.weightClasses = false
            default: options.cleanConditionally = false
            }
        }
        return (best.text, best.byline, Standfirst(model: model).text(roots: best.roots, excluded: preRemoved))
    }
}
