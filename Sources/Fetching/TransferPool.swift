import Foundation

/// A bounded set of threads that run blocking libcurl transfers, off Swift's cooperative pool.
///
/// At most `limit` jobs run at once, each on a thread of its own; the others wait in order. A thread
/// is started when a job arrives and fewer than `limit` run, and ends when the queue is empty, so an
/// idle pool holds no thread. Each thread keeps one ``TransferWorker`` (its curl handles) for the jobs
/// it runs back to back.
final class TransferPool: @unchecked Sendable {
    typealias Job = @Sendable (TransferWorker) -> Void

    let limit: Int
    private let lock = NSLock()
    private var queue: [Job] = []
    private var head = 0
    private var running = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `job` on a pool thread, now or when one frees up.
    func submit(_ job: @escaping Job) {
        lock.lock()
        if running < limit {
            running += 1
            lock.unlock()
            let thread = Thread { [self] in runLoop(first: job) }
            thread.name = "veille.fetch"
            thread.start()
        } else {
            queue.append(job)
            lock.unlock()
        }
    }

    private func runLoop(first: Job) {
        let worker = TransferWorker()
        var job = first
        while true {
            job(worker)
            guard let next = takeNext() else { return }
            job = next
        }
    }

    /// The next queued job, or nil after counting this thread out.
    private func takeNext() -> Job? {
        lock.lock(); defer { lock.unlock() }
        guard head < queue.count else {
            queue.removeAll(keepingCapacity: true)
            head = 0
            running -= 1
            return nil
        }
        let job = queue[head]
        head += 1
        if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}
