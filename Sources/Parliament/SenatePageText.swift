import Markup

/// The reader-visible text of a page, as lines: block elements and `<br>` end a line, inline elements
/// do not; scripts, styles and form widgets are skipped; white space is collapsed.
///
/// Each line remembers whether it sits in a heading element (`h1`–`h3`), which is how a page's own title
/// is recognised; nothing else about the markup (no class, no id) is used.
struct SenatePageText {
    /// One line of visible text.
    struct Line: Equatable {
        var text: String
        /// 1–6 when the line is inside `h1`–`h6`, 0 otherwise.
        var headingLevel: Int
    }

    /// Elements whose end or start breaks the line (HTML's block-level and table elements).
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul", "legend", "details", "summary", "menu", "dialog",
    ]
    /// Elements whose content is never shown as text.
    static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "title", "select", "option", "textarea", "svg", "iframe",
        "object", "embed", "button", "math",
    ]

    var lines: [Line] = []
    /// The `href` of `<link rel="canonical">`, when present.
    var canonical: String?

    /// Walks the document once, iteratively (no recursion, so deep nesting cannot exhaust the stack).
    init(document: MarkupDocument) {
        enum Step {
            case enter(MarkupNode)
            case leave(String)
        }
        var stack: [Step] = document.root.map { [.enter($0)] } ?? []
        var buffer = ""
        var headings: [Int] = []

        func flush() {
            let text = SenateText.collapse(buffer)
            buffer.removeAll(keepingCapacity: true)
            if !text.isEmpty { lines.append(Line(text: text, headingLevel: headings.last ?? 0)) }
        }

        while let step = stack.popLast() {
            switch step {
            case .leave(let name):
                if Self.blockElements.contains(name) { flush() }
                if Self.headingLevel(name) != nil {
                    flush()
                    headings.removeLast()
                }
            case .enter(let node):
                switch node.kind {
                case .text, .cdata:
                    buffer += node.content
                case .element:
                    let name = node.name // libxml2's HTML parser gives lower-case names
                    if Self.skippedElements.contains(name) { continue }
                    if name == "link", canonical == nil,
                        let rel = node.attribute("rel"), rel.lowercased().split(separator: " ").contains("canonical")
                    {
                        canonical = node.attribute("href")
                        continue
                    }
                    if name == "br" {
                        flush()
                        continue
                    }
                    if Self.blockElements.contains(name) { flush() }
                    if let level = Self.headingLevel(name) {
                        flush()
                        headings.append(level)
                    }
                    stack.append(.leave(name))
                    stack.append(contentsOf: node.children.reversed().map { .enter($0) })
                case .comment, .other:
                    continue
                }
            }
        }
        flush()
    }

    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d) else {
            return nil
        }
        return d
    }
}
