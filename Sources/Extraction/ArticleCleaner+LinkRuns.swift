import Markup

extension ArticleCleaner {
    /// One line of the text as the renderer lays it out: the text nodes that share their nearest block.
    struct TextUnit {
        /// The nearest paragraph or line block above the text.
        var block: Int
        /// Characters, and characters inside links.
        var chars: Int32
        var link: Int32
        /// The unit's first and last text nodes: the text nodes kept between them are all the unit's (a
        /// nested block starts a unit of its own).
        var first: Int
        var last: Int

        /// A paragraph of the article: long enough, and mostly not links.
        var isProse: Bool { chars >= ArticleCleaner.proseCharacters && link * 2 < chars }
        /// Mostly links: a teaser, a menu entry, a tag.
        var isLinks: Bool { link * 2 >= chars }
    }

    /// A unit this long, mostly not links, is prose: the article runs from the first such unit to the last.
    static let proseCharacters: Int32 = 80

    /// Blocks that make lines (the renderer's paragraph and line blocks).
    static let unitBlocks: TagSet = [
        .p, .div, .section, .article, .main, .header, .footer, .blockquote, .pre, .table, .figure, .figcaption,
        .address, .details, .summary, .hgroup, .ul, .ol, .dl, .h1, .h2, .h3, .h4, .h5, .h6, .center, .caption,
        .aside, .nav, .form, .fieldset, .li, .tr, .dt, .dd, .td, .th,
    ]

    /// The article's lines in document order.
    func units(_ roots: [Int], removed: [Bool]) -> [TextUnit] {
        var out: [TextUnit] = []
        for root in roots {
            var k = root
            let e = model.end(root)
            while k < e {
                if removed[k] {
                    k = model.end(k)
                    continue
                }
                if model.tree.nodes[k].kind == .text, model.chars[k] > 0 {
                    var p = model.parent(k)
                    var inLink = false
                    while p > root, !ArticleCleaner.unitBlocks.contains(model.tag(p)) {
                        if model.tag(p) == .a { inLink = true }
                        p = model.parent(p)
                    }
                    var q = p
                    var level = 0
                    while !inLink, q > root, level < 3 {
                        if model.tag(q) == .a { inLink = true }
                        q = model.parent(q)
                        level += 1
                    }
                    let c = model.chars[k]
                    if let last = out.last, last.block == p {
                        out[out.count - 1].chars += c
                        out[out.count - 1].link += inLink ? c : 0
                        out[out.count - 1].last = k
                    } else {
                        out.append(TextUnit(block: p, chars: c, link: inLink ? c : 0, first: k, last: k))
                    }
                }
                k += 1
            }
        }
        return out
    }

    /// Drops the link lines before the article's first paragraph and after its last one (menus, tag clouds,
    /// teaser rails) when they are mostly links. (Runs of link lines between paragraphs were tried as well: they
    /// cost the Readability set 0.003 and gained nothing on trafilatura-eval.) After the last paragraph, also
    /// each link line on its own, each heading that introduces no text (the title of a rail of links: "Neueste
    /// Artikel", "Blog - Tag Cloud"), and label lines ("Von:", "Kontakt:"); before the first, label lines.
    func dropLinkRuns(_ selection: inout ContentScorer.Selection) {
        let units = units(selection.roots, removed: selection.removed)
        guard let first = units.firstIndex(where: { $0.isProse }),
            let last = units.lastIndex(where: { $0.isProse })
        else { return }
        func drop(_ u: TextUnit) {
            for n in u.first...u.last where model.tree.nodes[n].kind == .text { selection.removed[n] = true }
        }
        func dropIfLinks(_ run: ArraySlice<TextUnit>) {
            guard run.filter({ $0.isLinks }).count >= 2 else { return }
            let chars = run.reduce(Int32(0)) { $0 + $1.chars }
            let link = run.reduce(Int32(0)) { $0 + $1.link }
            guard link * 2 > chars else { return }
            for u in run { drop(u) }
        }
        dropIfLinks(units[(last + 1)...])
        dropIfLinks(units[..<first])
        for k in (last + 1)..<units.count {
            let u = units[k]
            if u.isLinks || isLabel(u) || (isHeading(u) && !introducesText(units, k)) { drop(u) }
        }
        for u in units[..<first] where isLabel(u) { drop(u) }
        for u in units where isCounter(u) || isNumberAlone(u) { drop(u) }
    }

    /// A number alone on its line outside tables: a share counter ("6280"), a most-read rank ("4"), a rating.
    func isNumberAlone(_ u: TextUnit) -> Bool {
        guard u.chars <= ArticleCleaner.maxNumberCharacters, !model.ancestry[u.first].contains(.table) else {
            return false
        }
        var digits = 0
        var value = 0
        var grouped = false
        for n in u.first...u.last where model.tree.nodes[n].kind == .text {
            let node = model.tree.nodes[n]
            for j in Int(node.start)..<Int(node.start + node.count) {
                let b = model.tree.bytes[j]
                if b >= 48 && b <= 57 {
                    digits += 1
                    value = value &* 10 &+ Int(b - 48)
                } else if b == 46 || b == 44 { // "." and "," group digits
                    grouped = true
                } else if !ClassMatcher.isSpace(b) {
                    return false
                }
            }
        }
        // A year alone ("2012") captions a picture or titles a section.
        if digits == 4, !grouped, ArticleCleaner.years.contains(value) { return false }
        return digits > 0
    }

    /// Numbers read as years, not counters.
    static let years = 1800...2099

    /// A number alone is at most this long ("12,345").
    static let maxNumberCharacters: Int32 = 8

    /// Words a gallery's slide counter may open with ("Image 1 of 8", "Bild 2 von 5").
    static let counterWords: [[UInt8]] = ["image", "photo", "picture", "slide", "bild", "foto", "diapositive"].map {
        Array($0.utf8)
    }
    /// Words between a counter's two numbers, besides "/".
    static let counterSeparators: [[UInt8]] = ["of", "von", "sur", "de", "z", "di"].map { Array($0.utf8) }

    /// A gallery's slide counter standing alone: "Image 1 of 8", "Image 3/5", "Bild 2 von 5".
    func isCounter(_ u: TextUnit) -> Bool {
        guard u.link == 0, u.chars <= 24 else { return false }
        var words: [[UInt8]] = [[]]
        for n in u.first...u.last where model.tree.nodes[n].kind == .text {
            let node = model.tree.nodes[n]
            for j in Int(node.start)..<Int(node.start + node.count) {
                let b = model.tree.bytes[j]
                if ClassMatcher.isSpace(b) {
                    if !(words.last?.isEmpty ?? true) { words.append([]) }
                } else if b == 47 { // "/" is a word of its own
                    if !(words.last?.isEmpty ?? true) { words.append([]) }
                    words[words.count - 1].append(b)
                    words.append([])
                } else {
                    words[words.count - 1].append(ClassMatcher.lower(b))
                }
            }
        }
        words.removeAll { $0.isEmpty }
        var named = false
        if let head = words.first, ArticleCleaner.counterWords.contains(head) {
            words.removeFirst()
            named = true
        }
        guard words.count == 3 else { return false }
        let isNumber: ([UInt8]) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }
        // A bare "23/16" is a table's figure or a score; "1 of 8" and "Image 3/5" are counters.
        return isNumber(words[0]) && isNumber(words[2])
            && (ArticleCleaner.counterSeparators.contains(words[1]) || (named && words[1] == [47]))
    }

    /// Headings, whose lines may title a section.
    static let headingTags: TagSet = [.h1, .h2, .h3, .h4, .h5, .h6]

    func isHeading(_ u: TextUnit) -> Bool { ArticleCleaner.headingTags.contains(model.tag(u.block)) }

    /// True when the units after the heading at `k`, up to the next heading, hold a line that is not links.
    func introducesText(_ units: [TextUnit], _ k: Int) -> Bool {
        var j = k + 1
        while j < units.count, !isHeading(units[j]) {
            if !units[j].isLinks { return true }
            j += 1
        }
        return false
    }

    /// A label line standing alone ("Kontakt:", "Release Date:", "Von:"): a few words ending with a colon, no link.
    func isLabel(_ u: TextUnit) -> Bool {
        guard u.link == 0, u.chars <= ArticleCleaner.maxLabelCharacters else { return false }
        var lastByte: UInt8 = 0
        var words = 0
        var inWord = false
        for n in u.first...u.last where model.tree.nodes[n].kind == .text {
            let node = model.tree.nodes[n]
            for j in Int(node.start)..<Int(node.start + node.count) {
                let b = model.tree.bytes[j]
                if ClassMatcher.isSpace(b) {
                    inWord = false
                    continue
                }
                if !inWord {
                    inWord = true
                    words += 1
                }
                lastByte = b
            }
        }
        return lastByte == 58 && words <= ArticleCleaner.maxLabelWords
    }

    /// A label line is at most this long…
    static let maxLabelCharacters: Int32 = 40
    /// …and this many words.
    static let maxLabelWords = 3
}
