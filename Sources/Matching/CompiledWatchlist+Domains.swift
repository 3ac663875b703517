extension CompiledWatchlist {
    /// Matches one item by its words (``match(title:summary:text:)``) and by the domains its URLs and links
    /// point to.
    ///
    /// - Parameters:
    ///   - title: the item's title, if any.
    ///   - summary: the feed's summary, if any.
    ///   - text: the item's text, if any.
    ///   - url: the item's URL.
    ///   - canonicalURL: its canonical URL.
    /// - Returns: the word matches (title first, by position), then the domain matches (`url`, then `link`).
    public func match(
        title: String?, summary: String? = nil, text: String?, url: String?, canonicalURL: String?
    ) -> [EntityMatch] {
        let words = match(title: title, summary: summary, text: text)
        guard !domains.isEmpty else { return words }
        return words + domains.match(url: url, canonicalURL: canonicalURL, text: text)
    }

    /// Matches one text given as UTF-8 bytes: the same matches as
    /// `match(title: nil, text: String(decoding: text, as: UTF8.self), url: nil, canonicalURL: nil)`, without
    /// making that String when the bytes are valid UTF-8 (invalid bytes take that path: they are replaced).
    ///
    /// - Parameter text: the bytes, read in place (`veille match --batch` reads each file into a buffer).
    /// - Returns: the word matches by position, then the `link` matches.
    public func match(utf8 text: UnsafeBufferPointer<UInt8>) -> [EntityMatch] {
        guard UTF8Check.isValid(text) else {
            return match(title: nil, text: String(decoding: text, as: UTF8.self), url: nil, canonicalURL: nil)
        }
        let words = match([.text], [text])
        guard !domains.isEmpty, !text.isEmpty else { return words }
        return words + domains.linkMatches(Array(text))
    }
}
