import Foundation
import Markup

/// Reads one RSS `<item>` or Atom `<entry>` (any of the formats, any mix of modules) into a ``FeedEntry``.
///
/// The item's descendants are read in document order with feedparser's precedence, the reference this
/// reader is measured against: a value found deeper never replaces one found shallower (a
/// `media:description` inside `media:content` yields to the item's `<description>`); the first non-empty
/// title wins; later links and dates replace earlier ones; a second summary-like element when a summary
/// exists becomes content; content fills a missing summary; a permalink `<guid>` is the link of an RSS
/// item that has none; the first author counts. `<source>` and `<image>` belong to something else.
struct EntryReader {
    var classifier = ElementClassifier()
    /// True for Atom documents: their text constructs say their type, nothing is guessed.
    let isAtom: Bool
    /// The feed's own URL, applied after `xml:base`.
    let baseURL: String?

    /// A person as far as the entry's author goes.
    struct Person {
        var name: String?
        var email: String?
    }

    /// The state of one entry while its elements are read.
    struct State {
        var entry = FeedEntry()
        /// Depth of the element that set title, id and summary (Int.max: not set yet); no allocation.
        var titleClaim = Int.max, idClaim = Int.max, summaryClaim = Int.max
        var titleDepth = -1
        var summary: String??
        var hasContent = false
        var content: String?
        /// The content came from a Media RSS description (a caption).
        var contentFromMedia = false
        var person: Person?
        var authorText: String?

        /// feedparser's rule: a value replaces another only from the same depth or shallower.
        mutating func claims(_ role: FeedVocabulary.Role, at depth: Int) -> Bool {
            switch role {
            case .title: return claim(&titleClaim, depth)
            case .guid: return claim(&idClaim, depth)
            default: return claim(&summaryClaim, depth)
            }
        }

        private func claim(_ slot: inout Int, _ depth: Int) -> Bool {
            guard depth <= slot else { return false }
            slot = depth
            return true
        }
    }

    /// Reads `item`.
    mutating func read(_ item: XMLCursor) -> FeedEntry {
        var state = State()
        if let about = item.attribute("about"), !about.isEmpty { state.entry.id = about }
        CDFAttributes.apply(item, to: &state.entry, resolve: { resolve($0, item) })
        readChildren(of: item, depth: 1, inImage: false, into: &state)
        var entry = state.entry
        entry.summaryText = state.summary ?? nil
        entry.contentText = state.content.flatMap { $0.isEmpty ? nil : $0 }
        entry.contentIsMediaCaption = state.contentFromMedia && entry.contentText != nil
        entry.author = state.person?.name ?? state.person?.email ?? state.authorText
        return entry
    }

    private mutating func readChildren(of element: XMLCursor, depth: Int, inImage: Bool, into state: inout State) {
        for child in element.elements {
            let m = classifier.meaning(child)
            let (family, name) = (m.family, m.name)
            guard let role = m.role else {
                if !(family == .core && name == "source") {
                    let image = inImage || (family == .core && name == "image")
                    readChildren(of: child, depth: depth + 1, inImage: image, into: &state)
                }
                continue
            }
            if inImage, role == .link { continue } // an image's link is not the entry's
            read(child, role: role, family: family, depth: depth, into: &state)
        }
    }

    private mutating func read(
        _ child: XMLCursor, role: FeedVocabulary.Role, family: FeedVocabulary.Family,
        depth: Int, into state: inout State
    ) {
        switch role {
        case .title:
            if state.titleDepth > -1, state.titleDepth <= depth { return }
            let text = ElementText.read(child, default: .plain, guessHTML: !isAtom)
            if state.claims(.title, at: depth) { state.entry.title = text }
            if text != nil, family != .media { state.titleDepth = depth }
        case .link:
            if let href = LinkReader.href(child) {
                if LinkReader.isAlternate(child) { state.entry.link = resolve(href, child) }
            } else {
                state.entry.link = ElementText.raw(child).map { resolve(LinkReader.fixQuery($0), child) }
            }
        case .guid:
            let permalink = (child.attribute("isPermaLink")?.lowercased() ?? "true") == "true"
            let raw = ElementText.raw(child)
            // An id is resolved against xml:base only (feedparser's way), never against the URL the feed was
            // fetched from: the same item keeps its id whatever mirror or redirect served it.
            if state.claims(.guid, at: depth) { state.entry.id = raw.map { permalink ? child.resolve($0) : $0 } }
            if permalink, state.entry.link == nil, !isAtom { state.entry.link = raw.map { resolve($0, child) } }
        case .published:
            state.entry.published = ElementText.raw(child).flatMap(FeedDate.parse)
        case .updated:
            state.entry.updated = ElementText.raw(child).flatMap(FeedDate.parse)
        case .author:
            readAuthor(child, into: &state)
        case .description, .summary:
            let text = ElementText.read(child, default: role == .description ? .html : .plain, guessHTML: !isAtom)
            if state.summary != nil, !state.hasContent {
                state.hasContent = true
                if state.content == nil {
                    state.content = text ?? ""
                    state.contentFromMedia = family == .media
                }
            } else if state.claims(.summary, at: depth) {
                state.summary = .some(text)
            }
        case .content, .contentEncoded, .xhtmlBody:
            let kind: ElementText.Kind = role == .content ? .plain : (role == .xhtmlBody ? .markup : .html)
            let text = ElementText.read(child, default: kind, guessHTML: !isAtom && role != .content)
            if role != .xhtmlBody { state.hasContent = true }
            if state.content == nil { state.content = text ?? "" }
            if state.summary == nil, LinkReader.isTextual(child.attribute("type")?.lowercased()) {
                // A summary taken from content is read as HTML whatever the content's type (feedparser's way).
                let declared = ElementText.kind(of: child, default: kind).0
                let asHTML =
                    declared == .plain
                    ? ElementText.read(child, default: kind, guessHTML: false, forceHTML: true) : text
                state.summary = .some(asHTML)
            }
        case .name, .email, .language, .entry:
            break
        }
    }

    private mutating func readAuthor(_ child: XMLCursor, into state: inout State) {
        if child.hasElementChildren {
            if state.person == nil { state.person = Person() }
            for part in child.elements {
                switch classifier.role(part) {
                case .name?: if let n = ElementText.raw(part) { state.person?.name = n }
                case .email?: if let e = ElementText.raw(part) { state.person?.email = e }
                default: break
                }
            }
        } else if let text = ElementText.raw(child) {
            if state.authorText == nil { state.authorText = text }
            if state.person == nil { state.person = AuthorText.person(text) }
        }
    }

    /// `reference` resolved against `xml:base` in scope at `element`, then the feed's URL.
    func resolve(_ reference: String, _ element: XMLCursor) -> String {
        var r = element.resolve(reference)
        if let base = baseURL { r = XMLCursor.resolve(r, against: base) }
        return r
    }
}

/// Microsoft's Channel Definition Format puts an item's link and date in attributes (`HREF`, `LASTMOD`).
enum CDFAttributes {
    /// Applies `href` and `lastmod` of a CDF `<ITEM>` or `<CHANNEL>`.
    static func apply(_ element: XMLCursor, to entry: inout FeedEntry, resolve: (String) -> String) {
        if let lastmod = element.attribute("LASTMOD") ?? element.attribute("lastmod") {
            entry.updated = FeedDate.parse(lastmod)
        }
        if let href = element.attribute("HREF") ?? element.attribute("href") { entry.link = resolve(href) }
    }
}
