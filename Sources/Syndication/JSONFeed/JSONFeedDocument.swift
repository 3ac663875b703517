import Foundation

/// A JSON Feed 1.0/1.1 document, the fields veille reads ([spec](https://www.jsonfeed.org/version/1.1/)).
struct JSONFeedDocument: Decodable {
    /// `https://jsonfeed.org/version/1` or `/1.1`.
    var version: String?
    var title: String?
    var homePageURL: String?
    var language: String?
    var items: [Item]?

    /// A person (1.0 `author`, 1.1 `authors`).
    struct Author: Decodable {
        var name: String?
        var url: String?
    }

    /// One item.
    struct Item: Decodable {
        var id: LosslessID?
        var url: String?
        var title: String?
        var contentHTML: String?
        var contentText: String?
        var summary: String?
        var datePublished: String?
        var dateModified: String?
        var author: Author?
        var authors: [Author]?

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, author, authors
            case contentHTML = "content_html"
            case contentText = "content_text"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    /// An id written as a string (the spec) or a number (common in the wild).
    struct LosslessID: Decodable {
        var value: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                value = s
            } else if let i = try? c.decode(Int64.self) {
                value = String(i)
            } else {
                value = String(try c.decode(Double.self))
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, title, language, items
        case homePageURL = "home_page_url"
    }
}
