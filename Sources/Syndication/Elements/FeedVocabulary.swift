/// The element vocabulary of RSS, RDF and Atom, and the modules feeds mix into them.
///
/// Feeds mix namespaces freely (`atom:link` in RSS, `dc:creator` in Atom), so elements are recognised by
/// role rather than by format, the way feedparser does: the core namespaces (RSS 0.9x/2.0 has none, RSS 1.0,
/// RSS 0.90, Atom 0.3, Atom 1.0) share one vocabulary, and each module adds its own names.
enum FeedVocabulary {
    /// A namespace family, as far as feed reading cares.
    enum Family: Sendable { case core, dc, dcterms, content, itunes, xhtml, rdf, media, other }

    /// What an element means inside a channel, feed, item or entry.
    enum Role: Sendable {
        case title, link, guid, published, updated, author, name, email
        case description, summary, content, contentEncoded, xhtmlBody, language, entry
    }

    /// Namespace URIs by family. Each line: a namespace feeds actually use.
    static let namespaces: [String: Family] = [
        "http://purl.org/rss/1.0/": .core,                        // RSS 1.0 elements
        "http://my.netscape.com/rdf/simple/0.9/": .core,          // RSS 0.90
        "http://backend.userland.com/rss": .core,                 // RSS 0.92/2.0 namespaced drafts
        "http://backend.userland.com/rss2": .core,
        "http://blogs.law.harvard.edu/tech/rss": .core,
        "http://purl.org/rss/1.0/modules/rss091#": .core,         // RSS 0.91 module
        "http://www.w3.org/2005/Atom": .core,                     // Atom 1.0
        "http://purl.org/atom/ns#": .core,                        // Atom 0.3
        "http://purl.org/echo/": .core,                           // Atom's pre-0.3 names
        "http://purl.org/pie/": .core,
        "http://example.com/newformat#": .core,
        "http://example.com/necho": .core,
        "http://purl.org/dc/elements/1.1/": .dc,                  // Dublin Core
        "http://purl.org/dc/elements/1.0/": .dc,
        "http://purl.org/dc/terms/": .dcterms,                    // DC terms (issued, modified)
        "http://purl.org/rss/1.0/modules/content/": .content,     // content:encoded
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,    // iTunes podcasts
        "http://example.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.w3.org/1999/xhtml": .xhtml,                   // xhtml:body in RSS
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": .rdf,      // RSS 1.0 envelope
        "http://search.yahoo.com/mrss/": .media,                  // Media RSS (captions read as descriptions)
        "http://search.yahoo.com/mrss": .media,
    ]

    /// Families by conventional prefix, for `dc:creator` written without declaring `dc`.
    static let prefixes: [String: Family] = [
        "dc": .dc, "dcterms": .dcterms, "content": .content, "itunes": .itunes, "xhtml": .xhtml,
        "rdf": .rdf, "atom": .core, "rss": .core, "media": .media,
    ]

    /// The role of an element given its family and lower-cased local name; nil for the rest.
    static func role(_ family: Family, _ name: String) -> Role? {
        switch family {
        case .core:
            switch name {
            case "title": return .title
            case "link": return .link
            case "guid", "id": return .guid
            case "pubdate", "published", "issued": return .published
            case "updated", "modified", "lastbuilddate": return .updated
            case "author", "managingeditor": return .author
            case "name": return .name
            case "email": return .email
            case "description": return .description
            case "summary", "abstract": return .summary  // abstract: CDF's summary
            case "content": return .content
            case "fullitem": return .contentEncoded  // an early spelling of content:encoded
            case "body": return .xhtmlBody
            case "language": return .language
            case "item", "entry": return .entry
            default: return nil
            }
        case .dc:
            switch name {
            case "title": return .title
            case "creator", "author": return .author
            case "date": return .updated             // feedparser's reading of dc:date
            case "description": return .description
            case "language": return .language
            default: return nil
            }
        case .dcterms:
            switch name {
            case "issued": return .published
            case "modified": return .updated
            default: return nil
            }
        case .content: return name == "encoded" ? .contentEncoded : nil
        case .itunes:
            switch name {
            case "author": return .author
            case "summary", "abstract": return .summary  // abstract: CDF's summary
            default: return nil
            }
        case .xhtml: return name == "body" ? .xhtmlBody : nil
        case .media:
            switch name {
            case "title": return .title
            case "description": return .description
            default: return nil
            }
        case .rdf, .other: return nil
        }
    }
}
