import Fetching
import Foundation
import Parliament
import Storage
import VeilleCore

/// Reads the author's name of new and changed Assemblée questions from their pages, through the run's polite
/// fetch (robots.txt, per-host gap, retries), conditionally on the page's stored validators.
///
/// A page that cannot be fetched or does not name its author leaves the question as it is (the digest shows
/// the group and the `acteurRef`) and is tried again on later runs, at most ``maxTries`` times.
struct AssembleePages: Sendable {
    /// Reads of one page before giving up on its name (reason: a page not yet online on the first night is
    /// usually there the next; past a few tries the page has another form and the ref stays).
    static let maxTries = 3

    let context: RunContext
    let source: SourceConfig

    /// Reads at most `limit` due pages, oldest first.
    func readDue(limit: Int) async {
        let c = context
        guard let due = try? c.store.assembleePagesDue(source: source.id, limit: limit) else { return }
        for page in due {
            guard let url = page.pageUrl else { continue }
            let request = FetchRequest(
                url: url, purpose: .questionPage, etag: c.force ? nil : page.etag,
                lastModified: c.force ? nil : page.lastModified,
                timeout: min(source.timeout, FetchRequest.defaultTimeout), maxBytes: FetchRequest.defaultMaxBytes,
                trust: .operatorURL)
            var author: String?
            var etag: String?
            var lastModified: String?
            do {
                let response = try await c.fetch(request)
                if (200..<300).contains(response.status) {
                    author = AssembleePageReader.author(response.body, httpCharset: response.charset)
                    etag = response.etag
                    lastModified = response.lastModified
                }
            } catch {
                c.logger.info("source \(source.id): page \(url): \(error)", metadata: ["source.id": "\(source.id)"])
            }
            do {
                try c.store.recordAssembleePage(
                    source: source.id, uid: page.uid, author: author, etag: etag, lastModified: lastModified,
                    retry: page.tries + 1 < Self.maxTries, at: c.now())
            } catch {
                c.logger.warning("source \(source.id): cannot record page \(url): \(error)")
                return
            }
        }
    }
}
