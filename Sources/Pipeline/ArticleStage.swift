import Foundation
import Storage
import VeilleCore

/// The article stage (extraction issue): for `articles: true` sources, fetch and extract the pages of new
/// items, retry failed pages on later runs (three tries in all), and re-check the pages of linked items for
/// stealth edits and takedowns.
///
/// Not wired yet: items of such sources keep their feed summary as text.
struct ArticleStage: Sendable {
    let context: RunContext

    /// Fetches and extracts the pages this source's items are waiting for.
    func process(source: SourceConfig, outcome: inout SourceOutcome) async {}

    /// Re-checks the pages of linked items within their `recheck` period.
    func recheck(sources: [SourceConfig]) async {}
}
