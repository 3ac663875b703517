import ArgumentParser
import Foundation
import Syndication

/// `veille feed --batch`: feed files (paths on stdin) → JSON Lines, the feed_eval contract.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Parse feed files: paths on stdin, one JSON object per path on stdout.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read paths on stdin (one per line) and print JSON Lines.")
    var batch = false

    @Argument(help: "A feed file (without --batch).")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE or --batch") }
    }

    func run() throws {
        if let file, !batch {
            print(FeedBatch.line(forPath: file))
            return
        }
        BatchLoop.runParallel { path, out in FeedBatch.appendLine(forPath: path, to: &out) }
    }
}
