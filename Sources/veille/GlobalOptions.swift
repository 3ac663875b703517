import ArgumentParser
import Foundation
import Logging
import VeilleCore

/// `--config`, `--db`, `--out` (and `VEILLE_CONFIG`, `VEILLE_DB`, `VEILLE_OUT`), and the log options, which
/// every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Config folder (default ./Feeds, or $VEILLE_CONFIG).")
    var configOption: String?

    @Option(
        name: .customLong("db"),
        help: "SQLite file, or postgres://user@host:port/db (default ./veille.sqlite, or $VEILLE_DB).")
    var dbOption: String?

    @Option(name: .customLong("out"), help: "Digest folder (default ./digests, or $VEILLE_OUT).")
    var outOption: String?

    @Flag(name: .long, help: "Only errors on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Debug logging on stderr.")
    var verbose = false

    @Option(name: .customLong("log-format"), help: "Log format on stderr: text or json.")
    var logFormat: LogFormat = .text

    var config: String { configOption ?? env("VEILLE_CONFIG") ?? "Feeds" }
    var db: String { dbOption ?? env("VEILLE_DB") ?? "veille.sqlite" }
    var out: String { outOption ?? env("VEILLE_OUT") ?? "digests" }

    private func env(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }

    /// Bootstraps swift-log once, on stderr (stdout stays for JSON Lines and digests).
    func bootstrapLogging() -> Logger {
        let level: Logger.Level = quiet ? .error : (verbose ? .debug : .notice)
        let format = logFormat
        LoggingSetup.bootstrap(level: level, format: format)
        var logger = Logger(label: "veille")
        logger.logLevel = level
        return logger
    }
}

/// How logs are written on stderr.
enum LogFormat: String, ExpressibleByArgument, Sendable { case text, json }

/// One-time swift-log bootstrap.
enum LoggingSetup {
    nonisolated(unsafe) private static var done = false

    static func bootstrap(level: Logger.Level, format: LogFormat) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler: LogHandler =
                format == .json
                ? JSONLogHandler(label: label)
                : ProgressAwareLogHandler(inner: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }
}

/// Failure messages for users go to stderr, plainly.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("veille: " + message + "\n").utf8))
}

/// The `--since` grammar of every command (RFC 3339 time, `YYYY-MM-DD`, or a duration back from now).
///
/// - Returns: nil when `text` is nil.
/// - Throws: `ValidationError` (exit 2) when the text is none of these.
func parseSinceOption(_ text: String?, now: Date = Date()) throws -> Date? {
    guard let text else { return nil }
    guard let date = Timestamp.parseSince(text, now: now) else {
        throw ValidationError(
            "--since: expected an RFC 3339 time, YYYY-MM-DD or a duration such as 36h or 7d, got '\(text)'")
    }
    return date
}
