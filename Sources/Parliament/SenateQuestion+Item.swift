/// How a question becomes an item that matching and digests treat like an article.
extension SenateQuestion {
    /// Longest first sentence used as a title before it is cut at a word boundary.
    static let maxDerivedTitle = 200

    /// The item's title: the page's own title, else the question's first sentence, else nil.
    public var itemTitle: String? {
        if let title { return title }
        guard let text = questionText else { return nil }
        return Self.firstSentence(text)
    }

    /// The item's text: the question, then the answer, separated by a blank line.
    public var itemText: String {
        [questionText, answer?.text].compactMap { $0 }.joined(separator: "\n\n")
    }

    /// "M. Pierre Ouzoulias": civility, first name, last name in title case; nil without an author.
    public var authorName: String? {
        guard let a = author else { return nil }
        let parts = [a.civility, a.firstName, a.lastName.map(Self.titleCased)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The first sentence of `text` (up to ". " after a word of four or more characters, "? " or "! "), cut at a
    /// word boundary past the limit.
    static func firstSentence(_ text: String) -> String {
        let paragraph = text.prefix(while: { $0 != "\n" })
        var end = paragraph.endIndex
        var i = paragraph.startIndex
        var wordLength = 0 // "M." or "n°." are abbreviations, not the end of a sentence
        while i < paragraph.endIndex {
            let c = paragraph[i]
            let next = paragraph.index(after: i)
            if c == "." || c == "?" || c == "!", next == paragraph.endIndex || paragraph[next] == " ",
                c != "." || wordLength > 3
            {
                end = c == "." ? i : next
                break
            }
            wordLength = c == " " ? 0 : wordLength + 1
            i = next
        }
        var sentence = String(paragraph[..<end])
        if sentence.count > maxDerivedTitle {
            let cut = sentence.prefix(maxDerivedTitle)
            sentence = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
        }
        return sentence
    }

    /// "OUZOULIAS" → "Ouzoulias", "de LA GONTRIE" → "de La Gontrie", "GAY-VALLIER" → "Gay-Vallier".
    static func titleCased(_ name: String) -> String {
        var out = ""
        var startOfWord = true
        for c in name {
            let isUpperWordChar = c.isUppercase
            if startOfWord {
                out.append(c)
            } else {
                out += isUpperWordChar ? c.lowercased() : String(c)
            }
            startOfWord = c == " " || c == "-" || c == "'" || c == "\u{2019}"
        }
        return out
    }
}
