import Extraction
import Fetching
import Foundation
import Storage
import VeilleCore

/// The article stage: the pages of `articles: true` sources fetched, extracted and kept as evidence.
///
/// 1. For `articles: true` sources, the page of each new item (baseline included) is fetched — as content,
///    so the address policy applies — and extracted; the article becomes the item's text (the feed summary
///    stays beside it) without a delta. A page that fails is retried on the next runs, three tries in all,
///    and the item keeps its summary meanwhile.
/// 2. Stealth edits and takedowns: the pages of items linked to a campaign or an actor are re-checked with
///    a conditional GET once a day for `recheck` (default 7 days) after they were first stored. A changed
///    extracted text is a `changed` delta with both revisions kept; a 404 or 410 is a `removed` delta.
///    Other pages are re-fetched only on a feed signal (3).
/// 3. The feed as a change signal: an entry that changed in any way that can reflect the article (its
///    text, summary, `updated` date or title) has its page fetched again in the same crawl with a
///    conditional GET; a changed article is a `changed` delta. No signal and no link: no request.
/// 4. Evidence: the raw bytes (compressed), their SHA-256, the fetch time and validators are kept for
///    linked items.
struct ArticleStage: Sendable {
    let context: RunContext

    /// Fetches and extracts the pages this source's items are waiting for, then the pages whose feed entry
    /// changed; a `changed` delta found there counts in `outcome` unless it is one of `counted` (the feed's
    /// title edits of this crawl, which the new text joins).
    func process(source: SourceConfig, outcome: inout SourceOutcome, counted: Set<Int64> = []) async {
        let c = context
        let tasks: [ArticleTask]
        do { tasks = try c.store.pendingArticles(source: source.id) } catch {
            c.logger.error("source \(source.id): articles: \(error)")
            return
        }
        // The next pages are fetched while this one is extracted and stored.
        var ahead = Lookahead(tasks.map { request($0, source: source, conditional: false) }, fetch: c.fetch)
        defer { ahead.cancel() }
        for (index, task) in tasks.enumerated() {
            do {
                let response = try await ahead.response(index)
                guard (200..<300).contains(response.status) else {
                    try c.store.recordArticleFailure(
                        item: task.itemID, error: "HTTP \(response.status) from \(task.url)", at: c.now())
                    continue
                }
                let result = extract(response, task: task)
                guard !result.text.isEmpty else {
                    try c.store.recordArticleFailure(
                        item: task.itemID, error: "\(task.url): no article text", at: c.now())
                    continue
                }
                try c.store.storeFirstArticle(item: task.itemID, url: task.url, result: result, at: c.now())
            } catch let error as StorageError {
                c.logger.error("source \(source.id): articles: \(error)")
                return
            } catch {
                c.logger.notice(
                    "source \(source.id): article \(task.url): \(error)", metadata: ["source.id": "\(source.id)"])
                try? c.store.recordArticleFailure(item: task.itemID, error: "\(error)", at: c.now())
            }
        }
        for delta in await refetchSignaled(source: source) where !counted.contains(delta.id) {
            outcome.changedCount += 1
        }
    }

    /// Fetches again, with a conditional GET, the pages whose feed entry changed (text, summary, `updated`
    /// date or title): a changed article is a `changed` delta with both revisions; a 304 or the same text is
    /// nothing; a page that cannot be fetched (or gives no text) is tried again on the next crawls, and the
    /// stored article stays. The feed's text never replaces the article.
    ///
    /// - Returns: the `changed` deltas recorded or extended.
    func refetchSignaled(source: SourceConfig) async -> [RecordedDelta] {
        let c = context
        var recorded: [RecordedDelta] = []
        let tasks: [ArticleTask]
        do { tasks = try c.store.signaledArticles(source: source.id) } catch {
            c.logger.error("source \(source.id): articles: \(error)")
            return []
        }
        for task in tasks {
            do {
                let response = try await c.fetch(request(task, source: source, conditional: !c.force))
                if response.notModified {
                    try c.store.recordArticleChecked(item: task.itemID, at: c.now())
                    continue
                }
                guard (200..<300).contains(response.status) else {
                    try c.store.recordCheckFailure(
                        item: task.itemID, error: "HTTP \(response.status) from \(task.url)", at: c.now())
                    continue
                }
                let result = extract(response, task: task)
                guard !result.text.isEmpty else {
                    try c.store.recordCheckFailure(
                        item: task.itemID, error: "\(task.url): no article text", at: c.now())
                    continue
                }
                if let delta = try c.store.recordArticleRecheck(
                    item: task.itemID, source: source.id, run: c.runID, url: task.url, result: result, at: c.now())
                {
                    recorded.append(delta)
                }
            } catch let error as StorageError {
                c.logger.error("source \(source.id): articles: \(error)")
                return recorded
            } catch {
                c.logger.notice(
                    "source \(source.id): changed entry, page \(task.url): \(error)",
                    metadata: ["source.id": "\(source.id)"])
                try? c.store.recordCheckFailure(item: task.itemID, error: "\(error)", at: c.now())
            }
        }
        return recorded
    }

    /// Re-checks the pages of linked items within their `recheck` period.
    func recheck(sources: [SourceConfig]) async {
        let c = context
        for source in sources where source.articles {
            guard let tasks = try? c.store.articlesToRecheck(source: source.id, period: source.recheck, now: c.now())
            else { continue }
            for task in tasks {
                do {
                    let response = try await c.fetch(request(task, source: source, conditional: true))
                    if response.notModified {
                        try c.store.recordArticleChecked(item: task.itemID, at: c.now())
                    } else if response.status == 404 || response.status == 410 {
                        try c.store.recordArticleRemoved(
                            item: task.itemID, source: source.id, run: c.runID,
                            status: response.status, at: c.now())
                    } else if (200..<300).contains(response.status) {
                        try c.store.recordArticleRecheck(
                            item: task.itemID, source: source.id, run: c.runID, url: task.url,
                            result: extract(response, task: task), at: c.now())
                    } else {
                        try c.store.recordCheckFailure(
                            item: task.itemID, error: "HTTP \(response.status) from \(task.url)", at: c.now())
                    }
                } catch {
                    c.logger.notice(
                        "source \(source.id): re-check \(task.url): \(error)", metadata: ["source.id": "\(source.id)"])
                }
            }
        }
    }

    func request(_ task: ArticleTask, source: SourceConfig, conditional: Bool) -> FetchRequest {
        FetchRequest(
            url: task.url, purpose: .page, etag: conditional ? task.etag : nil,
            lastModified: conditional ? task.lastModified : nil,
            timeout: source.timeout, maxBytes: source.maxBytes, trust: .content(origin: source.url))
    }

    func extract(_ response: FetchResponse, task: ArticleTask) -> ArticleResult {
        let a = ArticleExtractor.extract(
            response.body, url: response.finalURL, httpCharset: response.charset,
            rules: context.siteRules)
        return ArticleResult(
            raw: response.body, status: response.status, etag: response.etag,
            lastModified: response.lastModified, text: a.text, title: a.title, canonicalURL: a.canonicalURL,
            byline: a.byline, language: a.language, published: a.published,
            extractorVersion: ArticleExtractor.version)
    }
}
