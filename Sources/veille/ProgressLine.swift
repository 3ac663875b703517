import Foundation
import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// The live progress line of `run` and `crawl`: on a terminal, one line on stderr
/// redrawn as each source finishes — sources done/total, items, deltas, errors, elapsed. When stderr is
/// not a terminal (cron, a pipe), or with `--quiet` or `--log-format json`, there is no live line: only
/// the final summary.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let started: Date
    private let write: @Sendable (String) -> Void
    private var items = 0
    private var deltas = 0
    private var errors = 0
    private var blocked = 0
    private var drawn = false
    private var text = ""

    /// The line on screen, which log lines clear before they are written (``ProgressAwareLogHandler``).
    nonisolated(unsafe) static var active: ProgressLine?

    /// Creates a line that writes through `write` (stderr in the executable, a buffer in tests).
    init(started: Date = Date(), write: @escaping @Sendable (String) -> Void) {
        self.started = started
        self.write = write
    }

    /// The line for the executable when stderr is a terminal and the logs are for a person, else nil.
    static func forTerminal(_ global: GlobalOptions) -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1, !global.quiet, global.logFormat == .text else { return nil }
        let line = ProgressLine { FileHandle.standardError.write(Data($0.utf8)) }
        active = line
        return line
    }

    /// The callback for ``RunOptions/progress``.
    var callback: @Sendable (SourceOutcome, Int, Int) -> Void {
        { [self] outcome, done, total in update(outcome, done: done, total: total, now: Date()) }
    }

    /// Counts one finished source and redraws the line.
    func update(_ outcome: SourceOutcome, done: Int, total: Int, now: Date) {
        lock.withLock {
            items += outcome.items
            deltas += outcome.newCount + outcome.changedCount
            if outcome.failed { errors += 1 }
            if outcome.status == .blocked { blocked += 1 }
            drawn = true
            text = Self.render(
                done: done, total: total, items: items, deltas: deltas, errors: errors,
                blocked: blocked, elapsed: now.timeIntervalSince(started))
            write("\r\u{1B}[K" + text)
        }
    }

    /// Runs `body` (which writes a log line) with the line cleared, then draws the line again beneath it, so
    /// that a log line never runs on after the progress text.
    func interrupt(_ body: () -> Void) {
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            body()
            if drawn { write(text) }
        }
    }

    /// Clears the line, so the final summary starts on a clean one.
    func finish() {
        let wasDrawn = lock.withLock { () -> Bool in
            defer { drawn = false }
            return drawn
        }
        if wasDrawn { write("\r\u{1B}[K") }
    }

    /// The text of the line: `12/200 sources · 340 items · 5 deltas · 1 error · 3.2s`.
    static func render(
        done: Int, total: Int, items: Int, deltas: Int, errors: Int, blocked: Int,
        elapsed: TimeInterval
    ) -> String {
        var parts = [
            "\(done)/\(total) sources", "\(items) items", "\(deltas) \(deltas == 1 ? "delta" : "deltas")",
            "\(errors) \(errors == 1 ? "error" : "errors")",
        ]
        if blocked > 0 { parts.append("\(blocked) blocked") }
        parts.append(String(format: "%.1fs", elapsed))
        return parts.joined(separator: " · ")
    }
}
