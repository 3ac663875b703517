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
}
