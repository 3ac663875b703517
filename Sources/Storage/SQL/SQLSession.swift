import Foundation
import GRDB

/// The few places where SQLite and PostgreSQL differ in the SQL veille writes.
public enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgres

    /// An identifier, double-quoted: as written on SQLite (GRDB's quoting), folded to lower case on
    /// PostgreSQL, where unquoted names (every name in veille's schema) are stored in lower case.
    public func quote(_ identifier: String) -> String {
        switch self {
        case .sqlite: return identifier.quotedDatabaseIdentifier
        case .postgres: return "\"" + identifier.lowercased().replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}

/// One connection inside one transaction, whatever the backend: the seam every store operation that runs
/// on both SQLite and PostgreSQL is written against. SQL uses `?` placeholders (the PostgreSQL session
/// numbers them), identifiers that are keywords in either dialect are double-quoted (`"fetch"`), booleans
/// are written `TRUE` / `FALSE` (SQLite reads them as 1 / 0), and every value is bound, never spliced.
public protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs one statement.
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs one query and returns all its rows.
    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow]
    /// Runs one `INSERT` into a table with an `id` key and returns the new row's id.
    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64
}

extension SQLSession {
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// All rows of a query without parameters.
    public func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }

    /// The first row, nil when there is none.
    public func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    public func value<T: SQLColumn>(_ sql: String, _ arguments: SQLArguments = [], as: T.Type = T.self) throws -> T? {
        guard let row = try rows(sql, arguments).first else { return nil }
        return T.fromSQL(row.value(at: 0))
    }

    /// The first column of every row (NULLs skipped).
    public func values<T: SQLColumn>(_ sql: String, _ arguments: SQLArguments = [], as: T.Type = T.self) throws -> [T] {
        try rows(sql, arguments).compactMap { T.fromSQL($0.value(at: 0)) }
    }
}

/// The SQLite side of the seam: GRDB's connection, statements through its cache.
struct GRDBSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments.statementArguments)
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let names = statement.columnNames.map { $0.lowercased() }
        return try Row.fetchAll(statement, arguments: arguments.statementArguments).map { row in
            SQLRow(lowercasedNames: names, values: row.databaseValues.map(SQLValue.init))
        }
    }

    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        try execute(sql, arguments)
        return db.lastInsertedRowID
    }
}
