import Curl
import Foundation

extension Fetcher {
    /// One fetch, redirects included, on a pool thread.
    func run(_ request: FetchRequest, on worker: TransferWorker, cancel: CancelFlag) -> Result<FetchResponse, Error> {
        let started = Date()
        let target = URLEscaping.fetchable(request.url)
        guard let parsed = CurlURL(target) else { return .failure(FetchError.invalidURL(url: request.url)) }
        guard AddressPolicy.fetchableSchemes.contains(parsed.scheme) else {
            return .failure(FetchError.unsupportedScheme(url: request.url))
        }
        let deadline = started.addingTimeInterval(request.timeout)
        let originIsLocal = AddressPolicy.isLocalOrigin(request.origin)
        var spec = HopSpec(
            url: target, headers: headers(for: request), userAgent: userAgent, resolve: resolve,
            connectTimeoutMS: 0, totalTimeoutMS: 0, maxBytes: request.maxBytes,
            truncate: request.truncate, originIsLocal: request.trust == .operatorURL ? nil : originIsLocal)
        var redirects = 0
        var wireBytes = 0
        var headerBytes = 0
        while true {
            if cancel.isCancelled { return .failure(CancellationError()) }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .failure(FetchError.timeout(url: request.url, seconds: request.timeout)) }
            spec.totalTimeoutMS = Int((remaining * 1000).rounded(.up))
            spec.connectTimeoutMS = spec.totalTimeoutMS
            let hop = worker.perform(spec, cancel: cancel)
            wireBytes += hop.wireBytes
            headerBytes += hop.headerBytes
            if let failure = failure(of: hop, request: request, hopURL: spec.url, redirects: redirects) {
                return .failure(failure)
            }
            if Self.redirectStatuses.contains(hop.status), let location = hop.redirectURL {
                let next = URLEscaping.fetchable(location)
                guard redirects < request.maxRedirects else {
                    return .failure(FetchError.tooManyRedirects(url: request.url, limit: request.maxRedirects))
                }
                guard AddressPolicy.isFetchable(next) else {
                    return .failure(
                        FetchError.refused(
                            url: request.url,
                            reason: "redirect to \(next): only http and https are followed"))
                }
                redirects += 1
                spec.url = next
                // Redirect targets are content: checked against the origin, whatever the first hop's trust.
                spec.originIsLocal = originIsLocal
                continue
            }
            let type = hop.headers.contentType
            var response = FetchResponse(
                status: hop.status, finalURL: spec.url, body: hop.body, etag: hop.headers["etag"],
                lastModified: hop.headers["last-modified"], contentType: type?.type, charset: type?.charset,
                retryAfter: hop.headers["retry-after"], redirects: redirects,
                duration: Date().timeIntervalSince(started), bytesReceived: wireBytes, remoteAddress: hop.remoteAddress)
            response.truncated = hop.overCap
            response.headerBytes = headerBytes
            response.contentRange = hop.headers["content-range"]
            if hop.code != .ok { response.interrupted = hop.message ?? hop.code.description }
            return .success(response)
        }
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
    func failure(of hop: HopResult, request: FetchRequest, hopURL: String, redirects: Int) -> Error? {
        let via = redirects > 0 ? "redirect to \(hopURL): " : ""
        if hop.cancelled { return CancellationError() }
        if hop.overCap, request.truncate, hop.status > 0 { return nil }
        if hop.overCap || hop.code == .fileSizeExceeded {
            return FetchError.tooLarge(url: request.url, limit: request.maxBytes)
        }
        if hop.code == .ok { return nil }
        if request.keepPartial, (200..<300).contains(hop.status), !hop.body.isEmpty, Self.cutShort.contains(hop.code) {
            return nil // kept: the caller resumes from what arrived
        }
        if let refusal = hop.refusal, hop.code == .couldntConnect {
            return FetchError.refused(url: request.url, reason: via + refusal)
        }
        if hop.code == .operationTimedOut {
            return FetchError.timeout(url: request.url, seconds: request.timeout)
        }
        if hop.code == .unsupportedProtocol {
            return redirects > 0
                ? FetchError.refused(url: request.url, reason: via + "only http and https are followed")
                : FetchError.unsupportedScheme(url: request.url)
        }
        return FetchError.network(url: request.url, message: via + (hop.message ?? hop.code.description))
    }
}
