/// How a source's last attempt went: the `status` column of the `source` table and the `status` of a run's
/// per-source report. The raw values are the stored strings.
public enum SourceStatus: String, Sendable, Codable, CaseIterable {
    /// Fetched and stored.
    case ok
    /// The server answered 304: unchanged since the stored validators.
    case notModified = "not-modified"
    /// The attempt failed (network, HTTP, parse, storage): the source backs off.
    case failed
    /// robots.txt disallows the URL: in trouble, but not an error.
    case blocked
    /// The source's own host is on a watchlist entry's `domains:`: shown with the sources in trouble, never
    /// stored (the `source` table keeps how its last attempt went).
    case listed

    /// In trouble: the attempt failed or was blocked.
    public var inTrouble: Bool { self == .failed || self == .blocked }
}

extension SourceStatus: CustomStringConvertible {
    public var description: String { rawValue }
}
