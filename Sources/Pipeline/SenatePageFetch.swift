import Fetching
import Foundation
import Parliament
import Storage
import VeilleCore

/// Fetches one question page by conditional GET and reads it.
///
/// The pages base is written by the operator (`pages` in sources.yaml), so a page URL under it is trusted
/// like the source's own URL (`.operatorURL`); a CSV `URL Question` elsewhere is never used.
struct SenatePageFetch: Sendable {
    /// What a page fetch gave.
    enum Result: Sendable {
        /// A question page, read, with the validators to store.
        case parsed(SenateQuestion, etag: String?, lastModified: String?)
        /// 304: the stored page still holds.
        case notModified
        /// Not yet online (the placeholder, or a 404): not an error, retried next run, never an answer.
        case notYet(String)
    }

    let context: RunContext
    let source: SourceConfig

    /// The page URL of a question: the CSV's `URL Question` when it lies under `pages`, else the built one.
    static func url(pages: String, reference: String, row: SenateCSVRow?) -> String? {
        SenateURL.usable(csvURL: row?.url, base: pages) ?? SenateURL.page(base: pages, reference: reference)
    }

    /// Fetches and reads one page.
    ///
    /// - Returns: the result and the fetch's log line.
    /// - Throws: ``SenateCrawlError`` when the page cannot be fetched, answers an HTTP error other than 404,
    ///   or does not follow the template (naming the missing markers).
    func fetch(_ url: String, stored: SenateQuestionRecord?) async throws -> (Result, FetchLog) {
        let c = context
        let useValidators = !c.force && stored?.page != nil && stored?.pageUrl == url
        let request = FetchRequest(
            url: url, purpose: .questionPage, etag: useValidators ? stored?.pageEtag : nil,
            lastModified: useValidators ? stored?.pageLastModified : nil,
            timeout: source.timeout, maxBytes: source.maxBytes, trust: .operatorURL)
        let started = c.now()
        let response: FetchResponse
        do {
            response = try await c.fetch(request)
        } catch {
            let log = FetchLog(url: url, duration: c.now().timeIntervalSince(started), error: "\(error)")
            throw SenateCrawlError(
                message: "page \(url): \(error)", log: log, blocked: FetchOutcome.isRobotsBlock(error))
        }
        var log = FetchLog(
            url: url, finalURL: response.finalURL, httpStatus: response.status, etag: response.etag,
            lastModified: response.lastModified, bytes: response.body.count, duration: response.duration)
        if response.notModified { return (.notModified, log) }
        if response.status == 404 { return (.notYet("HTTP 404"), log) }
        guard (200..<300).contains(response.status) else {
            log.error = "HTTP \(response.status)"
            throw SenateCrawlError(message: "page \(url): HTTP \(response.status)", log: log)
        }
        let question: SenateQuestion
        do {
            question = try SenatePageParser.parse(response.body, httpCharset: response.charset, url: response.finalURL)
        } catch {
            log.error = "\(error)"
            throw SenateCrawlError(message: "page \(url): \(error)", log: log)
        }
        if question.state == .unpublished { return (.notYet("not yet online"), log) }
        return (.parsed(question, etag: response.etag, lastModified: response.lastModified), log)
    }
}

/// A Sénat CSV or page that cannot be used: the source fails with `message` (for a page, its question keeps
/// its stored state and the other questions go on).
struct SenateCrawlError: Error, Sendable, CustomStringConvertible {
    var message: String
    var log: FetchLog
    var blocked = false

    var description: String { message }
}
