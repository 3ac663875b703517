import Foundation

/// A feed of any supported format, in the one shape the pipeline consumes.
///
/// Text fields are plain text (HTML removed, entities decoded, whitespace collapsed); links are resolved
/// against `xml:base` and then the feed's own URL when one was given.
public struct ParsedFeed: Sendable, Equatable {
    /// The format the bytes were recognised as.
    public var format: FeedFormat
    /// The feed's title, plain text.
    public var title: String?
    /// The site the feed belongs to (RSS channel `<link>`, Atom alternate link, JSON `home_page_url`).
    public var link: String?
    /// The language as written (`fr`, `en-US`).
    public var language: String?
    /// The entries, in document order.
    public var entries: [FeedEntry]
    /// False when libxml2 had to recover from ill-formed XML (the feed was still read).
    public var wellFormed: Bool = true
    /// True when the bytes ended before the document did (a cut transfer): the last entry may be partial,
    /// so a pipeline should not record it as a change.
    public var truncated: Bool = false

    /// Creates a feed value.
    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, language: String? = nil,
        entries: [FeedEntry] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.language = language
        self.entries = entries
    }
}

/// The syndication formats veille reads.
public enum FeedFormat: String, Sendable {
    /// RSS 0.9x and 2.0 ([RSS 2.0](https://www.rssboard.org/rss-specification)).
    case rss
    /// RSS 1.0, RDF based ([RSS 1.0](https://web.resource.org/rss/1.0/spec)), and RSS 0.90.
    case rdf
    /// Atom 1.0 ([RFC 4287](https://www.rfc-editor.org/rfc/rfc4287)) and the Atom 0.3 draft.
    case atom
    /// JSON Feed 1.x ([jsonfeed.org](https://www.jsonfeed.org/version/1.1/)).
    case json
}
