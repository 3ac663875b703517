import Foundation

/// Per-host politeness read off a test server's log: the most requests in flight to one host name at
/// once, and the smallest gap between the end of one answer and the arrival of the next to that host.
public struct HostPoliteness: Sendable {
    /// The most requests in flight to one host at once.
    public var maxInFlight = 0
    /// The smallest gap (seconds) between the end of an answer and the next request's arrival, per host.
    public var minGap = Double.infinity
    /// Requests per host name.
    public var perHost: [String: Int] = [:]

    /// Reads the log (``TestHTTPServer/requests()`` and ``TestHTTPServer/finishTimes()``).
    public init(requests: [LoggedRequest], finishes: [Int: Double]) {
        for (host, list) in Dictionary(grouping: requests, by: \.hostName) {
            perHost[host] = list.count
            let spans = list.map { ($0.arrived, finishes[$0.id] ?? $0.time) }.sorted { $0.0 < $1.0 }
            var events = spans.flatMap { [($0.0, 1), ($0.1, -1)] }
            events.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            var inFlight = 0
            for event in events {
                inFlight += event.1
                maxInFlight = max(maxInFlight, inFlight)
            }
            var lastEnd = -Double.infinity
            for span in spans {
                if lastEnd > -Double.infinity { minGap = min(minGap, span.0 - lastEnd) }
                lastEnd = max(lastEnd, span.1)
            }
            maxInFlight = max(maxInFlight, 1)
        }
    }
}
