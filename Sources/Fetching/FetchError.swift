import Foundation

/// Why a fetch produced no response. The description is the line a user reads:
/// `fetch https://example.org/feed.xml: refused: 169.254.169.254 is link-local`.
public enum FetchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The address policy (or the scheme rule, for a redirect) refused the target.
    case refused(url: String, reason: String)
    /// The decoded body went past the cap; the transfer was stopped.
    case tooLarge(url: String, limit: Int)
    /// More redirects than the limit (a loop ends here).
    case tooManyRedirects(url: String, limit: Int)
    /// The connect or total timeout expired.
    case timeout(url: String, seconds: TimeInterval)
    /// A network failure: resolution, connection, TLS, a truncated transfer.
    case network(url: String, message: String)
    /// The URL is not http or https.
    case unsupportedScheme(url: String)
    /// The URL cannot be parsed.
    case invalidURL(url: String)
    /// The host's robots.txt disallows the URL for veille: not fetched (a status, not a failure). When a
    /// redirect led there, `redirect` is the disallowed target (`url` stays the URL asked for).
    case disallowedByRobots(url: String, redirect: String? = nil)
    /// The URL's site has no readable robots.txt this run (5xx, network failure): not fetched (RFC 9309).
    /// The host is unwell; the source fails, it is not "blocked".
    case robotsUnavailable(url: String, reason: String)
    /// Still 429 or 5xx after every try (with what was wrong with its `Retry-After`, if anything).
    case gaveUp(url: String, status: Int, tries: Int, retryAfterProblem: String?)
    /// A host that asked (429 or 503 with `Retry-After`) to be left alone longer than a run waits;
    /// `status` is nil for the requests not sent to it afterwards.
    case hostDeferred(url: String, host: String, status: Int?, retryAfter: String)

    /// The URL the caller asked for.
    public var url: String {
        switch self {
        case .refused(let url, _), .tooLarge(let url, _), .tooManyRedirects(let url, _), .timeout(let url, _),
            .network(let url, _), .unsupportedScheme(let url), .invalidURL(let url), .disallowedByRobots(let url, _),
            .robotsUnavailable(let url, _), .gaveUp(let url, _, _, _), .hostDeferred(let url, _, _, _):
            return url
        }
    }

    /// What went wrong, without the `fetch <url>:` prefix.
    public var reason: String {
        switch self {
        case .refused(_, let reason): return "refused: \(reason)"
        case .tooLarge(_, let limit): return "body larger than \(limit) bytes (decoded), transfer stopped"
        case .tooManyRedirects(_, let limit): return "more than \(limit) redirects, stopped"
        case .timeout(_, let seconds): return "timed out after \(Self.format(seconds)) s"
        case .network(_, let message): return message
        case .unsupportedScheme: return "only http and https URLs are fetched"
        case .invalidURL: return "not a valid URL"
        case .disallowedByRobots(_, nil): return "blocked by robots.txt"
        case .disallowedByRobots(_, let target?): return "redirect to \(target): blocked by robots.txt"
        case .robotsUnavailable(_, let reason): return "not fetched this run, robots.txt unavailable (\(reason))"
        case .gaveUp(_, let status, let tries, let problem):
            return "HTTP \(status) after \(tries) \(tries == 1 ? "try" : "tries")" + (problem.map { " (\($0))" } ?? "")
        case .hostDeferred(_, let host, let status, let retryAfter):
            let answer = status.map { "HTTP \($0) with " } ?? "\(host) sent "
            return "\(answer)Retry-After \(retryAfter): not fetched again this run"
        }
    }

    public var description: String { "fetch \(url): \(reason)" }

    /// Whether trying again later may succeed (timeouts and network failures).
    public var isTransient: Bool {
        switch self {
        case .timeout, .network: return true
        default: return false
        }
    }

    private static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
