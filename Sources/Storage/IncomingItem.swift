import Foundation
import VeilleCore

/// An item as a stage produced it (a feed entry, an article, a Sénat question), before it meets the
/// stored state.
public struct IncomingItem: Sendable, Equatable {
    public var guid: String?
    public var url: String?
    public var canonicalURL: String?
    public var title: String?
    /// What matching reads and digests quote: the article, else the entry's content, else its summary.
    public var text: String?
    /// The feed's own summary, kept beside an article.
    public var summary: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    /// Version of veille's code that produced `text`: a change due only to a newer version is silent.
    public var textVersion: Int

    public init(
        guid: String? = nil, url: String? = nil, canonicalURL: String? = nil, title: String? = nil,
        text: String? = nil, summary: String? = nil, author: String? = nil, published: Date? = nil,
        updated: Date? = nil, textVersion: Int = 0
    ) {
        self.guid = guid
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.text = text
        self.summary = summary
        self.author = author
        self.published = published
        self.updated = updated
        self.textVersion = textVersion
    }
}

/// A delta as recorded: what happened to which item.
public struct RecordedDelta: Sendable, Equatable {
    public var id: Int64
    public var itemID: Int64
    public var kind: DeltaKind
    public var baseline: Bool
}

/// What applying one fetch's items changed.
public struct ApplyOutcome: Sendable, Equatable {
    /// Whether this was the source's first successful crawl (its items are a baseline).
    public var baseline: Bool
    public var items: Int
    public var deltas: [RecordedDelta]
    /// Items whose GUID or URL moved (no delta).
    public var moves: Int

    public var newCount: Int { deltas.filter { $0.kind == .new }.count }
    public var changedCount: Int { deltas.filter { $0.kind == .changed }.count }
}
