import ArgumentParser
import Foundation
import Pipeline
import Storage
import VeilleCore

/// `veille sources`: one row per configured source with its schedule and health.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Each source: kind, schedule, status, last success, next due, items, last error.",
        discussion: """
            The table fits the terminal (80 columns when stdout is not one, or $COLUMNS): times are relative \
            ("3h ago", "in 5h"), a source's last error and its listing go on an indented line beneath it, cut \
            to the width. --json gives every field in full (times in RFC 3339, the whole error).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "JSON Lines, one object per source.")
    var json = false

    func run() async throws {
        _ = global.bootstrapLogging()
        do {
            let config = try NightlyRun.loadSources((global.config as NSString).appendingPathComponent("sources.yaml"))
            let store = databaseExists(global.db) ? try NightlyRun.openStore(global.db) : nil
            let states = Dictionary(
                ((try store?.sourceStates()) ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let counts = (try store?.itemCounts()) ?? [:]
            let listed = ListedSources.flags(
                config: config, watchlistPath: (global.config as NSString).appendingPathComponent("watchlist.yaml"))
            var rows: [SourcesTable.Row] = []
            let now = Date()
            for s in config.sources {
                let st = states[s.id]
                let every = Self.duration(s.every)
                if json {
                    let obj: JSONValue = .object([
                        ("id", .string(s.id)), ("kind", .string(s.kind.rawValue)), ("url", .string(s.url)),
                        ("every", .string(every)), ("enabled", .bool(s.enabled)),
                        ("last_attempt", .time(st?.lastAttemptAt)), ("last_success", .time(st?.lastSuccessAt)),
                        ("status", .string(s.enabled ? (st?.status?.rawValue ?? "never crawled") : "disabled")),
                        ("failures", .int(st?.consecutiveFailures ?? 0)),
                        ("next_due", .time(st?.nextDueAt)), ("items", .int(counts[s.id] ?? 0)),
                        ("last_error", .string(st?.lastError)), ("listed", .string(listed[s.id])),
                    ])
                    print(obj.serialized())
                } else {
                    var status = s.enabled ? Self.statusText(st?.status) : "disabled"
                    if let failures = st?.consecutiveFailures, failures > 1 { status += " ×\(failures)" }
                    rows.append(
                        SourcesTable.Row(
                            id: s.id, kind: SourcesTable.kind(s.kind), every: every, status: status,
                            lastSuccess: SourcesTable.ago(st?.lastSuccessAt, now: now),
                            next: s.enabled ? SourcesTable.until(st?.nextDueAt, now: now) : "-",
                            items: counts[s.id] ?? 0, error: st?.lastError, listed: listed[s.id]))
                }
            }
            if !json { print(SourcesTable.render(rows, width: SourcesTable.width())) }
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        }
    }

    /// The status as a person reads it.
    static func statusText(_ status: SourceStatus?) -> String {
        switch status {
        case nil: return "never crawled"
        case .blocked?: return "robots.txt"
        case let s?: return s.rawValue
        }
    }

    static func duration(_ t: TimeInterval) -> String {
        if t.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(t / 86_400))d" }
        if t.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(t / 3600))h" }
        if t.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(t / 60))m" }
        return "\(Int(t))s"
    }
}
