import Foundation

/// Where a PostgreSQL database is: `postgres://user[:password]@host[:port]/database` (also
/// `postgresql://`), as given to `--db` or `VEILLE_DB`, with `?sslmode=disable|prefer|require` (default
/// `prefer`). Without a password in the URL, `PGPASSWORD` is used when set.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `?sslmode=`: `disable`, `prefer` (the default, as libpq's: TLS when the server offers it) or `require`.
    public var sslMode: SSLMode

    /// How the connection uses TLS.
    public enum SSLMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a URL; nil when `text` is not a `postgres://` URL.
    ///
    /// - Throws: ``StorageError/open(path:message:)`` when it is one but lacks a user, host or database.
    public init?(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text) else { return nil }
        guard let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty else {
            throw StorageError.open(path: Self.redact(text), message: "not a valid postgres:// URL")
        }
        guard let user = parts.user, !user.isEmpty else {
            throw StorageError.open(path: Self.redact(text), message: "the URL names no user (postgres://user@host/db)")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StorageError.open(
                path: Self.redact(text), message: "the URL names no database (postgres://user@host/db)")
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = parts.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        self.host = host
        self.port = parts.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        let mode = parts.queryItems?.last(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw StorageError.open(
                path: Self.redact(text), message: "sslmode must be disable, prefer or require (got '\(mode)')")
        }
        self.sslMode = sslMode
    }

    /// The URL without its password: what messages and logs show.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// `text` with any password replaced, for an error about a URL that did not parse.
    static func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
