import Foundation

/// Blocking work (an SMTP conversation, a batch of file writes) run on a thread of its own, so that it
/// never holds one of Swift's few cooperative threads while it waits on the network or the disk.
public enum BlockingWork {
    /// Runs `body` on a new thread and returns its result (or rethrows its error).
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "veille.blocking"
            thread.start()
        }
    }
}
