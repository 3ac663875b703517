/// RSS's element names: RSS 0.9x and 2.0 ([RSS 2.0](https://www.rssboard.org/rss-specification)),
/// RSS 1.0 ([RDF Site Summary](https://web.resource.org/rss/1.0/spec)) and RSS 0.90, with the roles
/// veille reads them in.
///
/// RSS 2.0 has no namespace; RSS 1.0 and 0.90 put the same names in theirs. Names are matched lower-cased,
/// as feeds write `pubDate`, `PubDate` and `pubdate` alike.
enum RSSVocabulary {
    /// RSS namespaces. Each line: a URI feeds in the wild declare for plain RSS names.
    static let namespaces: [String] = [
        "http://purl.org/rss/1.0/", // RSS 1.0
        "http://my.netscape.com/rdf/simple/0.9/", // RSS 0.90
        "http://backend.userland.com/rss", // RSS 0.92/2.0 namespaced drafts
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
        "http://purl.org/rss/1.0/modules/rss091#", // RSS 0.91 module
    ]

    /// Root element names (lower-cased local names) and the format each announces.
    static let roots: [String: FeedFormat] = [
        "rss": .rss,
        "channel": .rss, // a bare channel: RSS 0.9x fragments and Microsoft's CDF
        "rdf": .rdf, // rdf:RDF, RSS 1.0 and 0.90
    ]

    /// The role of an RSS element name, nil when RSS gives it none veille reads.
    static func role(_ name: String) -> FeedVocabulary.Role? {
        switch name {
        case "title": return .title
        case "link": return .link
        case "guid": return .guid
        case "pubdate": return .published
        case "lastbuilddate": return .updated
        case "author", "managingeditor": return .author
        case "description": return .description
        case "abstract": return .summary // CDF's summary
        case "fullitem": return .contentEncoded // an early spelling of content:encoded
        case "body": return .xhtmlBody // xhtml body written without its namespace
        case "language": return .language
        case "item": return .entry
        default: return nil
        }
    }
}
