/// Atom's element names: Atom 1.0 ([RFC 4287](https://www.rfc-editor.org/rfc/rfc4287)) and the Atom 0.3
/// draft ([draft-ietf-atompub-format-03](https://datatracker.ietf.org/doc/html/draft-ietf-atompub-format-03))
/// with its older names (`issued`, `modified`), and the roles veille reads them in.
///
/// Text constructs (`title`, `summary`, `content`) say their type (`text`, `html`, `xhtml`, a media type,
/// Atom 0.3's `mode`): ``ElementText`` reads them accordingly.
enum AtomVocabulary {
    /// Atom namespaces. Each line: a URI feeds in the wild declare for Atom names.
    static let namespaces: [String] = [
        "http://www.w3.org/2005/Atom", // Atom 1.0
        "http://purl.org/atom/ns#", // Atom 0.3
        "http://purl.org/echo/", // names of Atom before 0.3 (Echo, Pie)
        "http://purl.org/pie/",
        "http://example.com/newformat#",
        "http://example.com/necho",
    ]

    /// Root element names (lower-cased local names) and the format each announces.
    static let roots: [String: FeedFormat] = ["feed": .atom]

    /// The role of an Atom element name, nil when Atom gives it none veille reads.
    static func role(_ name: String) -> FeedVocabulary.Role? {
        switch name {
        case "title": return .title
        case "link": return .link
        case "id": return .guid
        case "published", "issued": return .published
        case "updated", "modified": return .updated
        case "author": return .author
        case "name": return .name
        case "email": return .email
        case "summary": return .summary
        case "content": return .content
        case "entry": return .entry
        default: return nil
        }
    }
}
