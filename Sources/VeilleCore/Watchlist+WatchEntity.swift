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
    /// Campaigns: ids of the actors it is attributed to; imported actors: the actors they are attributed to.
    public var actors: [String]
    /// Domain names of the entity's sites, as written (`rrussianews.com`, `пример.рф`): an item whose URL or a
    /// link in its text points to one of them or a subdomain is linked.
    public var domains: [String]
    /// The STIX 2.1 id this entry came from or is known as (`campaign--…`), so imports and exports meet.
    public var stixID: String?
    /// Where an imported entry comes from.
    public var source: WatchSource?

    /// An entity, key by key (the loader validates; this initializer does not).
    public init(
        id: String, name: String, kind: Kind? = nil, aliases: [String] = [], caseSensitive: [String] = [],
        exclude: [String] = [], references: [String] = [], all: [[String]] = [], within: Int? = nil,
        firstSeen: String? = nil, actors: [String] = [], domains: [String] = [], stixID: String? = nil,
        source: WatchSource? = nil
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
        self.domains = domains
        self.stixID = stixID
        self.source = source
    }
}

/// The provenance of an imported entry: the report it comes from (`source: {report, published, url}`).
public struct WatchSource: Sendable, Equatable, Hashable {
    /// The report's name, or the domain list's file name.
    public var report: String
    /// The report's publication date (`YYYY-MM-DD`), when known.
    public var published: String?
    /// The report's first external reference, when it has one.
    public var url: String?

    /// A provenance, key by key.
    public init(report: String, published: String? = nil, url: String? = nil) {
        self.report = report
        self.published = published
        self.url = url
    }
}
