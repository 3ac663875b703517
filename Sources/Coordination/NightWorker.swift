import Foundation
import Logging

/// One worker's part of a night: claim small batches from the shared list, crawl them (several at once),
/// renew the leases while crawling, mark each source finished; when nothing is left to claim, wait for
/// the other workers' leases to end, and take over the sources of any whose lease expired.
///
/// On a database lost for longer than the retry budget the worker stops: no new claims, its crawls
/// cancelled, its leases given back as soon as the database answers again (else they expire), and
/// ``CoordinationError/connection(_:)`` thrown.
public struct NightWorker: Sendable {
    /// What the worker did.
    public struct Report: Sendable, Equatable {
        /// Sources this worker finished (the outcome the crawl returned).
        public var finished: [String: String] = [:]
        /// Sources whose lease this worker lost while crawling them (another took over).
        public var lost: [String] = []
        /// Sources taken over from an expired lease (claimed for the second time or more).
        public var takenOver: [String] = []
    }

    /// The crawl of one source: returns a one-line outcome (`ok`, `failed: …`); cancelled when its
    /// lease is lost. Throwing ``LeaseLost`` leaves the source to the worker that holds it now; throwing
    /// anything else (the database lost by the crawl itself, say) stops the worker as a lost connection
    /// does: the source is not finished, its lease is given back.
    public typealias Crawl = @Sendable (String) async throws -> String

    /// The lease book.
    public let leases: SourceLeases
    /// Sources crawled at once.
    public let concurrency: Int
    /// Sources claimed per statement (at most the free crawl slots).
    public let batch: Int
    let logger: Logger

    /// Creates a worker.
    public init(leases: SourceLeases, concurrency: Int = 8, batch: Int = 4, logger: Logger = Logger(label: "veille")) {
        self.leases = leases
        self.concurrency = max(1, concurrency)
        self.batch = max(1, batch)
        self.logger = logger
    }

    /// Works on `night` until every source is finished or abandoned.
    ///
    /// - Throws: ``CoordinationError`` when the database stays unreachable; `CancellationError`.
    public func run(night: String, crawl: @escaping Crawl) async throws -> Report {
        let held = HeldLeases()
        let renewal = Task { [leases, logger] in
            let every = leases.lease / 3
            while !Task.isCancelled {
                try? await Task.sleep(for: every)
                let sources = await held.sources
                do {
                    let lost = try await leases.renew(night: night, sources: sources)
                    for source in lost { await held.lose(source) }
                } catch {
                    logger.warning("renewing leases: \(error)")
                }
            }
        }
        defer { renewal.cancel() }
        do {
            return try await work(night: night, held: held, crawl: crawl)
        } catch {
            renewal.cancel()
            await held.cancelAll()
            await release(night: night)
            throw error
        }
    }

    private func work(night: String, held: HeldLeases, crawl: @escaping Crawl) async throws -> Report {
        try await withThrowingTaskGroup(of: (String, String?).self) { group in
            var report = Report()
            var running = 0
            while true {
                try Task.checkCancellation()
                let free = concurrency - running
                let claims = free > 0 ? try await leases.claim(night: night, limit: min(free, batch)) : []
                for claim in claims {
                    if claim.claims > 1 { report.takenOver.append(claim.sourceID) }
                    let task = Task { try await crawl(claim.sourceID) }
                    await held.add(claim.sourceID, task: task)
                    running += 1
                    group.addTask { [leases, logger] in
                        let result = await task.result
                        guard await held.remove(claim.sourceID) else { return (claim.sourceID, nil) }
                        let outcome: String
                        do { outcome = try result.get() } catch let lost as LeaseLost {
                            logger.warning("\(lost)")
                            return (claim.sourceID, nil)
                        }
                        guard try await leases.finish(night: night, source: claim.sourceID, outcome: outcome) else {
                            return (claim.sourceID, nil)
                        }
                        return (claim.sourceID, outcome)
                    }
                }
                if !claims.isEmpty && running < concurrency { continue }
                if running > 0 {
                    if let (source, outcome) = try await group.next() {
                        running -= 1
                        if let outcome { report.finished[source] = outcome } else { report.lost.append(source) }
                    }
                    continue
                }
                // Nothing to claim, nothing running: done unless other workers still hold leases, which
                // may expire (a killed worker) and come back to the list.
                let progress = try await leases.progress(night: night)
                guard progress.waiting > 0 || progress.leased > 0 else { return report }
                if progress.waiting == 0, let next = progress.nextExpiry {
                    try await Task.sleep(for: .milliseconds(Int64(min(max(next, 0.05), 5) * 1000)))
                } else {
                    try await Task.sleep(for: .milliseconds(20)) // rows another claim is taking right now
                }
            }
        }
    }

    /// Cancels the crawls still running and gives their leases back (trying for up to one lease).
    private func release(night: String) async {
        let deadline = ContinuousClock.now.advanced(by: leases.lease)
        while ContinuousClock.now < deadline {
            do {
                let count = try await leases.releaseAll(night: night)
                logger.notice("released \(count) leases of night \(night)")
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}

/// The leases a worker holds and the crawl of each, for renewal and for stopping a crawl whose lease
/// was lost.
actor HeldLeases {
    private var tasks: [String: Task<String, any Error>] = [:]

    var sources: [String] { Array(tasks.keys) }

    func add(_ source: String, task: Task<String, any Error>) { tasks[source] = task }

    /// Forgets a finished crawl; false when its lease had been lost meanwhile.
    func remove(_ source: String) -> Bool { tasks.removeValue(forKey: source) != nil }

    /// Cancels every crawl (the worker stops).
    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    /// The lease on `source` is gone: its crawl is cancelled and it will not be marked finished.
    func lose(_ source: String) {
        tasks.removeValue(forKey: source)?.cancel()
    }
}
