import VeilleCore

/// A short diff of a `changed` item: the title before, and the words removed and added in the text
/// (the span between the common prefix and the common suffix of the two word sequences: linear time).
public struct ChangeSummary: Sendable, Equatable {
    /// The previous title, when it differs.
    public var titleWas: String?
    /// Words of the old text that are gone (at most ``maxWords``, then "…").
    public var removed: String?
    /// Words of the new text that are new (at most ``maxWords``, then "…").
    public var added: String?

    /// Words shown on each side (reason: a digest line, not the article; the link has the rest).
    static let maxWords = 40

    /// The short diff between a previous and a current revision.
    public init(previousTitle: String?, title: String?, previousText: String?, text: String?) {
        let oldTitle = normalizeWhitespace(previousTitle ?? "")
        let newTitle = normalizeWhitespace(title ?? "")
        titleWas = oldTitle != newTitle && previousTitle != nil ? oldTitle : nil
        let a = (previousText ?? "").split(whereSeparator: \.isWhitespace)
        let b = (text ?? "").split(whereSeparator: \.isWhitespace)
        guard a != b else { return }
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        removed = Self.clip(a[prefix..<(a.count - suffix)])
        added = Self.clip(b[prefix..<(b.count - suffix)])
    }

    static func clip(_ words: ArraySlice<Substring>) -> String? {
        guard !words.isEmpty else { return nil }
        let shown = words.prefix(maxWords).joined(separator: " ")
        return words.count > maxWords ? shown + " …" : shown
    }

    /// True when nothing visible changed (whitespace only).
    public var isEmpty: Bool { titleWas == nil && removed == nil && added == nil }

    var json: JSONValue {
        .object([("title_was", .string(titleWas)), ("removed", .string(removed)), ("added", .string(added))])
    }
}
