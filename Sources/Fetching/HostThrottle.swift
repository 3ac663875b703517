import Curl

/// The key a host is throttled, paused and deferred by.
public enum HostKey {
    /// A URL's host, lowercased, without port or brackets ("" when unparsable).
    public static func of(_ url: String) -> String {
        CurlURL(url)?.bareHost ?? ""
    }
}

/// Per-host politeness: at most one request at a time to a host, and a minimum gap between the end of
/// one request to it (its last byte received, or its error: when the permit is released) and the start
/// of the next, so the gap holds as the host sees it, however long the response took.
///
/// Every request counts (feeds, pages, robots.txt, Sénat pages, each redirect hop): callers wrap each
/// one in ``withPermit(host:_:)``. A host's gap is the largest `delay` declared for it (sources on one host may
/// differ), else the default. Waiters are served in arrival order. ``pause(host:for:)`` pushes a host's
/// next start out (a `Retry-After`). Time comes from the injected clock, so tests never sleep.
///
/// With a ``SharedHostGate`` (several workers on one database), a request also holds the host in the
/// shared gate: taken after the local permit and gap, released with the host's gap before the local
/// permit is handed on, paused with it. Without one, nothing else changes.
public actor HostThrottle<C: Clock> where C.Duration == Duration {
    private struct HostState {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var nextStart: C.Instant?
        var lastEnd: C.Instant?
        var delay: Duration?
    }

    /// The clock gaps are measured on.
    public nonisolated let clock: C
    /// The gap for a host no source declared a delay for.
    public nonisolated let defaultDelay: Duration
    /// The gate shared with other processes, nil in a single-process run.
    public nonisolated let shared: (any SharedHostGate)?
    /// Added to every gap: the host stamps a response's end when its last write returns, a little after
    /// veille's clock does, and a gap logged a millisecond short of the delay is a gap under the delay.
    public nonisolated let slack: Duration
    /// The slack used on the real clock: scheduling jitter of a loaded server, well under 1% of a 1 s delay.
    public static var realClockSlack: Duration { .milliseconds(5) }
    private var hosts: [String: HostState] = [:]

    /// Creates a throttle.
    ///
    /// - Parameters:
    ///   - clock: `ContinuousClock()` in production, a manual clock in tests.
    ///   - defaultDelay: the gap for hosts no source declared one for (veille's default: 1 s).
    ///   - slack: added to every gap (``realClockSlack`` in production; zero for a manual clock).
    ///   - shared: the gate shared with other workers, if any.
    public init(
        clock: C, defaultDelay: Duration = .seconds(1), slack: Duration = .zero, shared: (any SharedHostGate)? = nil
    ) {
        self.clock = clock
        self.defaultDelay = defaultDelay
        self.slack = slack
        self.shared = shared
    }

    /// The throttling key of a URL: its host, lowercased, without port or brackets ("" when unparsable).
    public nonisolated static func host(of url: String) -> String {
        HostKey.of(url)
    }

    /// Declares a delay for a host; when several are declared, the largest applies. A delay declared after
    /// a request ended (a robots.txt `Crawl-delay`, read from that request) already spaces the next one.
    public func setDelay(_ delay: Duration, for host: String) {
        let current = hosts[host]?.delay ?? .zero
        hosts[host, default: HostState()].delay = max(current, delay)
        if let last = hosts[host]?.lastEnd {
            let spaced = last.advanced(by: max(current, delay) + slack)
            if let next = hosts[host]?.nextStart, spaced <= next { return }
            hosts[host]?.nextStart = spaced
        }
    }

    /// The gap in force for a host.
    public func delay(for host: String) -> Duration {
        hosts[host]?.delay ?? defaultDelay
    }

    /// Requests waiting for a host's permit (for tests and progress).
    public func queued(host: String) -> Int {
        hosts[host]?.waiters.count ?? 0
    }

    /// Keeps a host quiet for `duration` from now (at least), e.g. after a 429 or 503 with `Retry-After`.
    public func pause(host: String, for duration: Duration) async {
        await shared?.pause(host: host, for: duration)
        let until = clock.now.advanced(by: duration)
        if let next = hosts[host]?.nextStart, until < next { return }
        hosts[host, default: HostState()].nextStart = until
    }

    /// Waits for this host's turn and gap, then holds its permit until ``release(host:)``.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting (the permit is not held).
    public func acquire(host: String) async throws {
        if hosts[host]?.busy == true {
            await withCheckedContinuation { hosts[host, default: HostState()].waiters.append($0) }
            // The releasing task handed its permit over: `busy` stayed true.
        } else {
            hosts[host, default: HostState()].busy = true
        }
        do {
            try Task.checkCancellation()
            while let next = hosts[host]?.nextStart, clock.now < next {
                try await clock.sleep(until: next, tolerance: nil)
            }
            try await shared?.acquire(host: host)
        } catch {
            handOver(host: host)
            throw error
        }
    }

    /// Ends the host's request now (the gap to the next one starts here), and gives its permit to the next
    /// waiter, or frees it.
    public func release(host: String) async {
        guard var state = hosts[host] else { return }
        let now = clock.now
        let gap = (state.delay ?? defaultDelay) + slack
        let spaced = now.advanced(by: gap)
        if state.nextStart.map({ $0 < spaced }) ?? true { state.nextStart = spaced }
        state.lastEnd = now
        hosts[host] = state
        await shared?.release(host: host, gap: gap)
        handOver(host: host)
    }

    /// Gives the host's permit to the next waiter, or frees it (no request was made: no gap starts).
    private func handOver(host: String) {
        guard var state = hosts[host] else { return }
        if state.waiters.isEmpty {
            state.busy = false
            hosts[host] = state
        } else {
            let next = state.waiters.removeFirst()
            hosts[host] = state
            next.resume()
        }
    }

    /// Runs `body` holding the host's permit, after its turn and gap.
    public func withPermit<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire(host: host)
        do {
            let result = try await body()
            await release(host: host)
            return result
        } catch {
            await release(host: host)
            throw error
        }
    }
}

extension HostThrottle where C == ContinuousClock {
    /// A throttle on the real clock.
    public init(defaultDelay: Duration = .seconds(1)) {
        self.init(clock: ContinuousClock(), defaultDelay: defaultDelay, slack: Self.realClockSlack)
    }
}
