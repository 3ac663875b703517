import Fetching
import Foundation
import Logging
import Storage
import VeilleCore

/// How a run fetches: the one place that builds the fetch path every stage shares (operations issue:
/// politeness, robots.txt, per-host throttle, retries).
struct FetchPolicy: Sendable {
    let fetch: RunContext.Fetch

    /// Builds the run's fetch path for these sources.
    ///
    /// - Parameters:
    ///   - sources: the run's sources (their `delay`s matter per host).
    ///   - contact: the contact URL for the User-Agent.
    static func make(sources: [SourceConfig], contact: String?, options: RunOptions, store: Store,
                     logger: Logger) async -> FetchPolicy {
        let userAgent = Fetcher.userAgent(version: Pipeline.version, contact: contact)
        let fetcher = Fetcher(userAgent: userAgent, maxConcurrent: 8, resolve: options.resolve)
        return FetchPolicy(fetch: { try await fetcher.fetch($0) })
    }

    /// Called once the run's fetching is over (to persist what the policy learned, e.g. robots.txt).
    func finish(store: Store) async {}
}
