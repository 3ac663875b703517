import Foundation

/// A flag set by a task's cancellation handler and read by the transfer thread.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Marks the fetch as cancelled; the transfer stops at its next progress or data callback.
    func cancel() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
