import Foundation
import GRDB
import VeilleCore

/// One value crossing the backend-neutral SQL seam, as bound to a statement or read from a row.
///
/// SQLite hands back its storage classes (`null`, `integer`, `real`, `text`, `blob`); PostgreSQL hands back
/// typed values (`bool`, `date` for `TIMESTAMPTZ`). The column types convert either way (``SQLColumn``).
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case bool(Bool)
    case date(Date)

    /// The value as GRDB would bind it: booleans as 0/1, dates in GRDB's text format, so that SQLite files
    /// written through the seam are byte-identical to those written by GRDB's own records.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let v): return v.databaseValue
        case .real(let v): return v.databaseValue
        case .text(let v): return v.databaseValue
        case .blob(let v): return v.databaseValue
        case .bool(let v): return v.databaseValue
        case .date(let v): return v.databaseValue
        }
    }

    /// A SQLite column value, by storage class.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .real(v)
        case .string(let v): self = .text(v)
        case .blob(let v): self = .blob(v)
        }
    }
}

/// A Swift value that can be bound to a statement on either backend.
public protocol SQLArgument: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column on either backend.
public protocol SQLColumn {
    /// Nil when the column's value cannot be this type (a NULL, or a wrong type).
    static func fromSQL(_ value: SQLValue) -> Self?
}

extension String: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .text(self) }
    public static func fromSQL(_ value: SQLValue) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }
}

extension Int64: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .integer(self) }
    public static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v.rounded(.towardZero))
        case .bool(let v): return v ? 1 : 0
        default: return nil
        }
    }
}

extension Int: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).map { Int($0) } }
}

extension Double: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .real(self) }
    public static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }
}

extension Bool: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .bool(self) }
    public static func fromSQL(_ value: SQLValue) -> Bool? {
        switch value {
        case .bool(let v): return v
        case .integer(let v): return v != 0
        default: return nil
        }
    }
}

extension Date: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .date(self) }
    /// SQLite's text (or numeric) dates are read the way GRDB reads them.
    public static func fromSQL(_ value: SQLValue) -> Date? {
        if case .date(let v) = value { return v }
        return Date.fromDatabaseValue(value.databaseValue)
    }
}

extension Data: SQLArgument, SQLColumn {
    public var sqlValue: SQLValue { .blob(self) }
    public static func fromSQL(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let v): return v
        case .text(let v): return Data(v.utf8)
        default: return nil
        }
    }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension SQLArgument where Self: RawRepresentable, RawValue == String {
    public var sqlValue: SQLValue { .text(rawValue) }
}

extension SQLColumn where Self: RawRepresentable, RawValue == String {
    public static func fromSQL(_ value: SQLValue) -> Self? { String.fromSQL(value).flatMap(Self.init(rawValue:)) }
}

extension DeltaKind: SQLArgument, SQLColumn {}
extension SourceStatus: SQLArgument, SQLColumn {}
extension RunStatus: SQLArgument, SQLColumn {}
extension DigestFormat: SQLArgument, SQLColumn {}
extension SourceConfig.Kind: SQLArgument, SQLColumn {}

/// The bound values of one statement, in placeholder order: `[id, at, nil]`.
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init(_ values: [SQLValue] = []) { self.values = values }

    public init(arrayLiteral elements: (any SQLArgument)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    /// Each element of a list, for `IN (?, ?, …)`.
    public init<S: Sequence>(list: S) where S.Element: SQLArgument { values = list.map(\.sqlValue) }

    public static func + (a: SQLArguments, b: SQLArguments) -> SQLArguments { SQLArguments(a.values + b.values) }

    var statementArguments: StatementArguments { StatementArguments(values.map(\.databaseValue)) }
}

/// One result row: values by column name (case-insensitive: PostgreSQL folds unquoted names to lower case).
public struct SQLRow: Sendable {
    var names: [String]
    var values: [SQLValue]

    init(names: [String], values: [SQLValue]) {
        self.names = names.map { $0.lowercased() }
        self.values = values
    }

    /// A row whose column names are already in lower case (one array shared by every row of a result).
    init(lowercasedNames names: [String], values: [SQLValue]) {
        self.names = names
        self.values = values
    }

    /// The raw value of a column; `.null` when there is no such column.
    public func value(_ column: String) -> SQLValue {
        let key = column.lowercased()
        guard let i = names.firstIndex(of: key) else { return .null }
        return values[i]
    }

    /// The value of the column at `index`.
    public func value(at index: Int) -> SQLValue { index < values.count ? values[index] : .null }

    /// A column as `T`, nil for NULL.
    public subscript<T: SQLColumn>(_ column: String) -> T? { T.fromSQL(value(column)) }

    /// A column that must not be NULL.
    public func require<T: SQLColumn>(_ column: String, as: T.Type = T.self) throws -> T {
        guard let v = T.fromSQL(value(column)) else {
            throw StorageError.database("column \(column): expected \(T.self), found \(value(column))")
        }
        return v
    }
}
