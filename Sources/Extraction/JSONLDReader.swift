import Foundation

/// Step 4a: the article object of a page's JSON-LD (`NewsArticle`, `Article`, `ReportageNewsArticle` and
/// kin, top-level, in a list or in an `@graph`).
struct JSONLDReader {
    /// schema.org types that describe an article (Readability's list, plus live blogs and reports).
    static let articleTypes: Set<String> = [
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
        "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
    ]

    var name: String?
    var headline: String?
    var author: String?
    var description: String?
    var siteName: String?
    var published: String?
    var modified: String?
    var language: String?
    var url: String?
    /// The article's text as the publisher gives it (plain text), used when the page's own markup yields
    /// far less (pages whose body is filled in by script).
    var articleBody: String?

    /// Reads the first article object found in `scripts` (the texts of `application/ld+json` scripts).
    init?(scripts: [String]) {
        for script in scripts where !script.isEmpty && JSONLDReader.mayHoldArticle(script) {
            var text = JSONLDReader.trimmed(script)
            if text.hasPrefix("<![CDATA[") { text = String(text.dropFirst(9)) }
            if text.hasSuffix("]]>") { text = String(text.dropLast(3)) }
            guard let data = text.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                let article = JSONLDReader.findArticle(json, depth: 0)
            else { continue }
            self.init(article: article)
            return
        }
        return nil
    }

    init(article a: [String: Any]) {
        name = JSONLDReader.string(a["name"])
        headline = JSONLDReader.string(a["headline"])
        author = JSONLDReader.names(a["author"]) ?? JSONLDReader.names(a["creator"])
        description = JSONLDReader.string(a["description"])
        siteName = JSONLDReader.names(a["publisher"])
        published = JSONLDReader.string(a["datePublished"]) ?? JSONLDReader.string(a["dateCreated"])
        modified = JSONLDReader.string(a["dateModified"])
        language = JSONLDReader.string(a["inLanguage"])
        articleBody = (a["articleBody"] as? String).map(JSONLDReader.trimmed)
        url =
            JSONLDReader.string(a["url"]) ?? JSONLDReader.string(a["mainEntityOfPage"])
            ?? (a["mainEntityOfPage"] as? [String: Any]).flatMap { JSONLDReader.string($0["@id"]) }
    }

    /// `s` without leading and trailing whitespace; Foundation's Unicode trim only when an end is not
    /// plain ASCII (most scripts start with `{` or `[` and end with `}` or `]`).
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return s }
        let plain: (UInt8) -> Bool = { $0 > 0x20 && $0 < 0x7F }
        if plain(first), plain(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every name in ``articleTypes`` contains one of these: a script with none of them holds no article
    /// object, and is not handed to the JSON parser (most pages also carry `WebSite`, `Organization` or
    /// `BreadcrumbList` scripts).
    static let typeFragments: [StaticString] = ["Article", "Report", "Posting", "APIReference"]

    /// False when no ``typeFragments`` entry occurs in the script's bytes.
    static func mayHoldArticle(_ script: String) -> Bool {
        var s = script
        return s.withUTF8 { bytes in typeFragments.contains { PageMetadata.contains(bytes, $0) } }
    }

    static func isArticle(_ o: [String: Any]) -> Bool {
        if let t = o["@type"] as? String { return articleTypes.contains(t) }
        if let ts = o["@type"] as? [Any] { return ts.contains { ($0 as? String).map(articleTypes.contains) ?? false } }
        return false
    }

    /// Depth-first search for an article object (bounded depth: JSON-LD is shallow).
    static func findArticle(_ json: Any, depth: Int) -> [String: Any]? {
        guard depth < 6 else { return nil }
        if let o = json as? [String: Any] {
            if isArticle(o) { return o }
            if let graph = o["@graph"] { return findArticle(graph, depth: depth + 1) }
            if let main = o["mainEntity"] { return findArticle(main, depth: depth + 1) }
            return nil
        }
        if let list = json as? [Any] {
            for item in list { if let found = findArticle(item, depth: depth + 1) { return found } }
        }
        return nil
    }

    static func string(_ v: Any?) -> String? {
        if let s = v as? String {
            let t = TextTools.collapse(s)
            return t.isEmpty ? nil : t
        }
        if let list = v as? [Any], let first = list.first { return string(first) }
        return nil
    }

    /// A name, an object with a `name`, or a list of them joined with ", ".
    static func names(_ v: Any?) -> String? {
        if let s = string(v as? String) { return s }
        if let o = v as? [String: Any] { return string(o["name"]) }
        if let list = v as? [Any] {
            let all = list.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}
