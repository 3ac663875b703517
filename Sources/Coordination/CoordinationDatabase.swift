import Foundation
import Logging
import PostgresNIO
import Synchronization

/// One process's connection pool to the shared PostgreSQL database, with the coordination tables
/// migrated, and the retry rule every coordination statement follows.
///
/// A statement that fails because the connection was lost (the server restarted, a backend was
/// terminated, a login refused for a while) is tried again with a growing pause for up to
/// ``retryBudget``; past that, or on any other error, it throws ``CoordinationError``.
public final class CoordinationDatabase: Sendable {
    /// Where the database is.
    public let location: PostgresLocation
    /// The pool (running while the database is open).
    public let client: PostgresClient
    /// How long a statement is retried over lost connections before giving up.
    public let retryBudget: Duration
    let logger: Logger
    private let runner: Task<Void, Never>

    private init(location: PostgresLocation, client: PostgresClient, retryBudget: Duration, logger: Logger) {
        self.location = location
        self.client = client
        self.retryBudget = retryBudget
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    /// Connects (one `SELECT 1` within `connectTimeout`) and applies the coordination migrations.
    ///
    /// - Throws: ``CoordinationError/connection(_:)`` with the server's reason (unreachable, wrong
    ///   password, no such database).
    public static func open(
        _ location: PostgresLocation, retryBudget: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "veille.coordination")
    ) async throws -> CoordinationDatabase {
        let database = CoordinationDatabase(
            location: location, client: PostgresClient(configuration: location.configuration()),
            retryBudget: retryBudget, logger: logger)
        do {
            // One connection of its own first: the pool retries a refused login quietly.
            try await withTimeout(connectTimeout) {
                let connection = try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(), id: 0, logger: logger)
                try await connection.close()
            }
            try await withTimeout(connectTimeout) {
                try await database.client.query("SELECT 1", logger: logger)
            }
        } catch {
            database.close()
            throw CoordinationError.connection("\(location): \(describe(error))")
        }
        do {
            try await CoordinationSchema.migrate(database.client, logger: logger)
        } catch {
            database.close()
            throw CoordinationError.query("migrating the coordination tables: \(describe(error))")
        }
        return database
    }

    /// Closes the pool (its connections end; session advisory locks held by them are released).
    public func close() {
        runner.cancel()
    }

    /// How long one coordination statement may run on its connection before the connection counts as lost
    /// (coordination statements take milliseconds; opening a night of 100,000 sources about a second). A
    /// statement on a connection that died without the client noticing would otherwise wait forever: a
    /// SIGKILL'd backend or a cut network leaves no error to wake it.
    public static let statementLimit: Duration = .seconds(30)

    /// Runs `body` on a pooled connection, again after a lost connection until ``retryBudget`` is spent.
    ///
    /// The pool waits quietly for a connection while the server refuses them: waiting for one counts
    /// against the budget; a statement running on one does not (it may be long), up to ``statementLimit``.
    ///
    /// - Parameter what: what the statement does, for the error (`claiming sources`).
    func retrying<T: Sendable>(
        _ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: retryBudget)
        var pause = Duration.milliseconds(100)
        while true {
            let leased = Flag()
            do {
                let client = self.client
                let remaining = max(deadline - clock.now, .milliseconds(10))
                return try await withTimeout(remaining, unless: leased, statementLimit: Self.statementLimit) {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    }
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard Self.isConnectionLoss(error) else {
                    throw CoordinationError.query("\(what): \(Self.describe(error))")
                }
                guard clock.now.advanced(by: pause) < deadline else {
                    throw CoordinationError.connection("\(what): \(location): \(Self.describe(error))")
                }
                logger.warning("\(what): \(Self.describe(error)); trying again in \(pause)")
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
    }

    /// Whether an error is the connection's (worth a retry) rather than the statement's.
    static func isConnectionLoss(_ error: Error) -> Bool {
        if error is TimeoutError { return true }
        guard let error = error as? PSQLError else { return true }
        if error.code == .server {
            // Class 08 connection exception, 57P0x shutdown/terminated/cannot connect now,
            // 28xxx login refused (a role briefly disabled), 53300 too many connections.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("28") || state == "53300"
        }
        return error.code != .queryCancelled && error.code != .tooManyParameters
    }

    /// A readable reason: the server's message and SQLSTATE, else the client's error.
    static func describe(_ error: Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}

/// A deadline passed.
struct TimeoutError: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "no answer within \(after)" }
}

/// A flag set once, read from another task.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Runs `body`, throwing ``TimeoutError`` if it has not finished after `limit` (it is then cancelled),
/// unless `flag` was set by then: the deadline is then `statementLimit` later (none when nil).
///
/// The caller is answered at the deadline even when `body` does not stop on cancellation (a pool
/// request or a statement on a connection that died without a word): a task group would wait for it,
/// and a worker would hang instead of stopping. Such a body is left to end on its own.
func withTimeout<T: Sendable>(
    _ limit: Duration, unless flag: Flag? = nil, statementLimit: Duration? = nil,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = Race<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            race.start(continuation)
            let timer = Task {
                do { try await Task.sleep(for: limit) } catch { return } // cancelled: the body answered
                if flag?.isSet == true {
                    let end = statementLimit.map { ContinuousClock.now.advanced(by: $0) }
                    while !race.isFinished, end.map({ ContinuousClock.now < $0 }) ?? true {
                        do { try await Task.sleep(for: .seconds(1)) } catch { return }
                    }
                }
                if race.finish(with: .failure(TimeoutError(after: limit))) { race.stopBody() }
            }
            let work = Task {
                race.finish(with: await Result(catching: body))
                timer.cancel()
            }
            race.onCancel {
                work.cancel()
                timer.cancel()
            }
        }
    } onCancel: {
        race.cancel()
    }
}

/// The first of a body's result, a deadline and a cancellation answers the caller, once.
final class Race<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Error>?
        var finished = false
        var cancelWork: (@Sendable () -> Void)?
        var cancelled = false
    }
    private let state = Mutex(State())

    var isFinished: Bool { state.withLock { $0.finished } }

    func start(_ continuation: CheckedContinuation<T, Error>) {
        let early = state.withLock { s -> Bool in
            guard !s.cancelled else {
                s.finished = true
                return true
            }
            s.continuation = continuation
            return false
        }
        if early { continuation.resume(throwing: CancellationError()) }
    }

    /// Registers how to stop the body when the caller is cancelled.
    func onCancel(_ cancel: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            if s.cancelled { return true }
            s.cancelWork = cancel
            return false
        }
        if now { cancel() }
    }

    /// Answers the caller with `result` unless it was answered already; true when this did.
    @discardableResult
    func finish(with result: Result<T, Error>) -> Bool {
        let continuation = state.withLock { s -> CheckedContinuation<T, Error>? in
            guard !s.finished else { return nil }
            s.finished = true
            defer { s.continuation = nil }
            return s.continuation
        }
        guard let continuation else { return false }
        continuation.resume(with: result)
        return true
    }

    /// Cancels the body (after a deadline).
    func stopBody() {
        state.withLock { $0.cancelWork }?()
    }

    /// The caller was cancelled: it is answered now, and the body is cancelled.
    func cancel() {
        let cancelWork = state.withLock { s -> (@Sendable () -> Void)? in
            s.cancelled = true
            return s.cancelWork
        }
        finish(with: .failure(CancellationError()))
        cancelWork?()
    }
}

extension Result where Failure == Error {
    /// The result of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
