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
        BatchLoop.runBytes { path, out in FeedBatch.appendLine(forPath: path, to: &out) }
    }
}

/// Reads paths on stdin and writes one line per path, flushed as it goes.
enum BatchLoop {
    static func run(_ line: (String) -> String) {
        let out = FileHandle.standardOutput
        while let raw = readLine(strippingNewline: true) {
            let path = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            guard !path.isEmpty else { continue }
            out.write(Data((line(path) + "\n").utf8))
        }
    }

    /// Like ``run(_:)``, for a producer that appends its line and newline to a reused byte buffer; each
    /// line goes to standard output with `write(2)` as soon as it is complete.
    static func runBytes(_ line: (String, inout [UInt8]) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        while let raw = readLine(strippingNewline: true) {
            let path = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            guard !path.isEmpty else { continue }
            buffer.removeAll(keepingCapacity: true)
            line(path, &buffer)
            guard writeAll(buffer) else { return }
        }
    }

    /// Writes every byte to standard output; false when the reader has gone (then there is no point going on).
    private static func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            guard var p = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let n = write(STDOUT_FILENO, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                p += n
                left -= n
            }
            return true
        }
    }
}
