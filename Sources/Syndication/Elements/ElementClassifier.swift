import Markup
import Synchronization

/// Gives each element its role in a feed: worked out once per element name for the process
/// (``KnownNames``), then kept per document by the name's number.
struct ElementClassifier {
    /// What each element name of the document means, by ``XMLCursor/nameID``: worked out once per name.
    private var byName: [Meaning?] = []

    /// An element name's namespace family, lower-cased local name and role.
    struct Meaning {
        var family: FeedVocabulary.Family
        var name: String
        var role: FeedVocabulary.Role?
    }

    /// What `element`'s name means: looked up in this document's table, then in the process's
    /// (``KnownNames``), worked out only the first time the process meets the name.
    mutating func meaning(_ element: XMLCursor) -> Meaning {
        let id = element.nameID
        if id >= 0, id < byName.count, let known = byName[id] { return known }
        var worked: Meaning?
        let known = element.withNameBytes { uri, prefix, local in
            KnownNames.shared.index(uri, prefix, local) {
                let m = classifyUncached(element)
                worked = m
                return m
            }
        }
        let m = worked ?? (known >= 0 ? KnownNames.shared.meaning(at: known) : classifyUncached(element))
        if id >= 0 {
            if byName.isEmpty { byName = Array(repeating: nil, count: element.distinctNames) }
            if id < byName.count { byName[id] = m }
        }
        return m
    }

    /// The namespace family and lower-cased local name of `element`.
    mutating func classify(_ element: XMLCursor) -> (family: FeedVocabulary.Family, name: String) {
        let m = meaning(element)
        return (m.family, m.name)
    }

    private func classifyUncached(_ element: XMLCursor) -> Meaning {
        let (family, name) = familyAndName(element)
        return Meaning(family: family, name: name, role: FeedVocabulary.role(family, name))
    }

    private func familyAndName(_ element: XMLCursor) -> (family: FeedVocabulary.Family, name: String) {
        let local = element.localName
        guard element.namespaceKey != 0 else {
            // No namespace: RSS 0.9x/2.0, or a prefix the feed forgot to declare ("dc:creator").
            if local.utf8.contains(UInt8(ascii: ":")), let colon = local.firstIndex(of: ":") {
                let family = FeedVocabulary.prefixes[local[..<colon].lowercased()] ?? .other
                return (family, local[local.index(after: colon)...].lowercased())
            }
            return (.core, Self.lowercased(local))
        }
        var family = element.namespaceURI.flatMap { FeedVocabulary.namespaces[$0] } ?? .other
        if family == .other {
            if let prefix = element.prefix {
                // A module under an unusual URI but its usual prefix.
                if let known = FeedVocabulary.prefixes[prefix.lowercased()], known != .core { family = known }
            } else {
                family = .core // an unknown default namespace (RSS 2.1 drafts): read as plain RSS
            }
        }
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

/// What element names mean, for the whole process: feeds reuse a few dozen names, so each is worked out
/// once (a family lookup by namespace URI, a role by name) and then found by a hash of its bytes.
///
/// Keyed by the namespace URI, the declared prefix and the local name, exactly what the meaning depends
/// on; at most ``capacity`` names are kept (feeds that invent names cannot grow it without bound).
final class KnownNames: Sendable {
    static let shared = KnownNames()
    /// Names kept at most.
    static let capacity = 4096

    /// One known name: its key bytes and what it means.
    struct Entry: Sendable {
        /// `[has URI] uri 0 [has prefix] prefix 0 local`.
        var key: [UInt8]
        var meaning: ElementClassifier.Meaning
    }

    /// The names known, and the indexes of those of each hash.
    private let table = Mutex<(entries: [Entry], byHash: [UInt64: [Int]])>(([], [:]))

    /// The meaning of the name at `index` (from ``index(_:_:_:_:)``).
    func meaning(at index: Int) -> ElementClassifier.Meaning {
        table.withLock { $0.entries[index].meaning }
    }

    /// The index of a name's meaning, found in the table or worked out by `work` and added; -1 when the
    /// table is full (the meaning `work` gave is then not kept).
    func index(
        _ uri: UnsafeBufferPointer<UInt8>?, _ prefix: UnsafeBufferPointer<UInt8>?, _ local: UnsafeBufferPointer<UInt8>,
        _ work: () -> ElementClassifier.Meaning
    ) -> Int {
        var h: UInt64 = 14_695_981_039_346_656_037
        func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        mix(uri == nil ? 0 : 1)
        uri?.forEach(mix)
        mix(0)
        mix(prefix == nil ? 0 : 1)
        prefix?.forEach(mix)
        mix(0)
        local.forEach(mix)
        let hash = h
        func matches(_ key: [UInt8]) -> Bool {
            var k = 0
            func part(_ flag: Bool, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
                guard k < key.count, key[k] == (flag ? 1 : 0) else { return false }
                k += 1
                for b in bytes ?? UnsafeBufferPointer(start: nil, count: 0) {
                    guard k < key.count, key[k] == b else { return false }
                    k += 1
                }
                guard k < key.count, key[k] == 0 else { return false }
                k += 1
                return true
            }
            guard part(uri != nil, uri), part(prefix != nil, prefix), key.count - k == local.count else { return false }
            return local.elementsEqual(key[k...])
        }
        let found = table.withLock { t in t.byHash[hash]?.first(where: { matches(t.entries[$0].key) }) }
        if let found { return found }
        let m = work()
        var key: [UInt8] = [uri == nil ? 0 : 1]
        key += uri ?? UnsafeBufferPointer(start: nil, count: 0)
        key.append(0)
        key.append(prefix == nil ? 0 : 1)
        key += prefix ?? UnsafeBufferPointer(start: nil, count: 0)
        key.append(0)
        key += local
        return table.withLock { t in
            guard t.entries.count < Self.capacity else { return -1 } // names invented by hostile feeds
            t.entries.append(Entry(key: key, meaning: m))
            t.byHash[hash, default: []].append(t.entries.count - 1)
            return t.entries.count - 1
        }
    }
}
