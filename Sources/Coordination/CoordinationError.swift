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

/// Thrown by a crawl whose writes were refused because its worker no longer held the source's lease
/// (Storage's `SourceFence`): ``NightWorker`` then leaves the source to the worker that holds it,
/// neither finishing it nor stopping.
public struct LeaseLost: Error, CustomStringConvertible, Sendable {
    /// The source.
    public let source: String

    /// Creates the error.
    public init(source: String) { self.source = source }

    public var description: String { "source \(source): lease lost, left to the worker that holds it" }
}
