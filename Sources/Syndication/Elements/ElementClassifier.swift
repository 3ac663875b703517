import Markup

/// Gives each element its role in a feed, caching namespace lookups per declaration.
struct ElementClassifier {
    /// Namespace declarations seen in this document and their family (a handful: a list beats a dictionary).
    private var cache: [(key: UInt, family: FeedVocabulary.Family)] = []
    /// What each element name of the document means, by ``XMLCursor/nameID``: worked out once per name.
    private var byName: [Meaning?] = []

    /// An element name's namespace family, lower-cased local name and role.
    struct Meaning {
        var family: FeedVocabulary.Family
        var name: String
        var role: FeedVocabulary.Role?
    }

    /// What `element`'s name means (worked out on the name's first element, then looked up).
    mutating func meaning(_ element: XMLCursor) -> Meaning {
        let id = element.nameID
        if id >= 0, id < byName.count, let known = byName[id] { return known }
        let (family, name) = classifyUncached(element)
        let m = Meaning(family: family, name: name, role: FeedVocabulary.role(family, name))
        if id >= 0 {
            if byName.count < element.distinctNames { byName += Array(repeating: nil, count: element.distinctNames - byName.count) }
            if id < byName.count { byName[id] = m }
        }
        return m
    }

    /// The namespace family and lower-cased local name of `element`.
    mutating func classify(_ element: XMLCursor) -> (family: FeedVocabulary.Family, name: String) {
        let m = meaning(element)
        return (m.family, m.name)
    }

    private mutating func classifyUncached(_ element: XMLCursor) -> (family: FeedVocabulary.Family, name: String) {
        let local = element.localName
        let key = element.namespaceKey
        if key == 0 {
            // No namespace: RSS 0.9x/2.0, or a prefix the feed forgot to declare ("dc:creator").
            if let colon = local.firstIndex(of: ":") {
                let family = FeedVocabulary.prefixes[local[..<colon].lowercased()] ?? .other
                return (family, local[local.index(after: colon)...].lowercased())
            }
            return (.core, Self.lowercased(local))
        }
        if let hit = cache.first(where: { $0.key == key }) { return (hit.family, Self.lowercased(local)) }
        var family = element.namespaceURI.flatMap { FeedVocabulary.namespaces[$0] } ?? .other
        if family == .other {
            if let prefix = element.prefix {
                // A module under an unusual URI but its usual prefix.
                if let known = FeedVocabulary.prefixes[prefix.lowercased()], known != .core { family = known }
            } else {
                family = .core  // an unknown default namespace (RSS 2.1 drafts): read as plain RSS
            }
        }
        cache.append((key, family))
        return (family, Self.lowercased(local))
    }

    /// `name` lower-cased, without a new string when it already is (the usual case).
    static func lowercased(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
    }

    /// The role of `element`, nil when feeds give it no meaning here.
    mutating func role(_ element: XMLCursor) -> FeedVocabulary.Role? {
        meaning(element).role
    }
}
