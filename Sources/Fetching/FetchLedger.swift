import Foundation

/// What a run's requests did (every request, robots.txt, redirect hops and retries included), and the
/// hosts that asked to be left alone for the rest of the run.
///
/// Time comes from the injected clock (the throttle's), wall-clock dates only from the injected `now`
/// (for HTTP dates in `Retry-After`), so a test drives both.
public actor FetchLedger<C: Clock> where C.Duration == Duration {
    /// Requests made, and what went over the wire.
    public struct Totals: Sendable, Equatable {
        /// Requests that got an answer (each redirect hop and retry counts).
        public var requests = 0
        /// Of which 304 Not Modified.
        public var notModified = 0
        /// Body and header bytes received.
        public var wireBytes = 0
    }

    /// What was counted so far.
    public private(set) var totals = Totals()
    private let clock: C
    private var deferred: [String: (until: C.Instant, retryAfter: String)] = [:]

    /// Creates a ledger measuring deferrals on `clock`.
    public init(clock: C) { self.clock = clock }

    /// Counts one answered request.
    public func count(_ response: FetchResponse) {
        totals.requests += 1
        if response.notModified { totals.notModified += 1 }
        totals.wireBytes += response.bytesReceived + response.headerBytes
    }

    /// Throws ``FetchError/hostDeferred(url:host:status:retryAfter:)`` when the host `request` is sent
    /// to asked to be left alone.
    public func checkDeferred(_ request: FetchRequest) throws {
        let host = HostKey.of(request.url)
        guard let entry = deferred[host], clock.now < entry.until else { return }
        throw FetchError.hostDeferred(url: request.requestedURL, host: host, status: nil, retryAfter: entry.retryAfter)
    }

    /// On a 429 or 503 whose `Retry-After` is longer than a run waits (`maxWait`): remembers the host that
    /// answered and throws ``FetchError/hostDeferred(url:host:status:retryAfter:)``.
    ///
    /// - Parameter now: the wall-clock time, for a `Retry-After` given as an HTTP date.
    public func deferIfAskedTo(_ response: FetchResponse, request: FetchRequest, maxWait: TimeInterval, now: Date)
        throws
    {
        guard response.status == 429 || response.status == 503, let value = response.retryAfter,
            let seconds = RetryAfter.parse(value, now: now).seconds, seconds > maxWait
        else { return }
        let host = HostKey.of(request.url)
        let shown = "\(Int(seconds)) s"
        deferred[host] = (clock.now.advanced(by: .milliseconds(Int64((seconds * 1000).rounded()))), shown)
        throw FetchError.hostDeferred(
            url: request.requestedURL, host: host, status: response.status, retryAfter: shown)
    }
}
