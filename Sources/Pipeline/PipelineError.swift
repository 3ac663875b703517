/// Why a run could not happen at all; each maps to the exit code of the README. The cause stays typed (the
/// lower module's own error) until the command shows it.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    /// Bad configuration or usage (exit 2).
    case configuration(Cause)
    /// Another process holds the lock (exit 3).
    case locked(Cause)
    /// The database is unusable (exit 4).
    case database(Cause)
    /// A digest could not be delivered; pending deltas are kept (exit 5).
    case delivery(Cause)

    /// What went wrong underneath.
    public enum Cause: Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
        /// The error a lower module threw (a `ConfigError`, a `StorageError`, a `DigestError`…), as thrown.
        case error(any Error)
        /// The same, met during a named step of the run (`matching`).
        case during(String, any Error)
        /// A problem the pipeline found itself (an unknown source, a run that does not exist).
        case message(String)

        public init(stringLiteral value: String) { self = .message(value) }
        public init(stringInterpolation: DefaultStringInterpolation) {
            self = .message(String(stringInterpolation: stringInterpolation))
        }

        /// The lower module's error, when there is one.
        public var underlying: (any Error)? {
            switch self {
            case .error(let e), .during(_, let e): return e
            case .message: return nil
            }
        }

        public var description: String {
            switch self {
            case .error(let e): return "\(e)"
            case .during(let step, let e): return "\(step): \(e)"
            case .message(let m): return m
            }
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .configuration: return 2
        case .locked: return 3
        case .database: return 4
        case .delivery: return 5
        }
    }

    /// The cause, whatever the exit code.
    public var cause: Cause {
        switch self {
        case .configuration(let c), .locked(let c), .database(let c), .delivery(let c): return c
        }
    }

    public var description: String { cause.description }
}
