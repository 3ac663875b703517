import Foundation

/// Where a snippet shows what was found: the text before, the found text, the text after.
enum Highlight {
    /// Splits `snippet` around the first occurrence of `found` (nil when it is not there).
    static func split(_ snippet: String, found: String) -> (String, String, String)? {
        guard !found.isEmpty,
            let r = snippet.range(of: found)
                ?? snippet.range(of: found, options: [.caseInsensitive, .diacriticInsensitive])
        else { return nil }
        return (String(snippet[..<r.lowerBound]), String(snippet[r]), String(snippet[r.upperBound...]))
    }
}
