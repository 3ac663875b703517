/// What stops an import or an export, with what a user needs to act.
public enum InteropError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file that cannot be read.
    case unreadable(file: String, reason: String)
    /// A file that is not JSON.
    case notJSON(file: String, reason: String)
    /// JSON that is not a STIX 2.1 bundle.
    case notABundle(file: String, reason: String)
    /// A domain list that cannot be used as a whole.
    case badDomainList(file: String, reason: String)
    /// A usage problem (`--campaign` missing or unknown).
    case usage(String)
    /// The generated file would not load: nothing was written.
    case invalidResult(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r): return "\(f): cannot read: \(r)"
        case .notJSON(let f, let r): return "\(f): not JSON: \(r)"
        case .notABundle(let f, let r): return "\(f): not a STIX 2.1 bundle: \(r)"
        case .badDomainList(let f, let r): return "\(f): not a usable domain list: \(r)"
        case .usage(let s): return s
        case .invalidResult(let f, let r): return "\(f): the generated watchlist would not load (nothing written): \(r)"
        }
    }
}
