import Markup

/// Gives each element its role in a feed, caching namespace lookups per declaration.
struct ElementClassifier {
    private var cache: [UInt: FeedVocabulary.Family] = [:]

    /// The namespace family and lower-cased local name of `element`.
    mutating func classify(_ element: XMLCursor) -> (family: FeedVocabulary.Family, name: String) {
        let local = element.localName
        let key = element.namespaceKey
        if key == 0 {
            // No namespace: RSS 0.9x/2.0, or a prefix the feed forgot to declare ("dc:creator").
            if let colon = local.firstIndex(of: ":") {
                let family = FeedVocabulary.prefixes[local[..<colon].lowercased()] ?? .other
                return (family, local[local.index(after: colon)...].lowercased())
            }
            return (.core, local.lowercased())
        }
        if let family = cache[key] { return (family, local.lowercased()) }
        var family = element.namespaceURI.flatMap { FeedVocabulary.namespaces[$0] } ?? .other
        if family == .other {
            if let prefix = element.prefix {
                // A module under an unusual URI but its usual prefix.
                if let known = FeedVocabulary.prefixes[prefix.lowercased()], known != .core { family = known }
            } else {
                family = .core  // an unknown default namespace (RSS 2.1 drafts): read as plain RSS
            }
        }
        cache[key] = family
        return (family, local.lowercased())
    }

    /// The role of `element`, nil when feeds give it no meaning here.
    mutating func role(_ element: XMLCursor) -> FeedVocabulary.Role? {
        let (family, name) = classify(element)
        return FeedVocabulary.role(family, name)
    }
}
