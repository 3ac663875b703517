import Markup

/// What an element's subtree holds once dropped nodes are left out: text, links, commas, and the counts
/// the conditional cleaner weighs (Readability re-reads these from the DOM each time; here one reverse
/// pass over the node array fills them all).
struct NodeStats {
    /// Normalised characters of text.
    var text: Int32 = 0
    /// Characters inside links (in-page `#` links count 0.3).
    var link: Float = 0
    var commas: Int32 = 0
    /// Descendant counts.
    var p: Int32 = 0, img: Int32 = 0, li: Int32 = 0, input: Int32 = 0, embed: Int32 = 0
    /// Text inside headings, and inside lists.
    var heading: Int32 = 0, list: Int32 = 0
    /// Element children.
    var children: Int32 = 0
    /// A block (``TagVocabulary/blockInDiv``) somewhere below.
    var block = false
    /// Some textish descendant holds text.
    var textish = false

    /// Link characters over text characters.
    var linkDensity: Float { text > 0 ? link / Float(text) : 0 }

    /// A `<div>` with no block below reads as a paragraph (Readability turns it into a `<p>`).
    static func readsAsParagraph(_ tag: HTMLTag, _ s: NodeStats) -> Bool { tag == .p || (tag == .div && !s.block) }

    /// Fills `stats` for the nodes in `range` (a subtree), leaving out nodes marked in `removed`.
    static func compute(_ model: PageModel, range: Range<Int>, removed: [Bool], into stats: inout [NodeStats]) {
        let nodes = model.tree.nodes
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            defer { i -= 1 }
            stats[i] = NodeStats()
        }
        i = range.upperBound - 1
        while i >= range.lowerBound {
            defer { i -= 1 }
            if removed[i] { continue }
            let node = nodes[i]
            let parent = Int(node.parent)
            if node.kind == .text {
                guard parent >= range.lowerBound else { continue }
                stats[parent].text += model.chars[i]
                stats[parent].commas += model.commas[i]
                continue
            }
            var s = stats[i]
            let tag = node.tag
            if tag == .a {
                let coefficient: Float = model.facts[i].contains(.hashLink) ? 0.3 : 1
                s.link = Float(s.text) * coefficient
                stats[i].link = s.link
            }
            guard parent >= range.lowerBound, parent < i else { continue }
            var ps = stats[parent]
            ps.text += s.text
            ps.link += s.link
            ps.commas += s.commas
            ps.p += s.p + (readsAsParagraph(tag, s) ? 1 : 0)
            ps.img += s.img + (tag == .img ? 1 : 0)
            ps.li += s.li + (tag == .li ? 1 : 0)
            ps.input += s.input + (tag == .input ? 1 : 0)
            ps.embed += s.embed + ((tag == .object || tag == .embed || tag == .iframe) ? 1 : 0)
            ps.heading += tag.isHeading ? s.text : s.heading
            ps.list += (tag == .ul || tag == .ol) ? s.text : s.list
            ps.children += 1
            ps.block = ps.block || s.block || TagVocabulary.blockInDiv.contains(tag)
            ps.textish = ps.textish || s.textish || (s.text > 0 && TagVocabulary.textish.contains(tag))
            stats[parent] = ps
        }
    }
}
