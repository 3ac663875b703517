/// The element vocabulary of RSS, RDF and Atom, and the modules feeds mix into them.
///
/// Feeds mix namespaces freely (`atom:link` in RSS, `dc:creator` in Atom), so elements are recognised by
/// role rather than by format, the way feedparser does: RSS's names (``RSSVocabulary``) and Atom's
/// (``AtomVocabulary``) form the core, and each module (Dublin Core, content, iTunes, Media RSS) adds its own.
enum FeedVocabulary {
    /// A namespace family, as far as feed reading cares.
    enum Family: Sendable { case core, dc, dcterms, content, itunes, xhtml, rdf, media, other }

    /// What an element means inside a channel, feed, item or entry.
    enum Role: Sendable {
        case title, link, guid, published, updated, author, name, email
        case description, summary, content, contentEncoded, xhtmlBody, language, entry
    }

    /// Namespace URIs by family: RSS's and Atom's (their folders list them), then the modules.
    static let namespaces: [String: Family] = {
        var table = modules
        for uri in RSSVocabulary.namespaces + AtomVocabulary.namespaces { table[uri] = .core }
        return table
    }()

    /// Module namespaces. Each line: a module feeds actually use.
    static let modules: [String: Family] = [
        "http://purl.org/dc/elements/1.1/": .dc, // Dublin Core
        "http://purl.org/dc/elements/1.0/": .dc,
        "http://purl.org/dc/terms/": .dcterms, // DC terms (issued, modified)
        "http://purl.org/rss/1.0/modules/content/": .content, // content:encoded
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes, // iTunes podcasts
        "http://example.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.w3.org/1999/xhtml": .xhtml, // xhtml:body in RSS
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": .rdf, // RSS 1.0 envelope
        "http://search.yahoo.com/mrss/": .media, // Media RSS (captions read as descriptions)
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
            // RSS and Atom names are read alike in either format (an Atom <summary> in an RSS item counts).
            return RSSVocabulary.role(name) ?? AtomVocabulary.role(name)
        case .dc:
            switch name {
            case "title": return .title
            case "creator", "author": return .author
            case "date": return .updated // feedparser's reading of dc:date
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
            case "summary": return .summary
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
