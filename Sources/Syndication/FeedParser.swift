import Foundation
import Markup

/// Reads feed bytes of any supported format into a ``ParsedFeed``.
///
/// The bytes are sniffed (JSON, XML, an HTML page) and decoded by the project's charset rule. XML is read
/// into an ``XMLTree`` by ``MarkupDocument/xmlOutcome(_:httpCharset:htmlReferences:repair:)``: veille's own
/// parser (``XMLTreeParser``) when the bytes are UTF-8 and it reads them as libxml2 would, with HTML
/// entity names read as feeds mean them; otherwise libxml2 in recover mode (no entity expansion, no
/// network, no DTD loading, size limits kept) on bytes whose entities ``EntityPrepass`` repaired. The tree
/// is then walked once. An ill-formed feed still yields what could be recovered; only a feed that yields
/// nothing fails.
public enum FeedParser {
    /// Parses a feed.
    ///
    /// - Parameters:
    ///   - bytes: the body as received.
    ///   - httpCharset: the HTTP `charset` parameter, if any (the charset rule's second step).
    ///   - baseURL: the feed's own URL, to resolve relative links after `xml:base`.
    /// - Returns: the feed and its entries in document order.
    /// - Throws: ``FeedError`` naming the problem (empty, HTML page, not XML or JSON, truncated…).
    public static func parse(_ bytes: [UInt8], httpCharset: String? = nil, baseURL: String? = nil) throws -> ParsedFeed
    {
        switch Sniffer.sniff(bytes) {
        case .empty: throw FeedError.empty
        case .json: return try JSONFeedAdapter.parse(bytes, baseURL: baseURL)
        case .html: throw FeedError.htmlPage
        case .other: throw FeedError.notXMLOrJSON
        case .xml: break
        }
        // veille's parser reads references as the entity repair would have them; libxml2 gets the repaired bytes.
        var references: XMLTreeParser.ReferenceLookup?
        if EntityPrepass.applies(bytes) { references = { EntityPrepass.lookup($0) } }
        let outcome = MarkupDocument.xmlOutcome(
            bytes, httpCharset: httpCharset, htmlReferences: references,
            repair: { EntityPrepass.repair($0) })
        guard let tree = outcome.tree else {
            if outcome.endedEarly { throw FeedError.truncated(outcome.lastError ?? "the document ends early") }
            throw FeedError.unreadableXML(outcome.lastError ?? "no element could be read")
        }
        let reader = XMLFeedReader(baseURL: baseURL)
        guard var feed = try tree.withRootCursor({ try reader.read($0) }) else {
            if outcome.endedEarly { throw FeedError.truncated(outcome.lastError ?? "the document ends early") }
            throw FeedError.unreadableXML(outcome.lastError ?? "no root element")
        }
        if outcome.endedEarly, feed.entries.isEmpty, feed.title == nil {
            throw FeedError.truncated(outcome.lastError ?? "the document ends early")
        }
        feed.wellFormed = outcome.wellFormed
        feed.truncated = outcome.endedEarly
        return outcome.encoding == "utf-8" ? Mojibake.repaired(feed) : feed
    }
}
