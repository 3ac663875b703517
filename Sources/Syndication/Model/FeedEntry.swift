import Foundation

/// One item of a feed, whatever its format.
public struct FeedEntry: Sendable, Equatable {
    /// RSS `<guid>`, Atom `<id>`, RDF `rdf:about`, JSON `id`.
    public var id: String?
    /// Plain-text title.
    public var title: String?
    /// The entry's page (resolved against `xml:base`, then the feed URL when given).
    public var link: String?
    /// First publication (RSS `<pubDate>`, Atom `<published>`/`<issued>`, `dcterms:issued`).
    public var published: Date?
    /// Last update (Atom `<updated>`/`<modified>`, `<dc:date>`, `dcterms:modified`).
    public var updated: Date?
    /// First author's name, or a bare e-mail when no name is given.
    public var author: String?
    /// The summary as plain text; the content's text when the entry has no summary.
    public var summaryText: String?
    /// The first full content (`content:encoded`, Atom `<content>`, xhtml body) as plain text.
    public var contentText: String?
    /// True when `contentText` is a Media RSS description (a photo or video caption) that feedparser's
    /// rules read as content: the entry's own text is then its summary, and the pipeline uses that.
    public var contentIsMediaCaption = false

    /// Creates an entry value.
    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, published: Date? = nil,
        updated: Date? = nil, author: String? = nil, summaryText: String? = nil, contentText: String? = nil
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.author = author
        self.summaryText = summaryText
        self.contentText = contentText
    }
}
