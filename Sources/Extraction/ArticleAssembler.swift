import Foundation
import Markup

/// Step 4 of the cascade: picks each metadata field from the sources a page offers, most trusted first.
struct ArticleAssembler {
    let model: PageModel
    let metadata: PageMetadata
    let jsonLD: JSONLDReader?
    let url: String?

    /// `<meta>` keys for each field, in order of trust.
    static let bylineKeys = [
        "dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", "sailthru:author",
    ]
    static let publishedKeys = [
        "article:published_time", "og:published_time", "datepublished", "dc:date", "dc:date:issued",
        "dcterms:created", "dcterm:created", "parsely-pub-date", "pubdate", "publishdate",
        "publish-date", "sailthru:date", "date",
    ]
    static let updatedKeys = [
        "article:modified_time", "og:updated_time", "datemodified", "dcterms:modified", "dcterm:modified",
        "last-modified",
    ]
    static let descriptionKeys = [
        "og:description", "description", "dc:description", "dcterm:description", "twitter:description",
    ]
    static let siteNameKeys = ["og:site_name", "application-name"]

    func article(title: String, text: String, bylineNode: Int?) -> Article {
        let language = self.language()
        let zone = (language?.lowercased().hasPrefix("fr") ?? false) ? DateReader.paris : DateReader.utc
        var published =
            jsonLD?.published.flatMap { DateReader.iso($0, defaultZone: zone) }
            ?? first(ArticleAssembler.publishedKeys).flatMap { DateReader.iso($0, defaultZone: zone) }
            ?? metadata.itemprop["datepublished"].flatMap {
                DateReader.iso($0, defaultZone: zone) ?? DateReader.french($0)
            }
        var updated =
            jsonLD?.modified.flatMap { DateReader.iso($0, defaultZone: zone) }
            ?? first(ArticleAssembler.updatedKeys).flatMap { DateReader.iso($0, defaultZone: zone) }
            ?? metadata.itemprop["datemodified"].flatMap {
                DateReader.iso($0, defaultZone: zone) ?? DateReader.french($0)
            }
        if published == nil || updated == nil {
            for line in metadata.frenchDateLines {
                let (p, u) = DateReader.frenchLine(line)
                if published == nil, let p { published = p }
                if updated == nil, let u { updated = u }
            }
        }
        if published == nil {
            published = metadata.timeValues.lazy.compactMap { DateReader.iso($0, defaultZone: zone) }.first
        }
        return Article(
            title: title.isEmpty ? nil : title,
            byline: byline(bylineNode),
            published: published,
            updated: updated,
            language: language,
            canonicalURL: canonical(),
            siteName: jsonLD?.siteName.flatMap { _ in first(ArticleAssembler.siteNameKeys) } ?? first(
                ArticleAssembler.siteNameKeys) ?? jsonLD?.siteName,
            description: first(ArticleAssembler.descriptionKeys) ?? jsonLD?.description,
            text: text)
    }

    func first(_ keys: [String]) -> String? {
        for k in keys { if let v = metadata.meta[k], !v.isEmpty { return v } }
        return nil
    }

    func byline(_ node: Int?) -> String? {
        let candidates: [String?] = [
            jsonLD?.author,
            first(ArticleAssembler.bylineKeys).flatMap { $0.hasPrefix("http") ? nil : $0 },
            node.map { TextTools.collapse(model.tree.text($0)) },
            metadata.bylineLines.first,
        ]
        for case let c? in candidates {
            let cleaned = ArticleAssembler.stripByPrefix(c)
            if !cleaned.isEmpty { return cleaned }
        }
        return nil
    }

    /// "Par Martin Untersinger" → "Martin Untersinger"; "By X" → "X".
    static func stripByPrefix(_ s: String) -> String {
        let t = TextTools.collapse(s)
        for prefix in ["par ", "by ", "de "] where t.lowercased().hasPrefix(prefix) {
            return String(t.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return t
    }

    func language() -> String? {
        let raw =
            metadata.language ?? metadata.meta["content-language"] ?? metadata.meta["og:locale"]
            ?? metadata.meta["language"] ?? jsonLD?.language
        guard let raw else { return nil }
        let t = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
        return t.isEmpty ? nil : t
    }

    func canonical() -> String? {
        guard let raw = metadata.canonical ?? metadata.meta["og:url"] ?? jsonLD?.url else { return nil }
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if let base = url.flatMap(URL.init(string:)), let resolved = URL(string: t, relativeTo: base) {
            return resolved.absoluteString
        }
        return t
    }
}
