/// The article's title, as Readability finds it: JSON-LD, then `<meta>` titles, then the document's
/// `<title>` cut at its site-name separator (checked against the page's headings).
enum TitleReader {
    /// `<meta>` keys that carry the title, in order of trust.
    static let metaKeys = [
        "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
        "title", "twitter:title", "parsely-title",
    ]

    /// Separators between a title and the site's name ("Titre - Le Monde", "Site | Titre").
    static let separators: Set<Character> = ["|", "-", "–", "—", "\\", "/", ">", "»"]
    static let hierarchical: Set<Character> = ["\\", "/", ">", "»"]

    static func title(_ meta: PageMetadata, jsonLD: JSONLDReader?) -> String {
        if let j = jsonLD {
            if let name = j.name, let headline = j.headline, name != headline {
                let docTitle = TextTools.words(fromDocument(meta))
                let nameMatches = TextTools.similarity(TextTools.words(name), docTitle) > 0.75
                let headlineMatches = TextTools.similarity(TextTools.words(headline), docTitle) > 0.75
                return headlineMatches && !nameMatches ? headline : name
            }
            if let t = j.name ?? j.headline { return t }
        }
        for key in metaKeys { if let t = meta.meta[key], !t.isEmpty { return t } }
        return fromDocument(meta)
    }

    /// Readability's `_getArticleTitle`.
    static func fromDocument(_ meta: PageMetadata) -> String {
        let original = meta.documentTitle
        var current = original
        var hadHierarchical = false
        let chars = Array(original)
        // Positions of " <sep> " in the title.
        var seps: [Int] = []
        if chars.count > 2 {
            for k in 1..<chars.count - 1
            where separators.contains(chars[k]) && chars[k - 1] == " " && chars[k + 1] == " " {
                seps.append(k)
            }
        }
        if let last = seps.last, let first = seps.first {
            hadHierarchical = seps.contains { hierarchical.contains(chars[$0]) }
            current = String(chars[..<(last - 1)])
            if TextTools.wordCount(current) < 3 { current = String(chars[(first + 2)...]) }
        } else if let colon = original.firstIndex(of: ":"), original.contains(": ") {
            let headings = meta.h1 + meta.h2
            if !headings.contains(where: { $0 == TextTools.collapse(original) }) {
                let lastColon = original.lastIndex(of: ":") ?? colon
                current = String(original[original.index(after: lastColon)...])
                if TextTools.wordCount(current) < 3 {
                    current = String(original[original.index(after: colon)...])
                } else if TextTools.wordCount(String(original[..<colon])) > 5 {
                    current = original
                }
            }
        } else if original.count > 150 || original.count < 15, meta.h1.count == 1 {
            current = meta.h1[0]
        }
        current = TextTools.collapse(current)
        let count = TextTools.wordCount(current)
        if count <= 4 {
            let stripped = String(original.filter { !separators.contains($0) })
            if !hadHierarchical || count != TextTools.wordCount(stripped) - 1 { current = original }
        }
        return TextTools.collapse(current)
    }
}
