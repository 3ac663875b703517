/// Why bytes could not be read as a feed, in words a user can act on.
///
/// The pipeline prefixes the source id (`lemonde-international: an HTML page, not a feed`).
public enum FeedError: Error, CustomStringConvertible, Equatable {
    /// The body was empty (or only whitespace).
    case empty
    /// The body is an HTML page (a home page, a login wall, an error page), not a feed.
    case htmlPage
    /// The body is neither XML nor JSON.
    case notXMLOrJSON
    /// The XML stopped before the document was complete, and nothing usable was recovered.
    case truncated(String)
    /// Well-formed enough XML, but its root is not a feed (`<sitemap>`, `<error>`…).
    case unknownRoot(String)
    /// The body looked like JSON but is not a JSON Feed (or not valid JSON).
    case malformedJSON(String)
    /// libxml2 could build no tree at all.
    case unreadableXML(String)

    /// The problem in words, without the source id (the pipeline adds it).
    public var description: String {
        switch self {
        case .empty: return "empty document"
        case .htmlPage: return "an HTML page, not a feed (check the feed URL)"
        case .notXMLOrJSON: return "not XML or JSON (check the URL and the Content-Type)"
        case .truncated(let why): return "truncated XML: \(why)"
        case .unknownRoot(let name): return "XML with no feed root <\(name)>"
        case .malformedJSON(let why): return "malformed JSON feed: \(why)"
        case .unreadableXML(let why): return "unreadable XML: \(why)"
        }
    }
}
