import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL connections of a ``Store`` (one: every transaction holds it alone, as SQLite's single
/// writer) or of an ``ArchiveReader`` (up to ``maximumConnections``, opened as concurrent readers need
/// them: `veille serve` answers several pages at once, as SQLite's pool of readers does).
///
/// The store's API is synchronous while postgres-nio is asynchronous. The bridge waits on postgres-nio's
/// `EventLoopFuture`s, which complete on NIO's own event-loop threads: a caller on Swift's cooperative
/// pool blocks only itself and never needs another cooperative thread to make progress, so the bridge
/// cannot deadlock the pool (a `Task` plus a semaphore could, with two cores and a busy pool).
final class PostgresBackend: @unchecked Sendable {
    let url: PostgresURL
    /// The most connections open at once; a transaction waits for a free one past it.
    let maximumConnections: Int
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// Guards `idle` and `opened`; signalled when a connection is given back.
    private let state = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections open: idle ones and those a transaction holds.
    private var opened = 0
    /// Waits before each new attempt to reconnect a lost connection (then the operation fails).
    static let reconnectDelays: [Double] = [0.5, 1, 2]

    /// Connects once (10 s timeout); more connections open later, as transactions need them, up to
    /// `connections`.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` with the server's reason (refused, wrong password,
    ///   no such database…).
    init(url: PostgresURL, connections: Int = 1) throws {
        self.url = url
        maximumConnections = max(1, connections)
        var logger = Logger(label: "veille.postgres")
        logger.logLevel = .critical
        self.logger = logger
        do {
            var config = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: try Self.tls(url.sslMode))
            config.options.connectTimeout = .seconds(10)
            configuration = config
            idle = [try Self.connect(config, logger: logger)]
            opened = 1
        } catch {
            throw StorageError.open(path: url.description, message: Self.describe(error))
        }
    }

    /// The TLS setting of `?sslmode=`: the archive's text travels to a server that may be on another machine.
    private static func tls(_ mode: PostgresURL.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    private static func connect(_ config: PostgresConnection.Configuration, logger: Logger) throws -> PostgresConnection
    {
        try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: config, id: 1, logger: logger
        ).wait()
    }

    /// Closes the connections; the close callback keeps each alive until it is closed (postgres-nio asserts
    /// that a connection is closed before it goes).
    deinit { for connection in idle { Self.close(connection) } }

    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// A connection for one transaction: an idle one, else a new one while fewer than
    /// ``maximumConnections`` are open, else the first one given back.
    private func checkOut() throws -> PostgresConnection {
        state.lock()
        while idle.isEmpty && opened >= maximumConnections { state.wait() }
        if let connection = idle.popLast() {
            state.unlock()
            return connection
        }
        opened += 1
        state.unlock()
        do { return try Self.connect(configuration, logger: logger) } catch {
            checkIn(nil)
            throw StorageError.database("cannot open another connection to \(url): \(Self.describe(error))")
        }
    }

    /// Gives a connection back (nil, or a closed one: it no longer counts).
    private func checkIn(_ connection: PostgresConnection?) {
        state.lock()
        if let connection, !connection.isClosed {
            idle.append(connection)
        } else {
            opened -= 1
            if let connection { Self.close(connection) }
        }
        state.signal()
        state.unlock()
    }

    /// A new connection in place of `old`, which the server closed (a restart, a network cut): a lost
    /// connection costs the transaction it broke, and the next one reconnects, up to three attempts.
    private func reconnect(_ old: PostgresConnection) throws -> PostgresConnection {
        Self.close(old)
        var last: Error? = nil
        for delay in Self.reconnectDelays {
            do {
                return try Self.connect(configuration, logger: logger)
            } catch {
                last = error
                Thread.sleep(forTimeInterval: delay)
            }
        }
        throw StorageError.database(
            "lost the connection to \(url) and could not reconnect: \(Self.describe(last ?? CancellationError()))")
    }

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`, `ROLLBACK` when it throws) on a connection it
    /// holds alone; `readOnly` for the readers (the server then refuses any write).
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        // Nil while a lost connection is being replaced: when that fails, the slot is given up (not the
        // old connection, closed but perhaps not yet seen closed, handed to the next transaction).
        var connection = try checkOut()
        var held: PostgresConnection? = connection
        defer { checkIn(held) }
        func replace(_ old: PostgresConnection) throws -> PostgresConnection {
            held = nil
            let fresh = try reconnect(old)
            held = fresh
            return fresh
        }
        if connection.isClosed { connection = try replace(connection) }
        let begin = readOnly ? "BEGIN TRANSACTION READ ONLY" : "BEGIN"
        var session = PostgresSession(connection: connection, logger: logger)
        do { try session.execute(begin, []) } catch {
            // A connection the server dropped may not look closed yet: one fresh connection, once.
            connection = try replace(connection)
            session = PostgresSession(connection: connection, logger: logger)
            try session.execute(begin, [])
        }
        do {
            let result = try body(session)
            try session.execute("COMMIT", [])
            return result
        } catch {
            try? session.execute("ROLLBACK", [])
            throw error
        }
    }

    /// The server's reason, in words: its message (and SQLSTATE), else the connection's failure.
    static func describe(_ error: Error) -> String {
        guard let e = error as? PSQLError else { return "\(error)" }
        if let info = e.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = e.underlying { return "\(e.code): \(underlying)" }
        return "\(e.code)"
    }
}

/// The PostgreSQL side of ``SQLSession``: `?` placeholders numbered `$1…`, values bound with their types,
/// `INSERT … RETURNING id`.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        _ = try run(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        var names: [String]? = nil
        return try run(sql, arguments).map { row in
            if names == nil { names = row.map { $0.columnName.lowercased() } }
            return SQLRow(lowercasedNames: names ?? [], values: row.map(Self.value(of:)))
        }
    }

    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id = try rows(sql + " RETURNING id", arguments).first.flatMap({ Int64.fromSQL($0.value(at: 0)) })
        else { throw StorageError.database("INSERT returned no id") }
        return id
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> [PostgresRow] {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .real(let v): binds.append(v)
            case .text(let v): binds.append(v)
            case .blob(let v): binds.append(ByteBuffer(bytes: v))
            case .bool(let v): binds.append(v)
            case .date(let v): binds.append(v)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numberPlaceholders(sql), binds: binds)
        do {
            return try answer(connection.query(query, logger: logger)).wait().rows
        } catch {
            throw StorageError.database(PostgresBackend.describe(error))
        }
    }

    /// How often a statement waiting for its answer checks that its connection is still open.
    static let closedCheckInterval: TimeAmount = .milliseconds(500)

    /// `result`, or a failure as soon as the connection is found closed while it waits. A statement sent as
    /// the server ends the session (`pg_terminate_backend`, a restart) can be left unanswered by the client
    /// library, and the store waits synchronously: without this, a worker hung for good (a fresh-clone CI
    /// run caught `veille run` idle with no socket left, blocked here).
    private func answer(_ result: EventLoopFuture<PostgresQueryResult>) -> EventLoopFuture<PostgresQueryResult> {
        let connection = self.connection
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        result.cascade(to: promise)
        let watch = connection.eventLoop.scheduleRepeatedTask(
            initialDelay: Self.closedCheckInterval, delay: Self.closedCheckInterval
        ) { task in
            guard connection.isClosed else { return }
            promise.fail(PostgresSessionError.connectionClosed)
            task.cancel()
        }
        promise.futureResult.whenComplete { _ in watch.cancel() }
        return promise.futureResult
    }

    /// A column value by its PostgreSQL type.
    static func value(of cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map(SQLValue.integer) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map(SQLValue.bool) ?? .null
        case .float4, .float8, .numeric:
            return (try? cell.decode(Double.self)).map(SQLValue.real) ?? .null
        case .timestamptz, .timestamp, .date:
            return (try? cell.decode(Date.self)).map(SQLValue.date) ?? .null
        case .bytea:
            return (try? cell.decode(ByteBuffer.self)).map { .blob(Data($0.readableBytesView)) } ?? .null
        default:
            return (try? cell.decode(String.self)).map(SQLValue.text) ?? .null
        }
    }

    /// `?` → `$1`, `$2`…, outside quoted strings, quoted identifiers and comments.
    static func numberPlaceholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character? = nil
        var comment = false
        var previous: Character = " "
        for c in sql {
            if comment {
                if c == "\n" { comment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                comment = true
            } else if c == "?" {
                n += 1
                out += "$\(n)"
                previous = c
                continue
            }
            out.append(c)
            previous = c
        }
        return out
    }
}

/// A statement's connection closed before it was answered.
enum PostgresSessionError: Error, CustomStringConvertible {
    case connectionClosed

    var description: String { "the connection to PostgreSQL closed before the statement was answered" }
}
