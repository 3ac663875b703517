import Foundation

/// What the test server answers on one path, instead of (or on top of) serving the file there.
///
/// Routes are keyed by path (`/feed.xml`, or with its query `/p?id=1`), optionally prefixed by a host
/// name to apply only to requests for that name (`feeds.example/feed.xml`, matched against the `Host`
/// header without its port). The most specific key wins: host + path with query, host + path, path
/// with query, path.
public enum TestRoute: Sendable, Equatable {
    /// A fixed response: status, headers, body (a 500, a 404, a 429 or 503 with `Retry-After`…).
    case status(Int, headers: [String: String] = [:], body: String = "")
    /// The file at this path as a download server does it: `ETag`, `Last-Modified`, 304 on a match, no
    /// compression, and `Range: bytes=N-` answered 206 (with `If-Range` checked) when `ranges`; the first
    /// `cuts` answers stop after `cutAfter` body bytes and close the connection (the length announced).
    case download(ranges: Bool = true, cutAfter: Int = 0, cuts: Int = 0)
    /// A redirect to `location` (absolute, or relative to the request) with a 3xx status.
    case redirect(to: String, status: Int = 302)
    /// A body of `bytes` bytes announced with Content-Length, sent one byte every `interval` seconds.
    case drip(bytes: Int, interval: Double)
    /// A body of `bytes` bytes of filler, streamed with Content-Length (memory stays flat on both sides).
    case huge(bytes: Int)
    /// Like ``huge(bytes:)`` but without Content-Length: the body ends when the server closes the
    /// connection, so only a cap on received bytes can stop it early.
    case stream(bytes: Int)
    /// `Content-Encoding: gzip` that decodes to `decodedBytes` zero bytes, compressed on the fly and
    /// sent until the connection closes (about 1 KB on the wire per MB decoded).
    case gzipBomb(decodedBytes: Int)
    /// The file at this path, with options: a delay before answering, a content type, extra headers,
    /// whether ETag / Last-Modified are sent and whether gzip or deflate is applied when asked.
    case file(
        delay: Double = 0, contentType: String? = nil, headers: [String: String] = [:],
        etag: Bool = true, lastModified: Bool = true, compress: Bool = true)

    /// A file served after a delay (a slow server).
    public static func delayed(_ seconds: Double) -> TestRoute { .file(delay: seconds) }

    /// The JSON object the server script reads.
    var json: [String: Any] {
        switch self {
        case .status(let status, let headers, let body):
            return ["kind": "fixed", "status": status, "headers": headers, "body": body]
        case .download(let ranges, let cutAfter, let cuts):
            return ["kind": "download", "ranges": ranges, "cutAfter": cutAfter, "cuts": cuts]
        case .redirect(let location, let status):
            return ["kind": "redirect", "location": location, "status": status]
        case .drip(let bytes, let interval):
            return ["kind": "drip", "bytes": bytes, "interval": interval]
        case .huge(let bytes):
            return ["kind": "huge", "bytes": bytes]
        case .stream(let bytes):
            return ["kind": "huge", "bytes": bytes, "stream": true]
        case .gzipBomb(let bytes):
            return ["kind": "gzip-bomb", "bytes": bytes]
        case .file(let delay, let contentType, let headers, let etag, let lastModified, let compress):
            var object: [String: Any] = [
                "kind": "file", "delay": delay, "headers": headers, "etag": etag,
                "lastModified": lastModified, "compress": compress,
            ]
            if let contentType { object["contentType"] = contentType }
            return object
        }
    }
}
