import GRDB

extension StoreMigrations {
    /// Migrations for Sénat questions (Sénat issue). Never edit a shipped one: add another.
    static func registerSenateMigrations(_ m: inout DatabaseMigrator) {}
}
