import Markup

/// Short blocks inside the article that are not its text, told by their shape rather than by class names:
/// a caption that ends with its picture credit, a line that is only a credit, a kicker label followed by a
/// link to another article.
extension ArticleCleaner {
    /// Credit markers a caption ends with ("… Foto: dpa", "… (Quelle: X/Unsplash)", "… | © Getty Images").
    /// Lower-case UTF-8; each must be followed by the credit itself, a few words at most.
    static let creditMarkers: [[UInt8]] = [
        "foto:", "fotos:", "photo:", "photos:", "bild:", "quelle:", "credit:", "credits:", "image:", "©",
        "photo by", "crédit photo", "crédit :", "fuente:", "fonte:", "źródło:",
    ].map { Array($0.utf8) }
    /// A credit is the block's last words: at most this many bytes after its marker.
    static let maxCreditTailBytes = 64
    /// …and at most this many words.
    static let maxCreditTailWords = 6
    /// A block ending with a credit is a caption up to this length (a longer one is prose quoting a source).
    static let maxCaptionCharacters: Int32 = 300

    /// Picture agencies and stock libraries: a short line naming one ("Judy Eddy/WENN.com", "ShutterStock",
    /// "AFP / MARCO BERTORELLO") is a credit, not text.
    static let pictureAgencies: [[UInt8]] = [
        "getty", "shutterstock", "istock", "unsplash", "imago", "picture alliance", "picture-alliance", "dpa",
        "afp", "reuters", "wenn", "keystone", "epa", "adobe stock", "pixabay", "associated press", "ap photo",
    ].map { Array($0.utf8) }
    /// A credit-only line is at most this long.
    static let maxAgencyLineCharacters: Int32 = 60

    /// A kicker is at most this many bytes ("Lea más:", "MIRA:", "PUEDES VER:", "Read:") before its link.
    static let maxKickerBytes = 24
    /// A kicker + link block is at most this long (a headline, not a paragraph).
    static let maxKickerBlockCharacters: Int32 = 250
    /// Blocks that may be a kicker + link line.
    static let kickerBlocks: TagSet = [.p, .div, .h2, .h3, .h4, .h5, .h6, .blockquote, .li]

    /// True when the block is a caption ending with its credit, or a line that only credits a picture. Only a
    /// block with no block below is tested (a short header holding a standfirst and a caption is not a caption),
    /// and not one whose credit stands on a line of its own after a `<br>` (a slide's text with its credit).
    func isCredit(_ i: Int, _ s: NodeStats) -> Bool {
        guard s.text > 0, s.text <= ArticleCleaner.maxCaptionCharacters, !s.block else { return false }
        let text = s.text
        let (tail, lineBreak) = suffix(i, bytes: 96)
        guard !tail.isEmpty, !lineBreak else { return false }
        if endsWithCredit(tail) { return true }
        return text <= ArticleCleaner.maxAgencyLineCharacters && namesAgencyOnly(tail)
    }

    /// The last credit marker of `tail` sits at a word start and is followed by a few words only.
    func endsWithCredit(_ tail: [UInt8]) -> Bool {
        for marker in ArticleCleaner.creditMarkers {
            guard let at = lastIndex(of: marker, in: tail) else { continue }
            if at > 0 {
                let before = tail[at - 1]
                guard before == 32 || before == 40 || before == 124 || before == 46 else { continue } // " ( | ."
            }
            let rest = tail[(at + marker.count)...]
            guard rest.count <= ArticleCleaner.maxCreditTailBytes, rest.contains(where: { $0 > 32 }) else { continue }
            var words = 0
            var inWord = false
            for b in rest {
                if b == 32 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            if words <= ArticleCleaner.maxCreditTailWords { return true }
        }
        return false
    }

    /// A short line naming a picture agency, either alone or in a "name/agency" credit.
    func namesAgencyOnly(_ line: [UInt8]) -> Bool {
        guard line.count <= Int(ArticleCleaner.maxAgencyLineCharacters) * 2 else { return false }
        let slash = line.contains(47)
        for agency in ArticleCleaner.pictureAgencies {
            guard let at = firstIndex(of: agency, in: line) else { continue }
            let end = at + agency.count
            let startsWord = at == 0 || !isLetter(line[at - 1])
            let endsWord = end == line.count || !isLetter(line[end])
            guard startsWord, endsWord else { continue }
            if slash { return true }
            // Alone: nothing but the agency, a "©" and punctuation.
            let others = line[..<at].filter(isLetter).count + line[end...].filter(isLetter).count
            if others == 0 { return true }
        }
        return false
    }

    /// A kicker + link block: a short label ending with ":" or in capitals, outside any link, then one link
    /// holding most of the text ("Lea: <a>Otro artículo</a>", "RANDY ANDY <a>Another story</a>").
    func isKickerLink(_ i: Int, _ s: NodeStats) -> Bool {
        guard ArticleCleaner.kickerBlocks.contains(model.tag(i)), s.text > 0,
            s.text <= ArticleCleaner.maxKickerBlockCharacters, s.linkDensity >= 0.6
        else { return false }
        var label = [UInt8]()
        var k = i + 1
        let e = model.end(i)
        var links = 0
        for n in k..<e where model.isElement(n) && model.tag(n) == .a { links += 1 }
        guard links == 1 else { return false } // "Source files: <a>a.js</a>, <a>b.js</a>" is a list
        while k < e {
            let node = model.tree.nodes[k]
            if node.kind == .element, node.tag == .a { break }
            if node.kind == .text {
                for j in Int(node.start)..<Int(node.start + node.count) {
                    let b = model.tree.bytes[j]
                    if ClassMatcher.isSpace(b) { continue }
                    // A no-break space (C2 A0) is a space too.
                    if b == 0xC2, j + 1 < model.tree.bytes.count, model.tree.bytes[j + 1] == 0xA0 { continue }
                    if b == 0xA0, j > 0, model.tree.bytes[j - 1] == 0xC2 { continue }
                    label.append(b)
                    if label.count > ArticleCleaner.maxKickerBytes { return false }
                }
            }
            k += 1
        }
        guard k < e, label.count >= 3 else { return false }
        // A label ending with ":" ("Lea:"), or a kicker in capitals ("TIME TRAVELLER").
        return (label.last == 58 && label.contains(where: isLetter)) || isCapitals(label)
    }

    /// At least three capital letters and no small ones (ASCII and Latin-1).
    private func isCapitals(_ label: [UInt8]) -> Bool {
        var capitals = 0
        for (k, b) in label.enumerated() {
            if b >= 65 && b <= 90 { capitals += 1 }
            if b >= 97 && b <= 122 { return false }
            if b == 0xC3, k + 1 < label.count, label[k + 1] >= 0x9F { return false } // ß, à…ÿ
        }
        return capitals >= 3
    }

    /// The last `bytes` bytes of an element's text, whitespace collapsed, lower-cased, and whether a `<br>` cut
    /// them short (the text's last line is shorter).
    func suffix(_ i: Int, bytes: Int) -> (text: [UInt8], lineBreak: Bool) {
        var lineBreak = false
        var reversed = [UInt8]()
        reversed.reserveCapacity(bytes + 8)
        var k = model.end(i) - 1
        var space = false
        while k > i, reversed.count < bytes {
            let node = model.tree.nodes[k]
            if node.kind == .element, node.tag == .br, !reversed.isEmpty {
                lineBreak = true
                break
            }
            if node.kind == .text, node.count > 0 {
                var j = Int(node.start + node.count) - 1
                while j >= Int(node.start), reversed.count < bytes {
                    let b = model.tree.bytes[j]
                    j -= 1
                    if ClassMatcher.isSpace(b) {
                        space = !reversed.isEmpty
                        continue
                    }
                    if b == 0xA0, j >= 0, model.tree.bytes[j] == 0xC2 {
                        j -= 1
                        space = !reversed.isEmpty
                        continue
                    }
                    if space {
                        reversed.append(32)
                        space = false
                    }
                    reversed.append(b)
                }
                if !reversed.isEmpty { space = true }
            }
            k -= 1
        }
        // Cut at a character boundary (never start inside a UTF-8 sequence).
        while let last = reversed.last, last & 0xC0 == 0x80 { reversed.removeLast() }
        var out = Array(reversed.reversed())
        BoilerplatePhrases.lowerLatin(&out)
        return (out, lineBreak)
    }

    private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 || b >= 0xC0 }

    private func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var at = hay.count - needle.count
        while at >= 0 {
            if hay[at] == needle[0], hay[at..<(at + needle.count)].elementsEqual(needle) { return at }
            at -= 1
        }
        return nil
    }

    private func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for at in 0...(hay.count - needle.count)
        where hay[at] == needle[0] && hay[at..<(at + needle.count)].elementsEqual(needle) {
            return at
        }
        return nil
    }
}
