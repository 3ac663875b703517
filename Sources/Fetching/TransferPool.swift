import Foundation

/// A bounded set of threads that run blocking libcurl transfers, off Swift's cooperative pool.
///
/// At most `limit` jobs run at once, each on a thread of its own; the others wait in order. A thread
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
    private var queue: [Job] = []
    private var head = 0
    private var running = 0
    private var waiting = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `job` on a pool thread, now or when one frees up.
    func submit(_ job: @escaping Job) {
        condition.lock()
        queue.append(job)
        let pending = queue.count - head
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

    /// The next queued job, waiting up to ``idleTimeout`` for one; nil after counting this thread out.
    private func takeNext() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head >= queue.count {
            waiting += 1
            let signalled = condition.wait(until: Date().addingTimeInterval(Self.idleTimeout))
            waiting -= 1
            if !signalled, head >= queue.count {
                running -= 1
                queue.removeAll(keepingCapacity: true)
                head = 0
                return nil
            }
        }
        let job = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}
