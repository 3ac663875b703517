import Foundation
import Testing

@testable import Storage

/// The workbench's reader on PostgreSQL answers several pages at once (as SQLite's pool of readers does):
/// concurrent reads each hold a connection of their own, up to ``ArchiveReader/readers``.
@Suite struct ArchiveReaderPoolTests {
    @Test func concurrentReadsUseConnectionsOfTheirOwn() async throws {
        let url = try TestBackend.postgres.makeLocation("readers")
        _ = try Store(path: url) // migrated, as a writer command leaves it
        let reader = try ArchiveReader(path: url)
        // Four reads that each last a second, started together on threads of their own: each on its own
        // server process.
        let pids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread {
                            continuation.resume(
                                with: Result {
                                    try reader.snapshot { s in
                                        try s.value("SELECT pg_backend_pid()::int8 FROM pg_sleep(1)", as: Int64.self)
                                            ?? 0
                                    }
                                })
                        }
                    }
                }
            }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(pids.count == 4, "reads queued on \(pids.count) connection(s)")
        // Past the limit, reads wait for a free connection instead of failing.
        let many = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<(ArchiveReader.readers * 2) {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread {
                            continuation.resume(
                                with: Result {
                                    try reader.snapshot { s in
                                        try s.value("SELECT 1 FROM pg_sleep(0.2)", as: Int.self) ?? 0
                                    }
                                })
                        }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(many == ArchiveReader.readers * 2)
    }
}
