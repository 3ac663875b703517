import Syndication

/// Fuzz target: the feed parser (RSS, RDF, Atom, JSON Feed, with the charset rule and recovery).
///
/// Any bytes may come back as a ``ParsedFeed`` or a thrown error; a crash, a hang or runaway memory is
/// a finding. The first byte picks an HTTP charset label (none, a true one or a lying one), so the
/// charset rule is exercised from both sides.
@_cdecl("veille_fuzz_feed")
public func fuzzFeed(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let (label, rest) = FuzzInput.charsetLabel(bytes)
    _ = try? FeedParser.parse(rest, httpCharset: label, baseURL: "https://feeds.example/feed.xml")
    return 0
}
