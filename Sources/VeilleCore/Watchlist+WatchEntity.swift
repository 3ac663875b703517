/// One campaign or actor of the watchlist: what it is called and how a text is linked to it.
///
/// Lives beside ``Watchlist`` (its only container) so that the watchlist files stay together.
/// Aliases are kept as written; the matcher normalizes them. See `Feeds/watchlist.yaml` for the schema.
public struct WatchEntity: Sendable, Equatable, Hashable {
    /// What kind of actor this is (campaigns have none).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case state, party, person, organisation, outlet, agency, platform
    }

    /// The user's id (`[a-z0-9-]+`), unique across actors and campaigns.
    public var id: String
    /// A display name.
    public var name: String
    /// The actor's kind; nil for campaigns.
    public var kind: Kind?
    /// Aliases matched case- and accent-insensitively as whole words; a trailing `*` makes a prefix.
    public var aliases: [String]
    /// Aliases matched only with exactly this case (acronyms such as `VIGINUM`).
    public var caseSensitive: [String]
    /// Phrases that veto any alias or group-term match of this entity they overlap.
    public var exclude: [String]
    /// Public references (http(s) URLs).
    public var references: [String]
    /// Groups of terms: linked when one term of every group occurs within ``within`` words.
    /// A term starting with `=` is matched with exactly its case.
    public var all: [[String]]
    /// The window, in words, for ``all``; nil means anywhere in the item.
    public var within: Int?
    /// Campaigns: when the campaign was first seen (`2023-07`), as written.
    public var firstSeen: String?
    /// Campaigns: ids of the actors it is attributed to.
    public var actors: [String]

    /// An entity, key by key (the loader validates; this initializer does not).
    public init(
        id: String, name: String, kind: Kind? = nil, aliases: [String] = [], caseSensitive: [String] = [],
        exclude: [String] = [], references: [String] = [], all: [[String]] = [], within: Int? = nil,
        firstSeen: String? = nil, actors: [String] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.caseSensitive = caseSensitive
        self.exclude = exclude
        self.references = references
        self.all = all
        self.within = within
        self.firstSeen = firstSeen
        self.actors = actors
    }
}
