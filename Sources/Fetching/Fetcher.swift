import Curl
import Foundation
import Logging

/// Fetches URLs over libcurl: conditional GET, decoding, timeouts, size cap, checked redirects and the
/// address policy; at most `maxConcurrent` transfers in flight, none on the cooperative thread pool.
///
/// HTTP error statuses (404, 500, 503…) are returned as responses; only failures to get a response
/// throw. Cancelling the calling task stops the transfer at its next progress callback.
public final class Fetcher: Sendable {
    /// The User-Agent sent with every request.
    public let userAgent: String
    /// Transfers in flight at most.
    public let maxConcurrent: Int
    /// `CURLOPT_RESOLVE` entries (`host:port:address`), for tests.
    public let resolve: [String]
    let pool: TransferPool
    let logger: Logger

    /// Redirect statuses that are followed (when they carry a Location).
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Creates a fetcher.
    ///
    /// - Parameters:
    ///   - userAgent: see ``userAgent(version:contact:)``.
    ///   - maxConcurrent: transfers in flight at most (the foundation's default is 8).
    ///   - resolve: `host:port:address` entries that override DNS, e.g. `feeds.example:8080:127.0.0.1`.
    ///   - logger: where each fetch's outcome is logged at debug level.
    public init(
        userAgent: String, maxConcurrent: Int = 8, resolve: [String] = [],
        logger: Logger = Logger(label: "veille.fetch")
    ) {
        self.userAgent = userAgent
        self.maxConcurrent = max(1, maxConcurrent)
        self.resolve = resolve
        self.pool = TransferPool(limit: maxConcurrent)
        self.logger = logger
    }

    /// The User-Agent: `veille/<version> (+<contact>)`, or `veille/<version>` without a contact.
    public static func userAgent(version: String, contact: String?) -> String {
        guard let contact, !contact.isEmpty else { return "veille/\(version)" }
        return "veille/\(version) (+\(contact))"
    }

    /// Fetches one URL, following up to `request.maxRedirects` redirects, each hop checked (see
    /// ``Redirects/follow(_:exchange:)``). Nothing spaces the hops: a caller that must be polite sends
    /// each one through its own gate with ``exchange(_:)``, as ``PoliteFetcher`` does.
    ///
    /// - Returns: the final response, whatever its status.
    /// - Throws: ``FetchError`` when no response could be had; `CancellationError` when the task was
    ///   cancelled.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        try await Redirects.follow(request) { try await self.exchange($0) }
    }

    /// Sends one request to `request.url` and returns what answered, without following a redirect: a
    /// 3xx with a `Location` comes back with ``FetchResponse/location`` set. The address policy applies
    /// as `request.trust` says; errors name ``FetchRequest/requestedURL``.
    public func exchange(_ request: FetchRequest) async throws -> FetchResponse {
        let cancel = CancelFlag()
        let result: Result<FetchResponse, Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pool.submit(priority: request.backlog) { [self] worker in
                    continuation.resume(returning: run(request, on: worker, cancel: cancel))
                }
            }
        } onCancel: {
            cancel.cancel()
        }
        switch result {
        case .success(let response):
            logger.debug(
                "fetched",
                metadata: [
                    "fetch.url": "\(request.url)", "fetch.status": "\(response.status)",
                    "fetch.bytes": "\(response.body.count)", "fetch.purpose": "\(request.purpose.rawValue)",
                ])
        case .failure(let error):
            logger.debug("fetch failed", metadata: ["fetch.url": "\(request.url)", "fetch.error": "\(error)"])
        }
        return try result.get()
    }
}
