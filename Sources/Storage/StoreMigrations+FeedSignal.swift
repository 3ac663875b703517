import GRDB

extension StoreMigrations {
    /// Migrations for the feed as a change signal for article pages. Never edit a shipped one:
    /// add another.
    static func registerFeedSignalMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("addFeedTextFingerprintAndArticleSignal") { db in
            // item.feedTextHash: FNV-1a 64 of the feed entry's own text (content, else summary) after whitespace
            // normalization, for `articles: true` sources whose item text is the article: a full-text feed's
            // edited body must be noticed without keeping a second copy of it. NULL until first seen.
            // article.signaledAt: the feed entry changed (text, summary, `updated`, title) since the page was
            // fetched: the page is fetched again (conditional GET) on the source's next crawl, this one
            // included; signalTries counts the failed attempts (three in all, as for a new page).
            try db.execute(
                sql: """
                    ALTER TABLE item ADD COLUMN feedTextHash INTEGER;
                    ALTER TABLE article ADD COLUMN signaledAt DATETIME;
                    ALTER TABLE article ADD COLUMN signalTries INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX article_signaled ON article(signaledAt) WHERE signaledAt IS NOT NULL;
                    """)
        }
    }
}
