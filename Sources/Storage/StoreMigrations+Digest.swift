import GRDB

extension StoreMigrations {
    /// Migrations for per-recipient digests and the outbox (digests issue). Never edit a shipped one: add another.
    static func registerDigestMigrations(_ m: inout DatabaseMigrator) {}
}
