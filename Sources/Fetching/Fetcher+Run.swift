import Curl
import Foundation

extension Fetcher {
    /// One hop of a fetch, on a pool thread: the request goes to `request.url` and whatever answers is
    /// returned, a redirect included (with ``FetchResponse/location``). Errors name the URL the fetch was
    /// asked for (``FetchRequest/requestedURL``), and say which redirect target failed.
    func run(_ request: FetchRequest, on worker: TransferWorker, cancel: CancelFlag) -> Result<FetchResponse, Error> {
        let started = Date()
        let target = URLEscaping.fetchable(request.url)
        let requested = request.requestedURL
        guard let parsed = CurlURL(target) else {
            return .failure(request.redirects > 0 ? refusedScheme(request) : FetchError.invalidURL(url: requested))
        }
        guard AddressPolicy.fetchableSchemes.contains(parsed.scheme) else {
            return .failure(
                request.redirects > 0 ? refusedScheme(request) : FetchError.unsupportedScheme(url: requested))
        }
        let remaining = request.timeout - request.spent
        guard remaining > 0 else { return .failure(FetchError.timeout(url: requested, seconds: request.timeout)) }
        if cancel.isCancelled { return .failure(CancellationError()) }
        let milliseconds = Int((remaining * 1000).rounded(.up))
        let spec = HopSpec(
            url: target, headers: headers(for: request), userAgent: userAgent, resolve: resolve,
            connectTimeoutMS: milliseconds, totalTimeoutMS: milliseconds, maxBytes: request.maxBytes,
            truncate: request.truncate,
            originIsLocal: request.trust == .operatorURL ? nil : AddressPolicy.isLocalOrigin(request.origin))
        let hop = worker.perform(spec, cancel: cancel)
        if let failure = failure(of: hop, request: request, hopURL: target) { return .failure(failure) }
        let type = hop.headers.contentType
        var response = FetchResponse(
            status: hop.status, finalURL: target, body: hop.body, etag: hop.headers["etag"],
            lastModified: hop.headers["last-modified"], contentType: type?.type, charset: type?.charset,
            retryAfter: hop.headers["retry-after"], redirects: request.redirects,
            duration: Date().timeIntervalSince(started), bytesReceived: hop.wireBytes,
            remoteAddress: hop.remoteAddress)
        response.truncated = hop.overCap
        response.headerBytes = hop.headerBytes
        response.contentRange = hop.headers["content-range"]
        if hop.code != .ok { response.interrupted = hop.message ?? hop.code.description }
        if Self.redirectStatuses.contains(hop.status), let location = hop.redirectURL {
            response.location = URLEscaping.fetchable(location)
        }
        return .success(response)
    }

    /// A redirect to something other than http or https.
    private func refusedScheme(_ request: FetchRequest) -> FetchError {
        FetchError.refused(
            url: request.requestedURL, reason: "redirect to \(request.url): only http and https are followed")
    }

    /// Transfer errors after which the bytes received are a usable prefix (``FetchRequest/keepPartial``).
    static let cutShort: Set<CurlCode> = [.partialFile, .recvError, .operationTimedOut, .gotNothing]

    /// The request headers: validators and Accept.
    func headers(for request: FetchRequest) -> [String] {
        var headers: [String] = []
        if let etag = request.etag, !etag.isEmpty { headers.append("If-None-Match: \(etag)") }
        if let date = request.lastModified, !date.isEmpty { headers.append("If-Modified-Since: \(date)") }
        if let accept = request.accept, !accept.isEmpty { headers.append("Accept: \(accept)") }
        headers += request.resumeHeaders
        // A validator or Accept value with a line break must not smuggle a header in.
        return headers.map { String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })) }
    }

    /// The error a failed hop becomes, or nil when it produced a response.
    func failure(of hop: HopResult, request: FetchRequest, hopURL: String) -> Error? {
        let url = request.requestedURL
        let via = request.redirects > 0 ? "redirect to \(hopURL): " : ""
        if hop.cancelled { return CancellationError() }
        if hop.overCap, request.truncate, hop.status > 0 { return nil }
        if hop.overCap || hop.code == .fileSizeExceeded {
            return FetchError.tooLarge(url: url, limit: request.maxBytes)
        }
        if hop.code == .ok { return nil }
        if request.keepPartial, (200..<300).contains(hop.status), !hop.body.isEmpty, Self.cutShort.contains(hop.code) {
            return nil // kept: the caller resumes from what arrived
        }
        if let refusal = hop.refusal, hop.code == .couldntConnect {
            return FetchError.refused(url: url, reason: via + refusal)
        }
        if hop.code == .operationTimedOut {
            return FetchError.timeout(url: url, seconds: request.timeout)
        }
        if hop.code == .unsupportedProtocol {
            return request.redirects > 0
                ? FetchError.refused(url: url, reason: via + "only http and https are followed")
                : FetchError.unsupportedScheme(url: url)
        }
        return FetchError.network(url: url, message: via + (hop.message ?? hop.code.description))
    }
}

/// Following a fetch's redirects, one hop at a time, each hop a request of its own.
public enum Redirects {
    /// One hop: sends the request (to `request.url`) and returns whatever answered.
    public typealias Exchange = @Sendable (FetchRequest) async throws -> FetchResponse

    /// Fetches `request`, following up to `request.maxRedirects` redirects through `exchange`: each target
    /// must be http or https, and is sent as content of the request's origin (the address policy applies).
    ///
    /// - Returns: the final response, with ``FetchResponse/finalURL``, the redirects followed, and the
    ///   bytes and time of every hop.
    /// - Throws: what `exchange` throws; ``FetchError/tooManyRedirects(url:limit:)``; a refusal for a
    ///   target that is not http or https.
    public static func follow(_ request: FetchRequest, exchange: Exchange) async throws -> FetchResponse {
        var hop = request
        var wireBytes = 0
        var headerBytes = 0
        var spent: TimeInterval = 0
        while true {
            var response = try await exchange(hop)
            wireBytes += response.bytesReceived
            headerBytes += response.headerBytes
            spent += response.duration
            guard let next = response.location else {
                response.bytesReceived = wireBytes
                response.headerBytes = headerBytes
                response.duration = spent
                response.redirects = hop.redirects
                return response
            }
            guard hop.redirects < request.maxRedirects else {
                throw FetchError.tooManyRedirects(url: request.url, limit: request.maxRedirects)
            }
            guard AddressPolicy.isFetchable(next) else {
                throw FetchError.refused(
                    url: request.url, reason: "redirect to \(next): only http and https are followed")
            }
            hop = hop.hop(to: next, spent: spent)
        }
    }
}
