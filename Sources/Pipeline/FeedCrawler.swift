import Fetching
import Foundation
import Logging
import Storage
import Syndication
import VeilleCore

/// Crawls one feed source: conditional GET, parse, store. Never throws: every problem becomes a failed
/// ``SourceOutcome`` naming the source and the problem, and nothing already stored is touched.
struct FeedCrawler: Sendable {
    let fetcher: Fetcher
    let store: Store
    let schedule: Schedule
    let logger: Logger

    func crawl(_ source: SourceConfig, run: Int64, force: Bool, now: @Sendable () -> Date) async -> SourceOutcome {
        let state = (try? store.sourceState(source.id)) ?? nil
        let request = FetchRequest(url: source.url, etag: force ? nil : state?.etag,
                                   lastModified: force ? nil : state?.lastModified, timeout: source.timeout,
                                   maxBytes: source.maxBytes, trust: .operatorURL)
        let started = now()
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            return fail(source, run: run, state: state, log: FetchLog(url: source.url, duration: now().timeIntervalSince(started),
                                                                      error: "\(error)"), error: "\(error)", now: now())
        }
        let log = FetchLog(url: source.url, finalURL: response.finalURL, httpStatus: response.status,
                           etag: response.etag, lastModified: response.lastModified, bytes: response.body.count,
                           duration: response.duration)
        let at = now()
        if response.notModified {
            do {
                try store.recordNotModified(source: source.id, run: run, fetch: log, at: at,
                                            nextDue: schedule.nextAfterSuccess(every: source.every, now: at))
                return SourceOutcome(source: source.id, status: "not-modified", httpStatus: 304)
            } catch {
                return SourceOutcome(source: source.id, status: "failed", error: "\(source.id): \(error)", httpStatus: 304)
            }
        }
        guard (200..<300).contains(response.status) else {
            return fail(source, run: run, state: state, log: log, error: "HTTP \(response.status) from \(source.url)", now: at)
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(response.body, httpCharset: response.charset, baseURL: response.finalURL)
        } catch {
            return fail(source, run: run, state: state, log: log, error: "\(source.url): \(error)", now: at)
        }
        let items = feed.entries.map { Self.incoming($0, base: response.finalURL) }
        do {
            let outcome = try store.applyFetch(source: source.id, run: run, fetch: log, items: items, at: at,
                                               nextDue: schedule.nextAfterSuccess(every: source.every, now: at),
                                               keepTextOnUpdate: false)
            return SourceOutcome(source: source.id, status: "ok", httpStatus: response.status, bytes: response.body.count,
                                 items: outcome.items, newCount: outcome.newCount, changedCount: outcome.changedCount,
                                 baseline: outcome.baseline)
        } catch {
            return SourceOutcome(source: source.id, status: "failed", error: "\(source.id): \(error)",
                                 httpStatus: response.status)
        }
    }

    /// A feed entry as an item: the content is the text when there is one, else the summary.
    static func incoming(_ e: FeedEntry, base: String) -> IncomingItem {
        let link = e.link.flatMap { URLNormalizer.resolve($0, against: base) }
        let id = e.id?.trimmingCharacters(in: .whitespacesAndNewlines)
        return IncomingItem(guid: (id?.isEmpty ?? true) ? nil : id, url: link, title: e.title,
                            text: e.contentText ?? e.summaryText, summary: e.summaryText, author: e.author,
                            published: e.published ?? e.updated, updated: e.updated, textVersion: 1)
    }

    private func fail(_ source: SourceConfig, run: Int64, state: SourceState?, log: FetchLog, error: String,
                      now: Date) -> SourceOutcome {
        var log = log
        log.error = error
        let failures = (state?.consecutiveFailures ?? 0) + 1
        let message = "source \(source.id): \(error)"
        logger.warning("\(message)", metadata: ["source.id": "\(source.id)"])
        do {
            try store.recordFailure(source: source.id, run: run, fetch: log, error: error, blocked: false, at: now,
                                    nextDue: schedule.nextAfterFailure(every: source.every, failures: failures, now: now))
        } catch {
            logger.error("source \(source.id): cannot record the failure: \(error)")
        }
        return SourceOutcome(source: source.id, status: "failed", error: error, httpStatus: log.httpStatus, bytes: log.bytes)
    }
}
