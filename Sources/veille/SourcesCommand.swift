import ArgumentParser
import Foundation
import Pipeline
import Storage
import VeilleCore

/// `veille sources`: one row per configured source with its schedule and health.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", abstract: "Each source: kind, schedule, last attempt, status, items, last error.")

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
            var rows: [[String]] = []
            for s in config.sources {
                let st = states[s.id]
                let every = Self.duration(s.every)
                let status =
                    (s.enabled ? Self.statusText(st?.status) : "disabled") + (listed[s.id].map { " (\($0))" } ?? "")
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
                    rows.append([
                        s.id, s.kind.rawValue, every, st?.lastAttemptAt.map(Timestamp.iso) ?? "-",
                        st?.lastSuccessAt.map(Timestamp.iso) ?? "-", status, String(st?.consecutiveFailures ?? 0),
                        st?.nextDueAt.map(Timestamp.iso) ?? "now", String(counts[s.id] ?? 0),
                        Self.oneLine(st?.lastError ?? ""),
                    ])
                }
            }
            if !json {
                print(
                    Self.table(
                        header: [
                            "ID", "KIND", "EVERY", "LAST ATTEMPT", "LAST SUCCESS", "STATUS", "FAILURES",
                            "NEXT DUE", "ITEMS", "LAST ERROR",
                        ], rows: rows))
            }
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        }
    }

    /// The status as a person reads it.
    static func statusText(_ status: SourceStatus?) -> String {
        switch status {
        case nil: return "never crawled"
        case .blocked?: return "blocked by robots.txt"
        case let s?: return s.rawValue
        }
    }

    static func duration(_ t: TimeInterval) -> String {
        if t.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(t / 86_400))d" }
        if t.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(t / 3600))h" }
        if t.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(t / 60))m" }
        return "\(Int(t))s"
    }

    static func oneLine(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return flat.count > 100 ? String(flat.prefix(99)) + "…" : flat
    }

    static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in
                i == r.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
