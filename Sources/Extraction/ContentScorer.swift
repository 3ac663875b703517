import Markup

/// Steps 2 of the cascade: finds the article's container by Readability's scoring, over a ``PageModel``.
///
/// Paragraph-like blocks (``TagVocabulary/scored``, divs that read as paragraphs, runs of inline text inside
/// divs) give their ancestors points for length and commas; containers start from a tag score and a
/// class/id weight; link-heavy candidates lose their share; the best one is widened to a better-scoring
/// ancestor and joined by its good siblings.
struct ContentScorer {
    /// Readability's three flags, turned off one at a time when a pass finds too little text.
    struct Options: Sendable {
        var stripUnlikely = true
        var weightClasses = true
        var cleanConditionally = true
    }

    /// The outcome: the roots to render, and the nodes dropped on the way.
    struct Selection {
        var roots: [Int]
        var removed: [Bool]
        var stats: [NodeStats]
        var byline: Int?
    }

    let model: PageModel
    let options: Options
    /// Lower-cased title words, to drop a heading that repeats the title.
    let titleTokens: [Substring]

    /// Runs marking, statistics, scoring and selection.
    func select(preRemoved: [Bool]?) -> Selection {
        let n = model.tree.nodes.count
        var removed = preRemoved ?? [Bool](repeating: false, count: n)
        let body = model.body
        let byline = markRemovals(&removed)
        var stats = [NodeStats](repeating: NodeStats(), count: n)
        NodeStats.compute(model, range: body..<model.end(body), removed: removed, into: &stats)
        let roots = choose(removed: removed, stats: stats)
        return Selection(roots: roots, removed: removed, stats: stats, byline: byline)
    }

    /// Marks hidden, never-content and unlikely subtrees, the byline block and a heading repeating the title.
    func markRemovals(_ removed: inout [Bool]) -> Int? {
        let body = model.body
        let end = model.end(body)
        var byline: Int?
        var titleHeadingSeen = false
        var i = body + 1
        while i < end {
            guard model.isElement(i), !removed[i] else {
                i = removed[i] ? model.end(i) : i + 1
                continue
            }
            let tag = model.tag(i)
            var drop = TagVocabulary.neverContent.contains(tag) || !isVisible(i)
            if !drop, byline == nil, isByline(i) {
                byline = i
                drop = true
            }
            if !drop, !titleHeadingSeen, tag == .h1 || tag == .h2, duplicatesTitle(i) {
                drop = true
                titleHeadingSeen = true
            }
            let sets = model.sets(i)
            if !drop, sets.contains(.layer), !sets.contains(.maybe), tag != .body { drop = true }
            if !drop, options.stripUnlikely {
                if sets.contains(.unlikely), !sets.contains(.maybe), tag != .a, tag != .body,
                    model.ancestry[i].isDisjoint(with: [.table, .code])
                {
                    drop = true
                }
                if !drop, hasUnlikelyRole(i) { drop = true }
            }
            if drop {
                let e = model.end(i)
                for k in i..<e { removed[k] = true }
                i = e
            } else {
                i += 1
            }
        }
        return byline
    }

    /// Readability's visibility test (no `hidden`, `aria-hidden`, hiding style) and modal dialogs.
    func isVisible(_ i: Int) -> Bool { model.facts[i].isDisjoint(with: [.hidden, .dialog]) }

    func hasUnlikelyRole(_ i: Int) -> Bool { model.facts[i].contains(.unlikelyRole) }

    /// A short block marked as the author's (`rel=author`, `itemprop=author`, byline classes).
    func isByline(_ i: Int) -> Bool {
        guard model.facts[i].contains(.author) || model.sets(i).contains(.byline) else { return false }
        var length: Int32 = 0
        var k = i + 1
        let e = model.end(i)
        while k < e, length < 100 {
            if model.tree.nodes[k].kind == .text { length += model.chars[k] }
            k += 1
        }
        return length > 0 && length < 100
    }

    /// Readability's header check: an h1/h2 whose words are mostly the title's.
    func duplicatesTitle(_ i: Int) -> Bool {
        guard !titleTokens.isEmpty else { return false }
        let heading = TextTools.words(model.tree.text(i))
        return TextTools.similarity(titleTokens, heading) > 0.75
    }
}
