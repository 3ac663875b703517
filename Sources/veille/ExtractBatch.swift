import Extraction
import Foundation
import VeilleCore

/// The JSON forms of `veille extract`: one article object, and the JSON Lines of `--batch`
/// (`{"file","title","text","byline","published","language","canonical_url"}`, dates as UTC
/// `YYYY-MM-DDTHH:MM:SSZ`, null when unknown).
public enum ExtractBatch {
    /// The JSON line for one page file; a file that cannot be read gives a line with an `error`.
    public static func line(forPath path: String, rules: SiteRules) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            return
                "{\"file\":\(quote(path)),\"title\":null,\"text\":\"\",\"error\":\(quote(ExtractionError.unreadable(path: path).description))}"
        }
        let a = ArticleExtractor.extract([UInt8](data), url: nil, httpCharset: nil, rules: rules)
        return
            "{\"file\":\(quote(path)),\"title\":\(quote(a.title)),\"text\":\(quote(a.text)),\"byline\":\(quote(a.byline)),"
            + "\"published\":\(quote(a.published.map(Timestamp.iso))),\"language\":\(quote(a.language)),"
            + "\"canonical_url\":\(quote(a.canonicalURL))}"
    }

    /// The full article object printed by `veille extract FILE`.
    public static func json(_ a: Article) -> String {
        let fields: [(String, String?)] = [
            ("title", a.title), ("byline", a.byline), ("published", a.published.map(Timestamp.iso)),
            ("updated", a.updated.map(Timestamp.iso)), ("language", a.language), ("canonical_url", a.canonicalURL),
            ("site_name", a.siteName), ("description", a.description), ("text", a.text),
            ("empty_reason", a.emptyReason),
        ]
        let body = fields.map { "\(quote($0.0)):\(quote($0.1))" }.joined(separator: ",")
        return "{\(body),\"extractor_version\":\(ArticleExtractor.version)}"
    }

    /// A JSON string literal (the project's one escaper), or `null`.
    static func quote(_ s: String?) -> String {
        s.map(JSONValue.quoted) ?? "null"
    }
}
