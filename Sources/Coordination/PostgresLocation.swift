import Foundation
import PostgresNIO

/// Where a PostgreSQL database is, read from a `postgres://user:password@host:5432/database` URL
/// (`postgresql://` too; `?sslmode=disable|prefer|require`, default `prefer`), and the connection-pool
/// settings workers use.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// Its port (5432 unless given).
    public var port: Int
    /// The role to log in as.
    public var user: String
    /// Its password, nil when the server needs none.
    public var password: String?
    /// The database name.
    public var database: String
    /// `disable`, `prefer` or `require`.
    public var sslMode: String
    /// The most connections one process opens (`?pool=N`, default 4: a worker needs one for its claims
    /// and lease renewals, one for the host gate, one for the digest lock, one spare).
    public var maximumConnections: Int

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a URL. Percent-escapes in the user and password are decoded.
    /// - Throws: ``CoordinationError/connection(_:)`` naming what is wrong with it.
    public init(url text: String) throws {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw CoordinationError.connection("not a postgres:// URL: \(Self.redacted(text))")
        }
        guard let host = components.host, !host.isEmpty else {
            throw CoordinationError.connection("no host in \(Self.redacted(text))")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw CoordinationError.connection("no database name in \(Self.redacted(text))")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = components.percentEncodedUser?.removingPercentEncoding ?? "postgres"
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.database = database
        var sslMode = "prefer"
        var pool = 4
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                    throw CoordinationError.connection("sslmode must be disable, prefer or require")
                }
                sslMode = value
            case "pool":
                guard let value = item.value.flatMap(Int.init), (1...100).contains(value) else {
                    throw CoordinationError.connection("pool must be a number of connections from 1 to 100")
                }
                pool = value
            default:
                throw CoordinationError.connection("unknown URL parameter \(item.name)")
            }
        }
        self.sslMode = sslMode
        self.maximumConnections = pool
    }

    /// The URL without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The client configuration for this location.
    public func configuration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// The configuration of one connection outside the pool (the check ``CoordinationDatabase/open``
    /// makes first, so that a refused login is reported at once rather than retried by the pool).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// `text` with any password replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
