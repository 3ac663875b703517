/// Why `veille serve` cannot start, in words a user can act on.
public enum WorkbenchError: Error, CustomStringConvertible, Sendable {
    /// `--listen` is not `HOST:PORT`.
    case badListen(String)
    /// A non-loopback address without `--token-file`.
    case exposedWithoutToken(String)
    /// The token file cannot be read or is empty.
    case badTokenFile(path: String, message: String)
    /// The templates shipped with veille cannot be found or parsed.
    case templates(String)
    /// A malformed request of `veille show` (a revision that does not exist).
    case badRequest(String)

    public var description: String {
        switch self {
        case .badListen(let text):
            return "--listen \(text): expected HOST:PORT (e.g. 127.0.0.1:8080)"
        case .exposedWithoutToken(let text):
            return
                "--listen \(text) is not a loopback address: the archive would be open to the network; "
                + "give --token-file PATH (every request then needs that token) or listen on 127.0.0.1"
        case .badTokenFile(let path, let message):
            return "--token-file \(path): \(message)"
        case .templates(let message):
            return "workbench templates: \(message)"
        case .badRequest(let message):
            return message
        }
    }
}

/// A request the workbench answers with an error page: 400 (malformed parameter) or 404 (unknown id).
struct PageError: Error {
    var status: Int
    var message: String

    static func notFound(_ message: String) -> PageError { PageError(status: 404, message: message) }
    static func badRequest(_ message: String) -> PageError { PageError(status: 400, message: message) }
}
