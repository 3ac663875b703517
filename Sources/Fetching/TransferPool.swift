import Foundation

/// A bounded set of threads that run blocking libcurl transfers, off Swift's cooperative pool.
///
/// At most `limit` jobs run at once, each on a thread of its own; the others wait, the one with the
/// highest priority first (the request whose host has the most work queued behind it, so the busiest
/// host never waits on the others), in arrival order among equals. A thread
/// is started when a job arrives and no idle thread can take it (up to `limit` threads), and ends after
/// ``idleTimeout`` without work, so an idle pool soon holds no thread. Each thread keeps one
/// ``TransferWorker`` (its curl handles, and so their open keep-alive connections) while it lives.
final class TransferPool: @unchecked Sendable {
    typealias Job = @Sendable (TransferWorker) -> Void

    /// How long a thread waits for more work before ending (long enough to reuse a keep-alive
    /// connection across a host's politeness gap).
    static let idleTimeout: TimeInterval = 5

    let limit: Int
    private let condition = NSCondition()
    private var queue: [(job: Job, priority: Int)] = []
    private var running = 0
    private var waiting = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `job` on a pool thread, now or when one frees up (before waiting jobs of lower `priority`).
    func submit(priority: Int = 0, _ job: @escaping Job) {
        condition.lock()
        queue.append((job, priority))
        let pending = queue.count
        let spawn = pending > waiting && running < limit
        if spawn { running += 1 }
        if waiting > 0 { condition.signal() }
        condition.unlock()
        if spawn {
            let thread = Thread { [self] in runLoop() }
            thread.name = "veille.fetch"
            thread.start()
        }
    }

    private func runLoop() {
        let worker = TransferWorker()
        while let job = takeNext() {
            job(worker)
        }
    }

    /// The next queued job (the first of the highest priority), waiting up to ``idleTimeout`` for one; nil
    /// after counting this thread out. The queue holds at most one request per host the polite fetcher
    /// lets through at a time, so the scan is short.
    private func takeNext() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            waiting += 1
            let signalled = condition.wait(until: Date().addingTimeInterval(Self.idleTimeout))
            waiting -= 1
            if !signalled, queue.isEmpty {
                running -= 1
                return nil
            }
        }
        var best = 0
        for index in queue.indices.dropFirst() where queue[index].priority > queue[best].priority { best = index }
        return queue.remove(at: best).job
    }
}
