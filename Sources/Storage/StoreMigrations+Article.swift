import GRDB

extension StoreMigrations {
    /// Migrations for article pages and evidence (extraction issue). Never edit a shipped one: add another.
    static func registerArticleMigrations(_ m: inout DatabaseMigrator) {}
}
