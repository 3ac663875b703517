import Foundation
import Storage
import VeilleCore

/// Crawls the Sénat's written questions (Sénat issue): the open-data CSV, then the pages of new and
/// changed questions, into items and lifecycle deltas.
///
/// Not wired yet: such a source reports that this build does not support it.
struct SenateCrawler: Sendable {
    let context: RunContext

    func crawl(_ source: SourceConfig) async -> SourceOutcome {
        context.fail(source, log: FetchLog(url: source.url),
                     error: "source kind senate-questions is not supported by this build yet")
    }
}
