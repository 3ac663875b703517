import Foundation
import Testing
import VeilleCore

@testable import Storage

/// The feed as a change signal for article pages, on a real SQLite file and a real PostgreSQL database (each test on both): which entry changes flag the page
/// for a new fetch, what answers the flag, and one `changed` delta when a title edit and a text edit meet.
@Suite struct FeedSignalStoreTests {
    let store: Store

    init(_ backend: TestBackend) throws {
        store = try backend.makeStore()
        try store.syncSources([("journal", .feed, "https://journal.example/feed.xml")])
    }

    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    /// Applies one fetch of an `articles: true` source at `t0 + t` (in a run of its own).
    @discardableResult
    func apply(_ items: [IncomingItem], at t: TimeInterval) throws -> (run: Int64, outcome: ApplyOutcome) {
        let at = Self.t0.addingTimeInterval(t)
        let run = try store.beginRun(command: "run", at: at)
        let outcome = try store.applyFetch(
            source: "journal", run: run, fetch: FetchLog(url: "https://journal.example/feed.xml", httpStatus: 200),
            items: items, at: at, nextDue: at.addingTimeInterval(3600), keepTextOnUpdate: true)
        return (run, outcome)
    }

    static let entry = IncomingItem(
        guid: "art-1", url: "https://journal.example/articles/1.html", title: "Le rapport",
        text: "Le corps de l'article dans le flux.", summary: "Un résumé.", updated: t0, textVersion: 1)

    static func article(_ text: String) -> ArticleResult {
        ArticleResult(
            raw: Array("<p>\(text)</p>".utf8), status: 200, etag: "\"v1\"", lastModified: nil, text: text,
            title: nil, canonicalURL: nil, byline: nil, language: nil, published: nil, extractorVersion: 1)
    }

    /// The entry stored and its page extracted (state `done`).
    func stored() throws -> Int64 {
        try apply([Self.entry], at: 0)
        let task = try #require(try store.pendingArticles(source: "journal").first)
        try store.storeFirstArticle(
            item: task.itemID, url: task.url, result: Self.article("Le texte de l'article."), at: Self.t0)
        return task.itemID
    }

    func signaled() throws -> [Int64] { try store.signaledArticles(source: "journal").map(\.itemID) }

    @Test static func theFingerprintIgnoresWhitespaceOnly() {
        let text = "Mise à jour,\u{00A0}10h48 :\n le ministère   a confirmé."
        #expect(FeedTextFingerprint.of(text) == FeedTextFingerprint.of(normalizeWhitespace(text)))
        #expect(FeedTextFingerprint.of("  a b ") == FeedTextFingerprint.of("a\tb"))
        #expect(FeedTextFingerprint.of("a b") != FeedTextFingerprint.of("ab"))
        #expect(FeedTextFingerprint.of("12 000 comptes") != FeedTextFingerprint.of("1 200 comptes"))
    }

    @Test(arguments: TestBackend.all) static func whitespaceOnlyEditsAreNoSignal(_ backend: TestBackend) throws {
        let t = try Self(backend)
        _ = try t.stored()
        var same = Self.entry
        same.text = "  Le corps de l'article\u{00A0}dans le flux. "
        same.summary = "Un  résumé."
        same.title = "Le rapport "
        #expect(try t.apply([same], at: 3600).outcome.deltas.isEmpty)
        #expect(try t.signaled().isEmpty)
    }

    @Test(arguments: TestBackend.all) static func eachEntryChangeFlagsThePageWithoutADelta(_ backend: TestBackend)
        throws
    {
        let t = try Self(backend)
        let id = try t.stored()
        var edits: [(String, (inout IncomingItem) -> Void)] = []
        edits.append(("summary", { $0.summary = "Un résumé corrigé." }))
        edits.append(("content", { $0.text = "Le corps de l'article, corrigé, dans le flux." }))
        edits.append(("updated", { $0.updated = Self.t0.addingTimeInterval(600) }))
        var current = Self.entry
        for (n, (label, edit)) in edits.enumerated() {
            edit(&current)
            let night = try t.apply([current], at: Double(n + 1) * 86_400)
            #expect(night.outcome.deltas.isEmpty, "\(label)")
            #expect(try t.signaled() == [id], "\(label)")
            try t.store.recordArticleChecked(item: id, at: Self.t0.addingTimeInterval(Double(n + 1) * 86_400))
            #expect(try t.signaled().isEmpty, "\(label): a 304 answers the signal")
        }
        // The article stays the text; the new summary is stored.
        let row = try t.store.snapshot { s in
            try s.values("SELECT COALESCE(text, '') || '|' || summary FROM item WHERE id = ?", [id], as: String.self)
        }
        #expect(row == ["Le texte de l'article.|Un résumé corrigé."])
    }

    @Test(arguments: TestBackend.all) static func aPageNotYetFetchedIsNotSignaled(_ backend: TestBackend) throws {
        let t = try Self(backend)
        try t.apply([Self.entry], at: 0)
        var edited = Self.entry
        edited.summary = "Un autre résumé."
        try t.apply([edited], at: 3600)
        #expect(try t.signaled().isEmpty)
        #expect(try t.store.pendingArticles(source: "journal").count == 1)
    }

    @Test(arguments: TestBackend.all) static func aFailingSignaledPageIsTriedThreeTimes(_ backend: TestBackend) throws {
        let t = try Self(backend)
        let id = try t.stored()
        var edited = Self.entry
        edited.summary = "Un autre résumé."
        try t.apply([edited], at: 3600)
        for attempt in 1...Store.articleTries {
            #expect(try t.signaled() == [id], "attempt \(attempt)")
            try t.store.recordCheckFailure(item: id, error: "HTTP 503", at: Self.t0)
        }
        #expect(try t.signaled().isEmpty)
        // A new change of the entry signals it again.
        edited.summary = "Encore un autre résumé."
        try t.apply([edited], at: 7200)
        #expect(try t.signaled() == [id])
    }

    @Test(arguments: TestBackend.all) static func aTitleEditAndATextEditOfOneRunAreOneChangedDelta(
        _ backend: TestBackend
    ) throws {
        let t = try Self(backend)
        let id = try t.stored()
        var edited = Self.entry
        edited.title = "Le rapport, mis à jour"
        let night = try t.apply([edited], at: 86_400)
        #expect(night.outcome.deltas.map(\.kind) == [.changed])
        #expect(try t.signaled() == [id])
        let delta = try t.store.recordArticleRecheck(
            item: id, source: "journal", run: night.run, url: "https://journal.example/articles/1.html",
            result: Self.article("Le texte de l'article. Mise à jour : un ajout."),
            at: Self.t0.addingTimeInterval(86_400))
        #expect(delta?.id == night.outcome.deltas.first?.id)
        #expect(try t.signaled().isEmpty)
        let exported = try t.store.deltas(.run(night.run))
        #expect(exported.count == 1)
        #expect(exported.first?.previousTitle == "Le rapport")
        #expect(exported.first?.title == "Le rapport, mis à jour")
        #expect(exported.first?.previousText == "Le texte de l'article.")
        #expect(exported.first?.text == "Le texte de l'article. Mise à jour : un ajout.")
    }
}
