/// What went wrong with the database (exit code 4 upstream), in words a user can act on.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    /// The file could not be opened or migrated, or the server could not be reached.
    case open(path: String, message: String)
    /// A statement failed.
    case database(String)
    /// An operation that is not yet written for PostgreSQL (it runs on SQLite only).
    case unsupported(String)
    /// A write of a source's crawl refused: this worker no longer holds the source's lease in the shared
    /// night (``SourceFence``); another worker has it, or will.
    case leaseLost(source: String, worker: String)

    public var description: String {
        switch self {
        case .open(let path, let message): return "database \(path): \(message)"
        case .database(let message): return "database: \(message)"
        case .unsupported(let operation):
            return "database: \(Self.name(operation)) is not available on PostgreSQL yet (use a SQLite file)"
        case .leaseLost(let source, let worker):
            return "database: source \(source): worker \(worker) no longer holds its lease (expired or taken over); "
                + "nothing of this crawl was written"
        }
    }

    /// `sourceStates()` → `sourceStates`.
    private static func name(_ operation: String) -> String {
        String(operation.prefix(while: { $0 != "(" }))
    }
}
