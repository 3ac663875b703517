/// What can go wrong around extraction (the extractor itself never fails: it returns an empty ``Article``
/// with a reason). Site-rule files fail with VeilleCore's `ConfigError`, which names file, entry and key.
public enum ExtractionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A page file could not be read (batch mode).
    case unreadable(path: String)

    /// The message, naming the file.
    public var description: String {
        switch self {
        case .unreadable(let path): return "extract \(path): cannot read the file"
        }
    }
}
