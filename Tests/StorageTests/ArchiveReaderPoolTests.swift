import Foundation
import Testing

@testable import Storage

/// The workbench's reader on PostgreSQL answers several pages at once (as SQLite's pool of readers does):
/// concurrent reads each hold a connection of their own, up to ``ArchiveReader/readers``.
@Suite struct ArchiveReaderPoolTests {
    /// `count` reads of `sql`'s first value started together, each on a thread of its own (the reader's
    /// calls block their thread, as the workbench's page threads do).
    static func together(_ reader: ArchiveReader, _ count: Int, _ sql: String) async throws -> [Int64] {
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread {
                            continuation.resume(
                                with: Result { try reader.snapshot { s in try s.value(sql, as: Int64.self) ?? 0 } })
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func concurrentReadsUseConnectionsOfTheirOwn() async throws {
        let url = try TestBackend.postgres.makeLocation("readers")
        _ = try Store(path: url) // migrated, as a writer command leaves it
        let reader = try ArchiveReader(path: url)
        // Four reads that each last a second, started together: each on its own server process.
        let pids = Set(try await Self.together(reader, 4, "SELECT pg_backend_pid()::int8 FROM pg_sleep(1)"))
        #expect(pids.count == 4, "reads queued on \(pids.count) connection(s)")
        // Past the limit, reads wait for a free connection instead of failing.
        let many = try await Self.together(reader, ArchiveReader.readers * 2, "SELECT 1 FROM pg_sleep(0.2)")
        #expect(many.count == ArchiveReader.readers * 2 && many.allSatisfy { $0 == 1 })
    }
}
