import Markup

/// Step 3 of the cascade: drops what sits inside the chosen article but is not article — furniture tags,
/// share bars, boilerplate classes and phrases (``BoilerplatePhrases``), headings with negative weight,
/// and, in reverse document order, blocks Readability's conditional cleaner finds link-heavy or empty.
struct ArticleCleaner {
    let model: PageModel
    let options: ContentScorer.Options

    /// Blocks named as picture credits are dropped up to this length (longer ones hold prose).
    static let maxCreditCharacters: Int32 = 300
    /// Blocks named as teasers are dropped up to this length (a longer one is the article itself).
    static let maxTeaserCharacters: Int32 = 500

    /// Updates `selection.removed` and `selection.stats` for the article's roots.
    func clean(_ selection: inout ContentScorer.Selection) {
        for root in selection.roots { dropFurniture(root, &selection) }
        for root in selection.roots {
            NodeStats.compute(model, range: root..<model.end(root), removed: selection.removed, into: &selection.stats)
        }
        guard options.cleanConditionally else { return }
        defer {
            dropColophon(&selection)
            dropContactBlock(&selection)
            dropLinkRuns(&selection)
        }
        var dataTables: [Int: Bool] = [:]
        for root in selection.roots.reversed() {
            var i = model.end(root) - 1
            while i >= root {
                defer { i -= 1 }
                guard model.isElement(i), !selection.removed[i] else { continue }
                let tag = model.tag(i)
                guard TagVocabulary.cleanedConditionally.contains(tag) else { continue }
                if tag == .div, !selection.stats[i].block { continue } // reads as a paragraph
                if shouldRemove(i, selection.stats, &dataTables) { remove(i, root: root, &selection) }
            }
        }
    }

    /// Marks a subtree removed and takes its figures out of its ancestors up to the root.
    func remove(_ i: Int, root: Int, _ selection: inout ContentScorer.Selection) {
        let e = model.end(i)
        for k in i..<e { selection.removed[k] = true }
        let s = selection.stats[i]
        let tag = model.tag(i)
        var p = model.parent(i)
        var first = true
        while p >= root, p > 0 {
            selection.stats[p].text -= s.text
            selection.stats[p].link -= s.link
            selection.stats[p].commas -= s.commas
            selection.stats[p].p -= s.p + (NodeStats.readsAsParagraph(tag, s) ? 1 : 0)
            selection.stats[p].img -= s.img
            selection.stats[p].li -= s.li + (tag == .li ? 1 : 0)
            selection.stats[p].input -= s.input
            selection.stats[p].heading -= s.heading
            selection.stats[p].list -= (tag == .ul || tag == .ol) ? s.text : s.list
            if first {
                selection.stats[p].children -= 1
                first = false
            }
            p = model.parent(p)
        }
    }

    /// Furniture tags, short share bars, boilerplate classes and phrases, negative headings.
    func dropFurniture(_ root: Int, _ selection: inout ContentScorer.Selection) {
        var i = root + 1
        let end = model.end(root)
        // A root named like boilerplate (a live feed's "live-comments") was chosen for its prose: blocks named
        // alike inside it are its entries, not furniture.
        let namedRoot = model.sets(root).contains(.boilerplate)
        while i < end {
            guard model.isElement(i), !selection.removed[i] else {
                i = selection.removed[i] ? model.end(i) : i + 1
                continue
            }
            let tag = model.tag(i)
            let sets = model.sets(i)
            let text = selection.stats[i].text
            var drop = TagVocabulary.droppedInArticle.contains(tag)
            if !drop, sets.contains(.share), text < 500 { drop = true }
            // Boilerplate classes: short blocks go; long ones only when mostly links (a long block named
            // "paywall" or "abonnes" may hold the article itself).
            if !drop, sets.contains(.boilerplate), !namedRoot,
                text < 1000 || (!sets.contains(.maybe) && selection.stats[i].linkDensity > 0.33)
            {
                drop = true
            }
            if !drop, options.weightClasses, tag == .h1 || tag == .h2, model.classWeight(i) < 0 { drop = true }
            // Picture credits: "Foto: dpa" is not the article.
            if !drop, sets.contains(.credit), text < ArticleCleaner.maxCreditCharacters { drop = true }
            // Captions ending with their credit, credit-only lines.
            if !drop, isCredit(i, selection.stats[i]) { drop = true }
            // A kicker label and a link to another article ("Lea: <a>…</a>").
            if !drop, isKickerLink(i, selection.stats[i]) { drop = true }
            // Teasers of other articles ("article-teaser", "pp-inline-teaser") inside the body.
            if !drop, sets.contains(.teaser), !sets.contains(.lead), text < ArticleCleaner.maxTeaserCharacters {
                drop = true
            }
            if !drop, text > 0, text <= BoilerplatePhrases.maxBlockCharacters,
                let phrase = BoilerplatePhrases.match(prefix(i)),
                !phrase.whole || text <= Int32(phrase.text.count) + 2
            {
                drop = true
                if phrase.heading { dropFollowingLinks(after: i, &selection) }
            }
            // A heading phrase with its links in one block.
            if !drop, text > BoilerplatePhrases.maxBlockCharacters, text <= BoilerplatePhrases.maxLinkBlockCharacters,
                selection.stats[i].linkDensity > 0.5, let phrase = BoilerplatePhrases.match(prefix(i)), phrase.heading
            {
                drop = true
            }
            if drop {
                let e = model.end(i)
                for k in i..<e { selection.removed[k] = true }
                i = e
            } else {
                i += 1
            }
        }
    }

    /// After a "Sur le même sujet" heading: the next element sibling when it is mostly links.
    func dropFollowingLinks(after i: Int, _ selection: inout ContentScorer.Selection) {
        let parent = model.parent(i)
        var c = model.end(i)
        while c < model.end(parent), !model.isElement(c) { c += 1 }
        guard c < model.end(parent), model.parent(c) == parent else { return }
        let s = selection.stats[c]
        if s.text > 0, s.linkDensity > 0.5 {
            for k in c..<model.end(c) { selection.removed[k] = true }
        }
    }

    /// The first bytes of an element's text, whitespace collapsed, lower-cased (empty when its first byte
    /// cannot open a phrase).
    func prefix(_ i: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(BoilerplatePhrases.prefixBytes + 8)
        var k = i + 1
        let e = model.end(i)
        var space = false
        while k < e, out.count < BoilerplatePhrases.prefixBytes {
            let node = model.tree.nodes[k]
            if node.kind == .text {
                for j in Int(node.start)..<Int(node.start + node.count) {
                    let b = model.tree.bytes[j]
                    if ClassMatcher.isSpace(b) {
                        space = !out.isEmpty
                        continue
                    }
                    if out.isEmpty, !BoilerplatePhrases.firstBytes.contains(ClassMatcher.lower(b)) { return [] }
                    if space {
                        out.append(32)
                        space = false
                    }
                    out.append(b)
                    if out.count >= BoilerplatePhrases.prefixBytes { break }
                }
            }
            k += 1
        }
        BoilerplatePhrases.lowerLatin(&out)
        return out
    }
}
