import Foundation
import Markup

/// Reads an RSS, RDF or Atom tree into a ``ParsedFeed``.
///
/// The root names the format (`<rss>`, `<rdf:RDF>`, `<feed>`); feed-level fields are the children of the
/// root and of its `<channel>`; entries are the `<item>`/`<entry>` children of either (RSS 1.0 puts them
/// beside the channel, RSS 2.0 inside it).
struct XMLFeedReader {
    let baseURL: String?

    /// Roots that mean an HTML page was served instead of a feed (`<head>`/`<body>`: pages without `<html>`).
    static let htmlRoots: Set<String> = ["html", "head", "body"]

    /// The format a root element announces, nil for a root that is no feed.
    static func format(rootFamily: FeedVocabulary.Family, name: String) -> FeedFormat? {
        guard rootFamily != .xhtml else { return nil }
        return RSSVocabulary.roots[name] ?? AtomVocabulary.roots[name]
    }

    /// Reads the tree under `root`.
    ///
    /// - Throws: ``FeedError/htmlPage`` for an HTML root, ``FeedError/unknownRoot(_:)`` for a root that is
    ///   no feed and holds no entries.
    func read(_ root: XMLCursor) throws -> ParsedFeed {
        var classifier = ElementClassifier()
        let (family, name) = classifier.classify(root)
        if Self.htmlRoots.contains(name) || family == .xhtml { throw FeedError.htmlPage }
        let format = Self.format(rootFamily: family, name: name)
        let isAtom = format == .atom
        var feed = ParsedFeed(format: format ?? .rss)
        if let lang = root.attribute("lang"), !lang.isEmpty {
            feed.language = lang.replacingOccurrences(of: "_", with: "-")
        }
        if name == "channel", let href = root.attribute("HREF") ?? root.attribute("href") {
            feed.link = resolve(href, root)
        }
        var entries = EntryReader(isAtom: isAtom, baseURL: baseURL)
        readLevel(root, into: &feed, entries: &entries, classifier: &classifier, isAtom: isAtom)
        if format == nil, feed.entries.isEmpty, feed.title == nil { throw FeedError.unknownRoot(root.localName) }
        return feed
    }

    /// Reads the feed-level fields among `container`'s children and collects entries below it.
    private func readLevel(
        _ container: XMLCursor, into feed: inout ParsedFeed, entries: inout EntryReader,
        classifier: inout ElementClassifier, isAtom: Bool
    ) {
        for child in container.elements {
            let m = classifier.meaning(child)
            let (family, name) = (m.family, m.name)
            guard let role = m.role else {
                if family == .core, name == "channel" || name == "feed" {
                    if let href = child.attribute("HREF") ?? child.attribute("href") {
                        feed.link = resolve(href, child)
                    } // CDF
                    readLevel(child, into: &feed, entries: &entries, classifier: &classifier, isAtom: isAtom)
                }
                continue
            }
            switch role {
            case .entry:
                feed.entries.append(entries.read(child))
            case .title:
                if feed.title == nil { feed.title = ElementText.read(child, default: .plain, guessHTML: !isAtom) }
            case .link:
                if let href = LinkReader.href(child) {
                    if LinkReader.isAlternate(child) { feed.link = resolve(href, child) }
                } else {
                    feed.link = ElementText.raw(child).map { resolve(LinkReader.fixQuery($0), child) }
                }
            case .language:
                feed.language = ElementText.raw(child)
            case .guid:
                // feedparser's reading: a feed-level id is its link when it has none (Atom ids are URLs).
                let permalink = (child.attribute("isPermaLink")?.lowercased() ?? "true") == "true"
                if permalink, feed.link == nil, let id = ElementText.raw(child) { feed.link = resolve(id, child) }
            default:
                break
            }
        }
    }

    private func resolve(_ reference: String, _ element: XMLCursor) -> String {
        var r = element.resolve(reference)
        if let base = baseURL { r = XMLCursor.resolve(r, against: base) }
        return r
    }
}
