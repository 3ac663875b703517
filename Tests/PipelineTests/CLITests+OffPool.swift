import Foundation
import VeilleCore

extension CLITests {
    /// ``run(_:stdin:env:)`` on a thread of its own: a test waiting on a `veille` process holds none of the
    /// few cooperative threads, which the manual-clock tests running beside it need.
    static func runOffPool(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) async throws
        -> Result
    {
        try await BlockingWork.run { try run(args, stdin: stdin, env: env) }
    }

    /// ``exec(_:_:stdin:env:cwd:)`` on a thread of its own.
    static func execOffPool(
        _ executable: String, _ args: [String], env: [String: String] = [:], cwd: URL? = nil
    ) async throws -> Result {
        try await BlockingWork.run { try exec(executable, args, env: env, cwd: cwd) }
    }
}
