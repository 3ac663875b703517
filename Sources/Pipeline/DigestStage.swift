import Digests
import Foundation
import Storage
import VeilleCore

/// The digest stage: at the end of a run, the run's digest files (foundation issue). The digests issue
/// replaces this with per-recipient digests (`Feeds/digests.yaml`) delivered exactly once.
struct DigestStage: Sendable {
    let context: RunContext
    let options: RunOptions
    let config: SourcesFile

    /// Writes the digest of run `context.runID`, which started at `from`.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``DigestError`` when the digest folder cannot be written (exit 5; deltas stay stored).
    func deliver(from: Date) throws -> [String] {
        let store = context.store
        let deltas = try store.deltas(.run(context.runID))
        let configured = Set(config.sources.filter(\.enabled).map(\.id))
        let trouble = try store.sourceStates().filter { $0.inTrouble && configured.contains($0.id) }.map {
            RunDigest.Trouble(source: $0.id, error: $0.lastError ?? $0.status ?? "", failures: $0.consecutiveFailures,
                              status: $0.status ?? "failed")
        }
        let digest = RunDigest(runs: [context.runID], from: from, to: context.now(), deltas: deltas,
                               sourceOrder: config.sources.map(\.id), trouble: trouble)
        return try DigestFiles.writeRunDigest(digest, folder: options.outDir, at: from)
    }
}
