import Foundation

/// An article page turned into text and metadata: what matching reads and what the digest quotes.
///
/// `text` holds paragraphs separated by a blank line; headings, list items and table rows sit on their own
/// lines. Dates are instants (UTC when printed). An article with nothing in it carries `emptyReason`.
public struct Article: Sendable, Equatable, Codable {
    /// The headline.
    public var title: String?
    /// The author line, without its "Par"/"By".
    public var byline: String?
    /// When the article was first published.
    public var published: Date?
    /// When it was last updated.
    public var updated: Date?
    /// The page's language (`fr`, `en-GB`).
    public var language: String?
    /// The canonical address the page declares, resolved against its URL.
    public var canonicalURL: String?
    /// The site's name (`Le Monde.fr`).
    public var siteName: String?
    /// The page's own summary (`og:description`, `description`).
    public var description: String?
    /// The body text.
    public var text: String
    /// Why the article is empty (not HTML, binary, no text found…), nil when there is text.
    public var emptyReason: String?

    /// An article with every field given.
    public init(
        title: String? = nil, byline: String? = nil, published: Date? = nil, updated: Date? = nil,
        language: String? = nil, canonicalURL: String? = nil, siteName: String? = nil,
        description: String? = nil, text: String = "", emptyReason: String? = nil
    ) {
        self.title = title
        self.byline = byline
        self.published = published
        self.updated = updated
        self.language = language
        self.canonicalURL = canonicalURL
        self.siteName = siteName
        self.description = description
        self.text = text
        self.emptyReason = emptyReason
    }

    /// An empty article that says why.
    public static func empty(_ reason: String) -> Article { Article(text: "", emptyReason: reason) }
}
