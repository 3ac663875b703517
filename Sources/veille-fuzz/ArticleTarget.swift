import Extraction

/// Fuzz target: the article extractor (site rules off) over an arbitrary page.
///
/// The extractor never throws: any bytes give an ``Article`` (possibly empty). The first byte picks
/// an HTTP charset label, as for the feed target.
@_cdecl("veille_fuzz_article")
public func fuzzArticle(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let (label, rest) = FuzzInput.charsetLabel(bytes)
    _ = ArticleExtractor.extract(rest, url: "https://news.example/2024/11/article.html", httpCharset: label)
    return 0
}
