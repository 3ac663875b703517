import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// The one-writer lock: an exclusive `flock` on `<database>.lock`, which the kernel releases when its
/// holder dies (so a run killed with SIGKILL never blocks the next). The holder's PID is written into the
/// file only to name it in the message a second writer prints.
public final class RunLock {
    private let fd: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock for the database at `databasePath`.
    ///
    /// - Throws: ``PipelineError/locked(_:)`` naming the holder when another process has it, or
    ///   ``PipelineError/database(_:)`` when the lock file cannot be opened.
    /// On PostgreSQL (a `postgres://` URL) there is no file to lock: several workers may share one database,
    /// and what must happen once is coordinated in the database itself. The lock is then a no-op.
    public init(databasePath: String) throws {
        guard !PostgresURL.isPostgres(databasePath) else {
            path = ""
            fd = -1
            return
        }
        path = databasePath + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError.database("cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = RunLock.readHolder(fd)
            close(fd)
            throw PipelineError.locked(
                "another veille process\(holder.map { " (pid \($0))" } ?? "") holds the lock \(path)")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, 31, 0)
        guard n > 0 else { return nil }
        let s = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}
