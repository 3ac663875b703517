import VeilleCore

/// A short diff of a `changed` item: the title before and the words it lost and gained, and the words
/// removed and added in the text (the span between the common prefix and the common suffix of the two word
/// sequences: linear time). A title-only edit fills ``removed`` and ``added`` from the title.
public struct ChangeSummary: Sendable, Equatable {
    /// The previous title, when it differs.
    public var titleWas: String?
    /// Words of the old title that are gone, and words of the new title that are new.
    public var titleRemoved: String?
    public var titleAdded: String?
    /// Words of the old text that are gone (at most ``maxWords``, then "…"); the title's for a title-only edit.
    public var removed: String?
    /// Words of the new text that are new (at most ``maxWords``, then "…"); the title's for a title-only edit.
    public var added: String?

    /// Whether the text changed (false for a title-only edit).
    public var textChanged = false

    /// Words shown on each side (reason: a digest line, not the article; the link has the rest).
    static let maxWords = 40

    /// The short diff between a previous and a current revision.
    public init(previousTitle: String?, title: String?, previousText: String?, text: String?) {
        let oldTitle = normalizeWhitespace(previousTitle ?? "")
        let newTitle = normalizeWhitespace(title ?? "")
        if oldTitle != newTitle && previousTitle != nil {
            titleWas = oldTitle
            (titleRemoved, titleAdded) = Self.span(oldTitle, newTitle)
        }
        (removed, added) = Self.span(previousText ?? "", text ?? "")
        textChanged = removed != nil || added != nil
        if removed == nil, added == nil, titleWas != nil {
            removed = titleRemoved
            added = titleAdded
        }
    }

    /// The words between the common prefix and the common suffix of two texts, each side clipped.
    static func span(_ old: String, _ new: String) -> (String?, String?) {
        let a = old.split(whereSeparator: \.isWhitespace)
        let b = new.split(whereSeparator: \.isWhitespace)
        guard a != b else { return (nil, nil) }
        // Words compare without their trailing punctuation ("Doppelgänger" and "Doppelgänger," are one word).
        let ka = a.map(Self.key)
        let kb = b.map(Self.key)
        var prefix = 0
        while prefix < a.count, prefix < b.count, ka[prefix] == kb[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
            ka[a.count - 1 - suffix] == kb[b.count - 1 - suffix]
        {
            suffix += 1
        }
        return (clip(a[prefix..<(a.count - suffix)]), clip(b[prefix..<(b.count - suffix)]))
    }

    /// A word without the punctuation that follows it.
    static func key(_ word: Substring) -> Substring {
        var w = word
        while let last = w.last, ",;:.!?»\")".contains(last), w.count > 1 { w = w.dropLast() }
        return w
    }

    static func clip(_ words: ArraySlice<Substring>) -> String? {
        guard !words.isEmpty else { return nil }
        let shown = words.prefix(maxWords).joined(separator: " ")
        return words.count > maxWords ? shown + " …" : shown
    }

    /// True when nothing visible changed (whitespace only).
    public var isEmpty: Bool { titleWas == nil && removed == nil && added == nil }

    var json: JSONValue {
        .object([
            ("title_was", .string(titleWas)), ("removed", .string(removed)), ("added", .string(added)),
            ("title_removed", .string(titleRemoved)), ("title_added", .string(titleAdded)),
        ])
    }
}
