import GRDB

extension Database {
    /// Executes one statement through the connection's statement cache: on hot paths (every item of every
    /// feed) the SQL is compiled once per connection instead of once per call.
    func executeCached(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
