import Foundation
import Markup

/// Converts a ``JSONFeedDocument`` into the shared model.
enum JSONFeedAdapter {
    /// Decodes JSON Feed bytes.
    ///
    /// - Throws: ``FeedError/malformedJSON(_:)`` when the bytes are not JSON or not a JSON Feed.
    static func parse(_ bytes: [UInt8], baseURL: String?) throws -> ParsedFeed {
        let doc: JSONFeedDocument
        do {
            doc = try JSONDecoder().decode(JSONFeedDocument.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw FeedError.malformedJSON(describe(error))
        } catch {
            throw FeedError.malformedJSON("not valid JSON")
        }
        guard doc.version?.contains("jsonfeed.org") == true || doc.items != nil else {
            throw FeedError.malformedJSON("no \"version\" naming jsonfeed.org and no \"items\"")
        }
        var feed = ParsedFeed(
            format: .json, title: doc.title.flatMap(PlainText.collapse),
            link: doc.homePageURL.flatMap(PlainText.collapse).map { resolve($0, baseURL) },
            language: doc.language.flatMap(PlainText.collapse))
        for item in doc.items ?? [] {
            let content = item.contentHTML.flatMap(PlainText.fromHTML) ?? item.contentText.flatMap(PlainText.collapse)
            feed.entries.append(
                FeedEntry(
                    id: item.id.flatMap { PlainText.collapse($0.value) },
                    title: item.title.flatMap(PlainText.collapse),
                    link: item.url.flatMap(PlainText.collapse).map { resolve($0, baseURL) },
                    published: item.datePublished.flatMap(FeedDate.parse),
                    updated: item.dateModified.flatMap(FeedDate.parse),
                    author: (item.authors?.first ?? item.author)?.name.flatMap(PlainText.collapse),
                    summaryText: item.summary.flatMap(PlainText.collapse) ?? content,
                    contentText: content))
        }
        return feed
    }

    static func resolve(_ link: String, _ base: String?) -> String {
        guard let base else { return link }
        return XMLCursor.resolve(link, against: base)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): return c.debugDescription
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c):
            let path = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return "\(path): \(c.debugDescription)"
        @unknown default: return "undecodable"
        }
    }
}
