/// One link between an item and a campaign or actor, with its evidence.
///
/// Offsets are UTF-8 byte offsets in the field's original text, `end` exclusive; `found` is the original
/// text of that span (with its `#` or `@` when the text has one).
public struct EntityMatch: Sendable, Equatable, Hashable, Codable {
    /// Whether the entity is a campaign or an actor.
    public enum EntityKind: String, Sendable, Codable { case campaign, actor }
    /// The item field the span is in: the title, the feed's summary, or the text (article, entry content, or
    /// a parliamentary question and its answer); `url` (the item's own or canonical URL) and `link` (a link
    /// in its text) are for domain matches.
    public enum Field: String, Sendable, Codable { case title, summary, text, url, link }
    /// How the link was made: an alias, or one term of a satisfied `all` rule.
    public enum Rule: String, Sendable, Codable { case alias, all }

    /// The entity's id in the watchlist in use.
    public var entityID: String
    /// Campaign or actor.
    public var entityKind: EntityKind
    /// The alias or group term as written in the watchlist (`azerbaïdjanais*`, `=BIG`).
    public var alias: String
    /// The original text of the span.
    public var found: String
    /// `title`, `summary` or `text`.
    public var field: Field
    /// UTF-8 byte offset of the span's start in the field.
    public var start: Int
    /// UTF-8 byte offset just past the span.
    public var end: Int
    /// The span with some context, whitespace collapsed, `…` where cut.
    public var snippet: String
    /// `alias`, or `all` for a term of a satisfied group rule.
    public var rule: Rule

    /// A match, field by field.
    public init(
        entityID: String, entityKind: EntityKind, alias: String, found: String, field: Field,
        start: Int, end: Int, snippet: String, rule: Rule
    ) {
        self.entityID = entityID
        self.entityKind = entityKind
        self.alias = alias
        self.found = found
        self.field = field
        self.start = start
        self.end = end
        self.snippet = snippet
        self.rule = rule
    }
}
