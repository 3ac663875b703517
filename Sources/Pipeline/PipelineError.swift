/// Why a run could not happen at all; each maps to the exit code of the README.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    /// Bad configuration or usage (exit 2).
    case configuration(String)
    /// Another process holds the lock (exit 3).
    case locked(String)
    /// The database is unusable (exit 4).
    case database(String)
    /// A digest could not be delivered; pending deltas are kept (exit 5).
    case delivery(String)

    public var exitCode: Int32 {
        switch self {
        case .configuration: return 2
        case .locked: return 3
        case .database: return 4
        case .delivery: return 5
        }
    }

    public var description: String {
        switch self {
        case .configuration(let m), .locked(let m), .database(let m), .delivery(let m): return m
        }
    }
}
