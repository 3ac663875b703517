import Foundation
import Logging
import PostgresNIO

/// The digest is sent by one worker at a time: a session advisory lock on one pooled connection, held
/// while `body` runs. A worker that finds it held waits, then sends what the outbox still holds (the
/// first worker marked what it sent), so each delta reaches each recipient once whatever the number of
/// workers. A worker killed while sending loses the lock with its connection.
public enum DigestLock {
    /// The advisory-lock key (`'veille.digest'` as a number).
    public static let key: Int64 = 0x7665_696C_6C65_0002

    /// Runs `body` holding the digest lock; waits for it when another worker holds it.
    public static func withLock<T: Sendable>(
        _ database: CoordinationDatabase, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let logger = database.logger
        do {
            return try await database.client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
                do {
                    let result = try await body()
                    try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                    throw error
                }
            }
        } catch let error as PSQLError {
            throw CoordinationError.connection("digest lock: \(CoordinationDatabase.describe(error))")
        }
    }
}
