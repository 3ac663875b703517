import Markup

/// The article's standfirst (lead, chapô), when the page marks it in its own markup: an element inside the
/// article's container, above the chosen body, whose class or id names it (``ClassVocabulary/Set/lead``:
/// "lead", "standfirst", "chapo", "chapô", "chapeau", "intro", "excerpt", "teaser-text", "subtitle", "description",
/// "summary", "abstract") or whose `itemprop` is `abstract`.
///
/// The scorer often picks the body's own container, leaving the lead outside; it is where a press article
/// names who is behind a campaign, so it goes back in as the first paragraph. Metadata such as
/// `og:description` is never used: the feed's summary field is for that.
struct Standfirst {
    let model: PageModel

    /// Shorter blocks are labels or kickers, not a standfirst.
    static let minimumCharacters: Int32 = 30
    /// Longer blocks are not a standfirst but a body the scorer passed over.
    static let maximumCharacters: Int32 = 1200
    /// How many levels above the body's first root the article's container may sit.
    static let maximumLevels = 4

    /// The standfirst's text, or nil when the page marks none above `roots` (or the roots already hold it).
    ///
    /// - Parameters:
    ///   - roots: the article's roots, in document order.
    ///   - excluded: nodes dropped by site rules; never read.
    func text(roots: [Int], excluded: [Bool]?) -> String? {
        guard let first = roots.first, first > 0 else { return nil }
        // The article's container: up to `maximumLevels` above the first root, stopping at <article>.
        var top = -1
        var p = model.parent(first)
        var level = 0
        while p > 0, model.tag(p) != .body, model.tag(p) != .html, level < Standfirst.maximumLevels {
            top = p
            if model.tag(p) == .article { break }
            p = model.parent(p)
            level += 1
        }
        guard top > 0 else { return nil }
        var i = top + 1
        while i < first {
            guard model.isElement(i) else {
                i += 1
                continue
            }
            if excluded?[i] == true || isFurniture(i) {
                i = model.end(i)
                continue
            }
            if model.end(i) <= first, isMarked(i) {
                if let text = leadText(i) { return text }
                i = model.end(i)
                continue
            }
            i += 1
        }
        return nil
    }

    /// Hidden, never-content and boilerplate subtrees are not looked into.
    func isFurniture(_ i: Int) -> Bool {
        if !model.facts[i].isDisjoint(with: [.hidden, .dialog]) { return true }
        if TagVocabulary.neverContent.contains(model.tag(i)) { return true }
        if TagVocabulary.droppedInArticle.contains(model.tag(i)) { return true }
        return !model.sets(i).isDisjoint(with: [.boilerplate, .share, .byline])
    }

    /// Marked as a standfirst by class, id or `itemprop="abstract"`, and a block that can hold one.
    func isMarked(_ i: Int) -> Bool {
        guard model.sets(i).contains(.lead) || model.facts[i].contains(.abstract) else { return false }
        switch model.tag(i) {
        case .p, .div, .section, .header, .h2, .h3, .span, .strong, .b, .em, .blockquote: return true
        default: return false
        }
    }

    /// The block's text when it reads as a standfirst: prose of a standfirst's length, not links, not media.
    func leadText(_ i: Int) -> String? {
        var chars: Int32 = 0
        var linkChars: Int32 = 0
        var k = i + 1
        let e = model.end(i)
        var hidden = [Range<Int>]()
        while k < e {
            let node = model.tree.nodes[k]
            if node.kind == .element {
                let tag = node.tag
                if tag == .img || tag == .figure || tag == .video || tag == .picture || tag == .ul || tag == .ol {
                    return nil
                }
                if isFurniture(k) {
                    hidden.append(k..<model.end(k))
                    k = model.end(k)
                    continue
                }
                if tag == .a {
                    var j = k + 1
                    while j < model.end(k) {
                        if model.tree.nodes[j].kind == .text { linkChars += model.chars[j] }
                        j += 1
                    }
                }
            } else if node.kind == .text {
                chars += model.chars[k]
            }
            k += 1
        }
        guard chars >= Standfirst.minimumCharacters, chars <= Standfirst.maximumCharacters,
            linkChars * 2 < chars
        else { return nil }
        var removed = [Bool](repeating: false, count: model.tree.nodes.count)
        for r in hidden { for h in r { removed[h] = true } }
        let text = TextRenderer(model: model).render([i], removed: removed)
        return text.isEmpty ? nil : text
    }
}
