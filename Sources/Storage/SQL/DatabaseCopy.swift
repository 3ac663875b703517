import Foundation

/// `veille copy-db`: copies a SQLite archive into an empty PostgreSQL database, table by table in the
/// order of their references, ids kept, in one PostgreSQL transaction (a failure leaves the target as it
/// was), then checks that every table holds as many rows on both sides.
public enum DatabaseCopy {
    /// The tables copied, parents before children. Every table of the schema but the migrations'.
    public static let tables = [
        "run", "source", "fetch", "item", "itemRevision", "delta", "link", "article", "evidence", "robots",
        "digestState", "digestMessage", "outbox", "senateQuestion", "assembleeQuestion", "assembleeArchive",
    ]

    /// Rows per batch: an `INSERT` carries at most this many rows (PostgreSQL takes 65,535 parameters).
    static let batch = 500

    /// One table's count on both sides.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    /// Copies every row of `source` (SQLite) into `target` (PostgreSQL, empty).
    ///
    /// - Returns: the row counts, per table, on both sides (equal, or the copy throws).
    /// - Throws: ``StorageError`` when the target is not PostgreSQL, already holds items or runs, a row is
    ///   refused, or the counts differ after the copy.
    public static func copy(from source: Store, to target: Store) throws -> [TableCount] {
        guard source.dialect == .sqlite, target.dialect == .postgres else {
            throw StorageError.database("copy-db copies a SQLite file into a PostgreSQL database")
        }
        try source.snapshot { src in
            try target.transaction { dst in
                for table in ["run", "item", "delta"] {
                    let n = try dst.value("SELECT COUNT(*) FROM \(dst.dialect.quote(table))", [], as: Int.self) ?? 0
                    guard n == 0 else {
                        throw StorageError.database(
                            "copy-db: \(target.path) is not empty (\(n) rows in \(table)); copy into a new database")
                    }
                }
                // The config's sources may already be there (a `veille sources` run): the archive's rows win.
                try dst.execute("DELETE FROM source")
                for table in tables { try copyTable(table, from: src, to: dst) }
                for table in tables where try hasIdentity(table, dst) {
                    try dst.execute(
                        "SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM \(dst.dialect.quote(table))), 0) + 1, false)",
                        [table.lowercased()])
                }
            }
        }
        let counts = try source.snapshot { src in
            try target.snapshot { dst in
                try tables.map { table in
                    TableCount(
                        table: table,
                        source: try src.value("SELECT COUNT(*) FROM \(src.dialect.quote(table))", [], as: Int.self)
                            ?? 0,
                        target: try dst.value("SELECT COUNT(*) FROM \(dst.dialect.quote(table))", [], as: Int.self) ?? 0
                    )
                }
            }
        }
        let differing = counts.filter { $0.source != $0.target }
        guard differing.isEmpty else {
            throw StorageError.database(
                "copy-db: counts differ after the copy: "
                    + differing.map { "\($0.table) \($0.source) → \($0.target)" }.joined(separator: ", "))
        }
        return counts
    }

    static func hasIdentity(_ table: String, _ dst: any SQLSession) throws -> Bool {
        try dst.value(
            "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = 'id' AND is_identity = 'YES'",
            [table.lowercased()], as: Int.self) != nil
    }

    /// Copies one table, in batches by SQLite rowid, converting each value to the PostgreSQL column's type.
    static func copyTable(_ table: String, from src: any SQLSession, to dst: any SQLSession) throws {
        let columns = try dst.rows(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = ? AND table_schema = current_schema() AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """, [table.lowercased()]
        ).map {
            (name: try $0.require("column_name", as: String.self), type: try $0.require("data_type", as: String.self))
        }
        guard !columns.isEmpty else { throw StorageError.database("copy-db: no table \(table) in the target") }
        let list = columns.map(\.name).joined(separator: ", ")
        var last: Int64 = Int64.min
        while true {
            let rows = try src.rows(
                "SELECT rowid AS veilleRowid, \(list) FROM \(src.dialect.quote(table)) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                [last, batch])
            guard let lastRow = rows.last else { return }
            last = try lastRow.require("veilleRowid")
            var values: [SQLValue] = []
            values.reserveCapacity(rows.count * columns.count)
            for row in rows {
                for column in columns {
                    values.append(
                        try convert(row.value(column.name), to: column.type, column: "\(table).\(column.name)"))
                }
            }
            let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
            try dst.execute(
                "INSERT INTO \(dst.dialect.quote(table)) (\(list)) VALUES "
                    + Array(repeating: tuple, count: rows.count).joined(separator: ", "),
                SQLArguments(values))
        }
    }

    /// A SQLite value as the PostgreSQL column type wants it.
    static func convert(_ value: SQLValue, to type: String, column: String) throws -> SQLValue {
        if value == .null { return .null }
        switch type {
        case "timestamp with time zone", "timestamp without time zone":
            guard let date = Date.fromSQL(value) else {
                throw StorageError.database("copy-db: \(column): \(value) is not a date")
            }
            return .date(date)
        case "boolean":
            guard let b = Bool.fromSQL(value) else { throw StorageError.database("copy-db: \(column): not a boolean") }
            return .bool(b)
        case "bigint", "integer", "smallint":
            guard let i = Int64.fromSQL(value) else {
                throw StorageError.database("copy-db: \(column): not an integer")
            }
            return .integer(i)
        case "bytea":
            guard let d = Data.fromSQL(value) else { throw StorageError.database("copy-db: \(column): not bytes") }
            return .blob(d)
        case "double precision", "real", "numeric":
            guard let d = Double.fromSQL(value) else { throw StorageError.database("copy-db: \(column): not a number") }
            return .real(d)
        default:
            switch value {
            case .text: return value
            case .integer(let i): return .text(String(i))
            case .real(let d): return .text(String(d))
            case .blob(let b): return .text(String(decoding: b, as: UTF8.self))
            default: return value
            }
        }
    }
}
