import Curl
import Foundation

/// What one HTTP exchange (one hop of a fetch) asks of libcurl.
struct HopSpec {
    var url: String
    var headers: [String]
    var userAgent: String
    var resolve: [String]
    var connectTimeoutMS: Int
    var totalTimeoutMS: Int
    var maxBytes: Int
    /// Keep the first `maxBytes` bytes and stop, instead of failing.
    var truncate = false
    /// nil: operator trust, no address check; else whether the origin is local (``AddressPolicy``).
    var originIsLocal: Bool?
}

/// What one hop produced, success or not.
struct HopResult {
    var code: CurlCode = .ok
    var message: String?
    var status = 0
    var headers = ResponseHeaders()
    var body: [UInt8] = []
    var redirectURL: String?
    var remoteAddress: String?
    var wireBytes = 0
    var headerBytes = 0
    /// Why the address policy refused a connection (the transfer fails only if every address was refused).
    var refusal: String?
    var overCap = false
    var cancelled = false
}

/// The curl handles of one pool thread, and the code that runs one hop on them.
///
/// Handles are kept per trust class, so a connection opened for one class is never reused by another:
/// a keep-alive connection that an operator URL opened to a private address cannot carry a request
/// that content led to (libcurl skips the opensocket check on a reused connection).
final class TransferWorker {
    private enum ConnectionClass: Hashable { case operatorTrust, fromLocalOrigin, fromRemoteOrigin }

    private var handles: [ConnectionClass: CurlEasy] = [:]

    /// Runs one exchange, blocking this thread.
    func perform(_ spec: HopSpec, cancel: CancelFlag) -> HopResult {
        var result = HopResult()
        let key: ConnectionClass =
            switch spec.originIsLocal {
            case nil: .operatorTrust
            case true?: .fromLocalOrigin
            case false?: .fromRemoteOrigin
            }
        let easy: CurlEasy
        do {
            if let cached = handles[key] {
                easy = cached
                easy.reset()
            } else {
                easy = try CurlEasy()
                handles[key] = easy
            }
            try configure(easy, spec)
        } catch {
            result.code = error.code
            result.message = "libcurl: \(error.message)"
            return result
        }
        let limit = spec.maxBytes
        easy.onData = { chunk in
            if cancel.isCancelled {
                result.cancelled = true
                return false
            }
            if result.body.count + chunk.count > limit {
                if spec.truncate { result.body.append(contentsOf: chunk.prefix(limit - result.body.count)) }
                result.overCap = true
                return false
            }
            result.body.append(contentsOf: chunk)
            return true
        }
        easy.onHeader = { line in result.headers.add(line: line) }
        easy.onProgress = {
            if cancel.isCancelled {
                result.cancelled = true
                return false
            }
            return true
        }
        easy.onOpenSocket = { address in
            guard let originIsLocal = spec.originIsLocal else { return true }
            guard let ip = IPAddress(bytes: address.bytes) else {
                result.refusal = "not an IP address"
                return false
            }
            switch AddressPolicy.verdict(for: ip, originIsLocal: originIsLocal) {
            case .allowed: return true
            case .refused(let reason):
                result.refusal = reason
                return false
            }
        }
        let code = easy.perform()
        easy.onData = nil
        easy.onHeader = nil
        easy.onProgress = nil
        easy.onOpenSocket = nil
        result.code = code
        result.message = easy.errorMessage
        result.status = easy.responseCode
        result.redirectURL = easy.redirectURL
        result.remoteAddress = easy.primaryIP
        result.wireBytes = easy.downloadedBytes
        result.headerBytes = easy.headerBytes
        return result
    }

    private func configure(_ easy: CurlEasy, _ spec: HopSpec) throws(CurlError) {
        try easy.set(.url, spec.url)
        try easy.set(.noSignal, true)
        try easy.set(.httpGet, true)
        try easy.set(.protocolsString, "http,https")
        try easy.set(.redirectProtocolsString, "http,https")
        try easy.set(.followLocation, false)
        // Every encoding libcurl can decode; the write callback sees decoded bytes, so the cap holds.
        try easy.set(.acceptEncoding, "")
        // No proxy, not even from the environment: the address policy checks the host itself.
        try easy.set(.proxy, "")
        try easy.set(.userAgent, spec.userAgent)
        try easy.set(.connectTimeoutMS, max(1, spec.connectTimeoutMS))
        try easy.set(.timeoutMS, max(1, spec.totalTimeoutMS))
        if !spec.truncate { try easy.set(.maxFileSize, spec.maxBytes) }
        if !spec.headers.isEmpty { try easy.set(.httpHeader, spec.headers) }
        if !spec.resolve.isEmpty { try easy.set(.resolve, spec.resolve) }
    }
}
