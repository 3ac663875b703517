import Fetching
import Foundation
import Parliament
import Storage
import VeilleCore

/// Crawls the Sénat's written questions (README, "Sénat written questions"): the open-data CSV by conditional GET, then the pages of
/// new and changed questions (and pending ones weekly), into items and typed lifecycle deltas.
///
/// Never throws: a problem becomes a failed ``SourceOutcome`` naming the source and the problem. An unusable
/// CSV touches nothing stored; a page that cannot be used (off the template, naming the missing markers; an
/// HTTP error) leaves its question as stored while the others go on, and fails the source. What a crawl learnt is stored in one transaction with the CSV's
/// validators (``Store/applySenateCrawl(source:run:csv:pages:updates:notModified:problem:at:nextDue:)``).
struct SenateCrawler: Sendable {
    let context: RunContext

    /// CSV row errors quoted in a source's error when the whole CSV is unusable.
    static let quotedErrors = 5

    /// Crawls one `senate-questions` source: CSV, plan (``SenatePlan``), pages, updates, one transaction.
    func crawl(_ source: SourceConfig) async -> SourceOutcome {
        let c = context
        guard let pages = source.pages else {
            return c.fail(
                source, log: FetchLog(url: source.url), error: SourceProblem.message("no `pages` base URL configured"))
        }
        let state = (try? c.store.sourceState(source.id)) ?? nil
        let stored: [String: SenateQuestionRecord]
        do {
            stored = try c.store.senateQuestions(source: source.id)
        } catch {
            return SourceOutcome(source: source.id, status: .failed, error: "\(error)")
        }
        let baseline = state?.firstSuccessAt == nil
        let csv: CSVResult
        switch await fetchCSV(source, state: state) {
        case .success(let r): csv = r
        case .failure(let e): return c.fail(source, log: e.log, error: e, blocked: e.blocked)
        }
        let plan = SenatePlan(
            rows: csv.rows, stored: stored, baseline: baseline, backfill: source.backfill, now: c.now())
        var inputs: [SenateUpdateBuilder.Input] = []
        var pageLogs: [FetchLog] = []
        var problems: [String] = []
        let fetcher = SenatePageFetch(context: c, source: source)
        for target in plan.targets {
            var input = SenateUpdateBuilder.Input(target: target, page: nil)
            if target.fetchPage,
                let url = SenatePageFetch.url(pages: pages, reference: target.reference, row: target.row)
            {
                do {
                    let (result, log) = try await fetcher.fetch(url, stored: target.stored)
                    pageLogs.append(log)
                    input.page = result
                    if case .notYet(let why) = result {
                        c.logger.info(
                            "source \(source.id): \(target.reference) not yet online (\(why)), retried next run",
                            metadata: ["source.id": "\(source.id)"])
                    }
                } catch {
                    // This question keeps its stored state (row included, so it is retried); the others go on.
                    let e =
                        error as? SenateCrawlError
                        ?? SenateCrawlError(message: "page \(url): \(error)", log: FetchLog(url: url))
                    pageLogs.append(e.log)
                    problems.append(e.message)
                    c.logger.warning("source \(source.id): \(e.message)", metadata: ["source.id": "\(source.id)"])
                    continue
                }
            }
            inputs.append(input)
        }
        let builder = SenateUpdateBuilder(
            sourceID: source.id, pages: pages, baseline: baseline, now: c.now(), stored: stored)
        let updates = builder.updates(inputs)
        let at = c.now()
        let problem = Self.summary(problems)
        let failures = (state?.consecutiveFailures ?? 0) + 1
        let nextDue =
            problem == nil
            ? c.schedule.nextAfterSuccess(every: source.every, now: at)
            : c.schedule.nextAfterFailure(every: source.every, failures: failures, now: at)
        do {
            let stored = try c.store.applySenateCrawl(
                source: source.id, run: c.runID, csv: csv.log, pages: pageLogs, updates: updates,
                notModified: csv.rows == nil, problem: problem, at: at, nextDue: nextDue)
            return SourceOutcome(
                source: source.id, status: problem != nil ? .failed : csv.rows == nil ? .notModified : .ok,
                error: problem, httpStatus: csv.log.httpStatus, bytes: csv.log.bytes,
                items: stored.questions, newCount: stored.publishedCount,
                changedCount: stored.lifecycleCount, baseline: baseline)
        } catch {
            return SourceOutcome(source: source.id, status: .failed, error: "\(error)", httpStatus: csv.log.httpStatus)
        }
    }

    /// The source's error for pages that could not be used: the first ones quoted, the count of the others.
    static func summary(_ problems: [String]) -> String? {
        guard !problems.isEmpty else { return nil }
        let more = problems.count > quotedErrors ? " (and \(problems.count - quotedErrors) more pages)" : ""
        return problems.prefix(quotedErrors).joined(separator: "; ") + more
    }

    /// The CSV's rows of the followed natures (nil on a 304), with the fetch's log.
    struct CSVResult {
        var rows: [SenateCSVRow]?
        var log: FetchLog
    }

    /// Fetches and reads the CSV. Unreadable rows are logged with their line numbers and the others go on;
    /// a CSV with no readable row but errors is unusable (the error quotes the first ones).
    func fetchCSV(_ source: SourceConfig, state: SourceRecord?) async -> Result<CSVResult, SenateCrawlError> {
        let c = context
        let request = c.sourceRequest(source, state: state)
        let started = c.now()
        let response: FetchResponse
        do {
            response = try await c.fetch(request)
        } catch {
            let log = FetchLog(url: source.url, duration: c.now().timeIntervalSince(started))
            return .failure(SenateCrawlError(message: "\(error)", log: log, blocked: FetchOutcome.isRobotsBlock(error)))
        }
        let log = FetchLog(
            url: source.url, finalURL: response.finalURL, httpStatus: response.status,
            etag: response.etag, lastModified: response.lastModified, bytes: response.body.count,
            duration: response.duration)
        if response.notModified { return .success(CSVResult(rows: nil, log: log)) }
        guard (200..<300).contains(response.status) else {
            return .failure(SenateCrawlError(message: "HTTP \(response.status) from \(source.url)", log: log))
        }
        let (rows, errors) = SenateCSV.parse(response.body, httpCharset: response.charset)
        for e in errors {
            c.logger.warning("source \(source.id): \(e)", metadata: ["source.id": "\(source.id)"])
        }
        if rows.isEmpty, !errors.isEmpty {
            let quoted = errors.prefix(Self.quotedErrors).map(\.description).joined(separator: "; ")
            let more = errors.count > Self.quotedErrors ? " (and \(errors.count - Self.quotedErrors) more)" : ""
            return .failure(SenateCrawlError(message: "\(source.url): no readable row: \(quoted)\(more)", log: log))
        }
        let natures = Set(source.natures)
        let followed = rows.filter { row in
            guard let nature = row.nature ?? SenateNature.fromReference(row.reference) else { return false }
            return natures.contains(nature)
        }
        return .success(CSVResult(rows: followed, log: log))
    }
}
