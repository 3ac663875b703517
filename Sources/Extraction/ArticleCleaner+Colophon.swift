import Markup

extension ArticleCleaner {
    /// The colophon under an article: the paragraphs at its end that speak of the publication, not of the
    /// story (rights and reprint notices, subscription walls and prompts, newsletter boxes). Walking back from
    /// the last line, each line of at most ``maxColophonCharacters`` that holds one of ``colophonWords`` is
    /// dropped, with the short lines (< ``proseCharacters``) between it and the next such line below; the walk
    /// stops at the first paragraph without one of the words, and never takes the article's first paragraph.
    func dropColophon(_ selection: inout ContentScorer.Selection) {
        let units = units(selection.roots, removed: selection.removed)
        guard let first = units.firstIndex(where: { $0.isProse }) else { return }
        var pending: [TextUnit] = []
        var k = units.count - 1
        while k > first {
            let u = units[k]
            if isColophon(u) {
                for p in pending + [u] {
                    for n in p.first...p.last where model.tree.nodes[n].kind == .text { selection.removed[n] = true }
                }
                pending = []
            } else if u.isProse {
                return
            } else {
                pending.append(u)
            }
            k -= 1
        }
    }

    /// A colophon paragraph is at most this long (a reprint notice runs to three or four sentences).
    static let maxColophonCharacters: Int32 = 500

    /// Words that mark a paragraph as about the publication rather than the story, lower-cased, in the
    /// languages of the press veille reads. A word inside a paragraph, not only at its start.
    static let colophonWords: [[UInt8]] = [
        "all rights reserved", // rights notices
        "copyrighted", // "… is the copyrighted property of …"
        "written permission", // reprint notices ("Written permission must be obtained")
        "without permission", // reprint notices
        "please subscribe", // subscription walls ("To view the full story, please subscribe")
        "already a subscriber", // subscription walls' log-in line
        "first-time subscribers", // subscription offers
        "unlimited digital access", // subscription offers
        "sign up for our newsletter", // newsletter boxes
        "subscribe to our newsletter", // newsletter boxes
        "alle rechte vorbehalten", // German rights notices
        "nachdruck nur mit", // German reprint notices ("Nachdruck nur mit Genehmigung")
        "unter angabe des copyrights", // German press-release use notices
        "newsletter abonnieren", // German newsletter boxes
        "tous droits réservés", // French rights notices
        "reproduction interdite", // French reprint notices
        "inscrivez-vous à notre newsletter", // French newsletter boxes
        "todos los derechos reservados", // Spanish rights notices
        "suscríbete a nuestro boletín", // Spanish newsletter boxes
        "letter to the editor", // letters prompts ("Submit your letter to the editor via this form")
        "we want to hear what you think", // reader-feedback prompts
        "puede escribirnos", // Spanish reader-feedback prompts
        "for ios and android", // app prompts ("download the … apps for iOS and Android")
        "straight to your phone", // app prompts ("Get the latest news straight to your phone")
        "is not responsible for the", // disclaimers ("… is not responsible for the opinions …")
        "alle angaben ohne gewähr", // German disclaimers
        "affiliate-links", // affiliate disclosures ("Bei den Verlinkungen handelt es sich um Affiliate-Links")
        "affiliate links", // affiliate disclosures
        "eine provision", // German affiliate disclosures ("erhält … ggf. eine Provision vom Händler")
        "if you enjoyed reading", // support prompts ("If you enjoyed reading this post, …")
        "do subskrypcji", // Polish subscription prompts ("Zapraszamy też do subskrypcji")
    ].map { Array($0.utf8) }

    /// A colophon line: a notice of at most ``maxColophonCharacters`` holding one of ``colophonWords``.
    func isColophon(_ u: TextUnit) -> Bool {
        guard u.chars <= ArticleCleaner.maxColophonCharacters else { return false }
        let text = loweredText(u)
        for word in ArticleCleaner.colophonWords where text.count >= word.count {
            if contains(text, word) { return true }
        }
        return false
    }

    /// The contact block that ends a press release or a report: a line opening with one of ``contactLabels``
    /// ("Kontakt:", "Press contact") after the first paragraph, when it and every line after it are at most
    /// ``maxContactCharacters`` long (names, phone numbers, addresses), is dropped with those lines.
    func dropContactBlock(_ selection: inout ContentScorer.Selection) {
        let units = units(selection.roots, removed: selection.removed)
        guard let first = units.firstIndex(where: { $0.isProse }) else { return }
        var start = units.count
        var k = units.count - 1
        while k > first, units[k].chars <= ArticleCleaner.maxContactCharacters {
            let text = loweredText(units[k])
            if ArticleCleaner.contactLabels.contains(where: { text.starts(with: $0) }) { start = k }
            k -= 1
        }
        for u in units[start...] {
            for n in u.first...u.last where model.tree.nodes[n].kind == .text { selection.removed[n] = true }
        }
    }

    /// A contact paragraph (a name, a phone number, an address) is at most this long.
    static let maxContactCharacters: Int32 = 200

    /// Openings of the contact block under a press release or a report, lower-cased.
    static let contactLabels: [[UInt8]] = [
        "kontakt", // German ("Kontakt:", "Kontakt und Information")
        "pressekontakt", // German press releases
        "ansprechpartner", // German ("Ansprechpartner/in zum Thema:")
        "contact:", // English and French
        "press contact", // press releases
        "media contact", // press releases
        "contact presse", // French press releases
        "contacto:", // Spanish
    ].map { Array($0.utf8) }

    /// The unit's text, lower-cased, whitespace runs as one space.
    func loweredText(_ u: TextUnit) -> [UInt8] {
        var text: [UInt8] = []
        for n in u.first...u.last where model.tree.nodes[n].kind == .text {
            let node = model.tree.nodes[n]
            text.append(contentsOf: model.tree.bytes[Int(node.start)..<Int(node.start + node.count)])
            text.append(32)
        }
        BoilerplatePhrases.lowerLatin(&text)
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(text.count)
        for b in text where !(ClassMatcher.isSpace(b) && (collapsed.last.map(ClassMatcher.isSpace) ?? true)) {
            collapsed.append(ClassMatcher.isSpace(b) ? 32 : b)
        }
        return collapsed
    }

    private func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        guard let head = word.first else { return false }
        var i = 0
        while i + word.count <= text.count {
            if text[i] == head, text[i..<(i + word.count)].elementsEqual(word) { return true }
            i += 1
        }
        return false
    }
}
