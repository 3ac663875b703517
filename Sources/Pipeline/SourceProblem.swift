/// A problem with one source that the pipeline finds itself; the errors of the lower modules (a
/// `FetchError`, a `FeedError`) travel inside it as they were thrown, and become words only in the source's
/// outcome and log (``RunContext/fail(_:log:error:blocked:)``).
enum SourceProblem: Error, CustomStringConvertible {
    /// The server answered with a status that is not a success: `HTTP 404 from URL`.
    case httpStatus(Int, url: String)
    /// The body at `url` could not be read as what the source should be (a feed): `URL: why`.
    case unreadable(url: String, any Error)
    /// Anything else, already in words (a missing setting, an unusable Sénat CSV).
    case message(String)

    var description: String {
        switch self {
        case .httpStatus(let status, let url): return "HTTP \(status) from \(url)"
        case .unreadable(let url, let error): return "\(url): \(error)"
        case .message(let m): return m
        }
    }
}
