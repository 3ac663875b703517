import Curl

/// A digest that could not be delivered (exit code 5 upstream; pending deltas are kept).
public enum DigestError: Error, CustomStringConvertible, Sendable {
    /// A digest file could not be written.
    case write(path: String, message: String)
    /// An SMTP send failed: the server, the recipient and the step are in the error.
    case smtp(digest: String, SMTPError)
    /// The SMTP settings cannot be used (a credential variable is unset).
    case settings(String)
    /// The HTML digest's templates or style sheets are not installed (the Templates resource bundle).
    case templates(String)
    /// Several digests or recipients failed; each is listed.
    case several([DigestError])

    public var description: String {
        switch self {
        case .write(let path, let message): return "digest \(path): \(message)"
        case .smtp(let digest, let e): return "digest \(digest): \(e)"
        case .settings(let m): return m
        case .templates(let m): return "HTML digest: \(m)"
        case .several(let list): return list.map(\.description).joined(separator: "\n")
        }
    }
}
