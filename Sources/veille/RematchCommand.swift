import ArgumentParser
import Foundation
import Pipeline
import Storage
import VeilleCore

/// `veille rematch [--since WHEN] [--dry-run]`: replays the watchlist over stored items; links only.
struct RematchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract:
            "Replay the watchlist over stored items and report the links added and removed (never creates deltas).",
        discussion: """
            Each change is one line: + (added) or - (removed), the item's id and title, the campaign or actor, \
            and for an added link the words that matched. The summary on stderr says how many items were \
            re-scanned.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only items first seen since: RFC 3339 time, YYYY-MM-DD, or a duration (36h, 7d).")
    var since: String?

    @Flag(name: .customLong("dry-run"), help: "Report what would change; change nothing.")
    var dryRun = false

    @Flag(help: "JSON Lines: one object per link added or removed (change, item, entity, title, words).")
    var json = false

    func validate() throws {
        _ = try parseSinceOption(since)
    }

    func run() throws {
        _ = global.bootstrapLogging()
        let loaded = try loadWatchlist(nil, global: global)
        do {
            let lock = dryRun ? nil : try RunLock(databasePath: global.db)
            defer { withExtendedLifetime(lock) {} }
            let store = try NightlyRun.openStore(global.db)
            let items = try store.items(firstSeenSince: try parseSinceOption(since))
            let rematch = {
                try loaded.stage.rematchWithLinks(store: store, items: items, at: Date(), dryRun: dryRun)
            }
            // On PostgreSQL, never beside a worker's matching (the workers' digest lock); on SQLite the lock
            // file keeps runs away.
            let (changes, links) = try dryRun ? rematch() : store.holdingDigestLock(rematch)
            let titles = Dictionary(items.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            for (item, entity) in changes.added {
                let link = links[item]?.first { $0.entityID == entity }
                report("added", item, titles[item] ?? nil, entity, words: link.map(Self.words) ?? [], loaded)
            }
            for (item, entity) in changes.removed {
                report("removed", item, titles[item] ?? nil, entity, words: [], loaded)
            }
            let summary =
                dryRun
                ? "re-scanned \(items.count) items (dry run, nothing changed): \(changes.added.count) links would be added, \(changes.removed.count) removed"
                : "re-scanned \(items.count) items: \(changes.added.count) links added, \(changes.removed.count) removed"
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        } catch {
            printError("\(error)")
            throw ExitCode(4)
        }
    }

    /// One change: a JSON Lines object, or `+ item 12 «title» → Name (id): "word", "word"`.
    func report(
        _ change: String, _ item: Int64, _ title: String?, _ entity: String, words: [String], _ loaded: LoadedWatchlist
    ) {
        if json {
            print(
                JSONValue.object([
                    ("change", .string(change)), ("item", .int(Int(item))), ("entity", .string(entity)),
                    ("title", .string(title)), ("words", .array(words.map { .string($0) })),
                ])
                .serialized())
        } else {
            let shown = normalizeWhitespace(title)
            var line =
                "\(change == "added" ? "+" : "-") item \(item) \"\(shown.isEmpty ? "(untitled)" : shown)\" → "
                + "\(loaded.name(entity)) (\(entity))"
            if !words.isEmpty { line += ": " + words.map { "\"\($0)\"" }.joined(separator: ", ") }
            print(line)
        }
    }

    /// The distinct words a link's evidence found, in order (its JSON list's `found` values).
    static func words(_ link: ItemLink) -> [String] {
        guard
            let list = try? JSONSerialization.jsonObject(with: Data(link.evidence.utf8)) as? [[String: Any]]
        else { return [] }
        var seen = Set<String>()
        return list.compactMap { $0["found"] as? String }.map { normalizeWhitespace($0) }
            .filter { seen.insert($0).inserted }
    }
}
