import NIOPosix
import Storage

/// The threads that build the pages: their SQLite reads block, and Swift's cooperative pool has only as many
/// threads as the machine has cores (2 here). A page read there would hold one of them for its whole read;
/// two slow pages (or a cold disk) would stall every other connection, a cached dashboard included. Here the
/// reads wait on threads of their own while the cooperative threads keep serving the connections.
struct PageThreads: Sendable {
    /// As many threads as the archive opens readers (reason: a thread without a reader would only queue).
    static let count = ArchiveReader.readers

    private let pool: NIOThreadPool

    /// Starts the threads; they live as long as the server.
    init(threads: Int = Self.count) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `body` on one of the threads and returns its result (or rethrows its error).
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
