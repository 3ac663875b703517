import Fetching
import Foundation
import Storage
import Syndication
import VeilleCore

/// Crawls one feed source: conditional GET, parse, store, then the article stage for `articles: true`
/// sources. Never throws: every problem becomes a failed ``SourceOutcome`` naming the source and the
/// problem, and nothing already stored is touched.
struct FeedCrawler: Sendable {
    let context: RunContext

    func crawl(_ source: SourceConfig) async -> SourceOutcome {
        let c = context
        let state = (try? c.store.sourceState(source.id)) ?? nil
        let request = c.sourceRequest(source, state: state)
        let started = c.now()
        let response: FetchResponse
        do {
            response = try await c.fetch(request)
        } catch {
            return c.fail(
                source, log: FetchLog(url: source.url, duration: c.now().timeIntervalSince(started)),
                error: error, blocked: FetchOutcome.isRobotsBlock(error))
        }
        let log = FetchLog(
            url: source.url, finalURL: response.finalURL, httpStatus: response.status,
            etag: response.etag, lastModified: response.lastModified, bytes: response.body.count,
            duration: response.duration)
        let at = c.now()
        if response.notModified {
            do {
                try c.store.recordNotModified(
                    source: source.id, run: c.runID, fetch: log, at: at,
                    nextDue: c.schedule.nextAfterSuccess(every: source.every, now: at))
                var outcome = SourceOutcome(source: source.id, status: .notModified, httpStatus: 304)
                // Pages that failed on earlier runs (new ones, and changed entries' pages) are retried even when
                // the feed itself is unchanged.
                if source.articles { await ArticleStage(context: c).process(source: source, outcome: &outcome) }
                return outcome
            } catch {
                return SourceOutcome(source: source.id, status: .failed, error: "\(error)", httpStatus: 304)
            }
        }
        guard (200..<300).contains(response.status) else {
            return c.fail(source, log: log, error: SourceProblem.httpStatus(response.status, url: source.url))
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(response.body, httpCharset: response.charset, baseURL: response.finalURL)
        } catch {
            return c.fail(source, log: log, error: SourceProblem.unreadable(url: source.url, error))
        }
        // A truncated document's last entry may be partial: it waits for the next fetch rather than
        // becoming a false change.
        let entries = feed.truncated ? Array(feed.entries.dropLast()) : feed.entries
        let items = entries.map { Self.incoming($0, base: response.finalURL) }
        let stored: ApplyOutcome
        do {
            stored = try c.store.applyFetch(
                source: source.id, run: c.runID, fetch: log, items: items, at: at,
                nextDue: c.schedule.nextAfterSuccess(every: source.every, now: at),
                keepTextOnUpdate: source.articles)
        } catch {
            return SourceOutcome(source: source.id, status: .failed, error: "\(error)", httpStatus: response.status)
        }
        var outcome = SourceOutcome(
            source: source.id, status: .ok, httpStatus: response.status,
            bytes: response.body.count, items: stored.items, newCount: stored.newCount,
            changedCount: stored.changedCount, baseline: stored.baseline)
        if source.articles {
            let titleEdits = Set(stored.deltas.filter { $0.kind == .changed }.map(\.id))
            await ArticleStage(context: c).process(source: source, outcome: &outcome, counted: titleEdits)
        }
        return outcome
    }

    /// A feed entry as an item: the content is the text when there is one (never a photo caption), else
    /// the summary.
    static func incoming(_ e: FeedEntry, base: String) -> IncomingItem {
        let link = e.link.flatMap { URLNormalizer.resolve($0, against: base) }
        let id = e.id?.trimmingCharacters(in: .whitespacesAndNewlines)
        return IncomingItem(
            guid: (id?.isEmpty ?? true) ? nil : id, url: link, title: e.title,
            text: (e.contentIsMediaCaption ? nil : e.contentText) ?? e.summaryText,
            summary: e.summaryText, author: e.author,
            published: e.published ?? e.updated, updated: e.updated, textVersion: 1)
    }
}

/// How a fetch error reads to the pipeline.
enum FetchOutcome {
    /// A URL that robots.txt disallows (``FetchError/disallowedByRobots(url:redirect:)``) is "blocked by robots.txt":
    /// in trouble, not an error.
    static func isRobotsBlock(_ error: Error) -> Bool {
        if case .disallowedByRobots = error as? FetchError { return true }
        return false
    }
}
