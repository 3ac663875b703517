import GRDB

extension StoreMigrations {
    /// Migrations for operations (robots.txt cache, maintenance). Never edit a shipped one: add another.
    static func registerOperationsMigrations(_ m: inout DatabaseMigrator) {}
}
