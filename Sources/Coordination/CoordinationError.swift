import Foundation

/// Why coordinating workers through PostgreSQL failed. The description is the line a user reads.
public enum CoordinationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database could not be reached or refused us (wrong password, no such database).
    case connection(String)
    /// A statement failed.
    case query(String)

    public var description: String {
        switch self {
        case .connection(let reason): return "PostgreSQL: cannot connect: \(reason)"
        case .query(let reason): return "PostgreSQL: \(reason)"
        }
    }
}
