/// What went wrong with the database (exit code 4 upstream), in words a user can act on.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    /// The file could not be opened or migrated.
    case open(path: String, message: String)
    /// A statement failed.
    case database(String)

    public var description: String {
        switch self {
        case .open(let path, let message): return "database \(path): \(message)"
        case .database(let message): return "database: \(message)"
        }
    }
}
