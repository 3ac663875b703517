import Foundation

/// The final response of a fetch, after redirects. HTTP error statuses are responses, not errors.
public struct FetchResponse: Sendable {
    /// The HTTP status of the final response (304 for not modified).
    public var status: Int
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// The decoded body (empty for a 304).
    public var body: [UInt8]
    /// The response's `ETag`, to store for the next conditional GET.
    public var etag: String?
    /// The response's `Last-Modified`, to store for the next conditional GET.
    public var lastModified: String?
    /// The media type of `Content-Type`, lowercased, without parameters.
    public var contentType: String?
    /// The `charset` parameter of `Content-Type`, as sent (for ``VeilleCore`` 's charset rule).
    public var charset: String?
    /// The raw `Retry-After` value, for 429 and 503 handling.
    public var retryAfter: String?
    /// Redirects followed.
    public var redirects: Int
    /// Wall time of the whole fetch, redirects included, in seconds.
    public var duration: TimeInterval
    /// Body bytes received on the wire over every hop, before decoding.
    public var bytesReceived: Int
    /// Response header bytes received over every hop (with ``bytesReceived``, what went over the wire).
    public var headerBytes: Int = 0
    /// The address the final response came from.
    public var remoteAddress: String?
    /// The body was cut at the request's cap (only with ``FetchRequest/truncate``).
    public var truncated: Bool = false
    /// Tries made, the first included (more than 1 after retries by ``PoliteFetcher``).
    public var tries: Int = 1
    /// What was wrong with the `Retry-After` value, when it was out of range or malformed.
    public var retryAfterProblem: String?
    /// For one hop (``Fetcher/exchange(_:)``): the absolute target of a redirect (301, 302, 303, 307,
    /// 308 with a `Location`), which the caller follows as a request of its own. Nil on a final response.
    public var location: String?
    /// The `Content-Range` of a 206 answer (`bytes 1000-4999/5000`).
    public var contentRange: String?
    /// Why the transfer stopped before its end, when ``FetchRequest/keepPartial`` kept what arrived.
    public var interrupted: String?

    /// Whether the server answered 304 Not Modified to the conditional GET.
    public var notModified: Bool { status == 304 }

    /// Creates a response (tests and callers that replay stored fetches).
    public init(
        status: Int, finalURL: String, body: [UInt8] = [], etag: String? = nil, lastModified: String? = nil,
        contentType: String? = nil, charset: String? = nil, retryAfter: String? = nil, redirects: Int = 0,
        duration: TimeInterval = 0, bytesReceived: Int = 0, remoteAddress: String? = nil
    ) {
        self.status = status
        self.finalURL = finalURL
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.charset = charset
        self.retryAfter = retryAfter
        self.redirects = redirects
        self.duration = duration
        self.bytesReceived = bytesReceived
        self.remoteAddress = remoteAddress
    }
}
