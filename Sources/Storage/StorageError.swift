/// What went wrong with the database (exit code 4 upstream), in words a user can act on.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    /// The file could not be opened or migrated, or the server could not be reached.
    case open(path: String, message: String)
    /// A statement failed.
    case database(String)
    /// An operation that is not yet written for PostgreSQL (it runs on SQLite only).
    case unsupported(String)

    public var description: String {
        switch self {
        case .open(let path, let message): return "database \(path): \(message)"
        case .database(let message): return "database: \(message)"
        case .unsupported(let operation):
            return "database: \(Self.name(operation)) is not available on PostgreSQL yet (use a SQLite file)"
        }
    }

    /// `sourceStates()` → `sourceStates`.
    private static func name(_ operation: String) -> String {
        String(operation.prefix(while: { $0 != "(" }))
    }
}
