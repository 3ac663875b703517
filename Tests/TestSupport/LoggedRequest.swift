import Foundation

/// One request the test server received, in arrival order.
public struct LoggedRequest: Sendable, Equatable, Decodable {
    /// `GET`, `HEAD`.
    public let method: String
    /// The request target: path and query.
    public let path: String
    /// The `Host` header, port included (`feeds.example:41234`).
    public let host: String
    /// Every request header, names lowercased (`if-none-match`, `user-agent`, `accept-encoding`).
    public let headers: [String: String]
    /// The status the server answered.
    public let status: Int
    /// Requests in flight on the server when this one arrived, itself included.
    public let concurrent: Int
    /// When the server started answering, after any delay or latency (seconds since 1970, server clock).
    public let time: Double
    /// When the request arrived, before any delay or latency (server clock).
    public let arrived: Double
    /// The request's number on this server (1, 2, …), the key of ``TestHTTPServer/finishTimes()``.
    public let id: Int
    /// The client's port: requests with the same port came over one keep-alive connection.
    public let clientPort: Int

    /// The `Host` header without its port.
    public var hostName: String {
        guard let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") else { return host }
        return String(host[..<colon])
    }

    /// Whether the request carried a validator (`If-None-Match` or `If-Modified-Since`).
    public var isConditional: Bool {
        headers["if-none-match"] != nil || headers["if-modified-since"] != nil
    }
}
