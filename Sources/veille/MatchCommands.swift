import ArgumentParser
import Foundation
import Matching
import Pipeline
import Storage
import VeilleCore

/// Loads the watchlist named by `--watchlist`, or the config folder's; exit 2 when it is missing or broken.
func loadWatchlist(_ path: String?, global: GlobalOptions) throws -> MatchStage {
    let file = path ?? (global.config as NSString).appendingPathComponent("watchlist.yaml")
    do {
        guard let stage = try MatchStage.load(path: file) else {
            throw PipelineError.configuration("\(file): cannot read the file")
        }
        return stage
    } catch let e as PipelineError {
        printError(e.description)
        throw ExitCode(e.exitCode)
    }
}

/// `veille match FILE|-` and `veille match --batch`: plain UTF-8 text → its matches as JSON.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Match plain UTF-8 text against the watchlist and print the matches as JSON.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The watchlist (default: <config>/watchlist.yaml).")
    var watchlist: String?

    @Flag(help: "Read paths on stdin and print JSON Lines with \"file\", on every core, in input order.")
    var batch = false

    @Argument(help: "A text file, or - for stdin.")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE (or -) or --batch") }
    }

    func run() throws {
        let stage = try loadWatchlist(watchlist, global: global)
        if batch {
            let compiled = stage.compiled
            BatchLoop.runParallel { path, out in MatchBatch.line(forPath: path, compiled: compiled, into: &out) }
            return
        }
        let data: Data?
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: file ?? "")
        }
        guard let data else {
            printError("\(file ?? ""): cannot read the file")
            throw ExitCode(2)
        }
        print(MatchBatch.object(forText: String(decoding: data, as: UTF8.self), compiled: stage.compiled))
    }
}

/// `veille rematch [--since WHEN] [--dry-run]`: replays the watchlist over stored items; links only.
struct RematchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract:
            "Replay the watchlist over stored items and report the links added and removed (never creates deltas).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only items first seen since: RFC 3339 time, YYYY-MM-DD, or a duration (36h, 7d).")
    var since: String?

    @Flag(name: .customLong("dry-run"), help: "Report what would change; change nothing.")
    var dryRun = false

    @Flag(help: "JSON Lines: one object per link added or removed.")
    var json = false

    func validate() throws {
        _ = try parseSinceOption(since)
    }

    func run() throws {
        _ = global.bootstrapLogging()
        let stage = try loadWatchlist(nil, global: global)
        do {
            let lock = dryRun ? nil : try RunLock(databasePath: global.db)
            defer { withExtendedLifetime(lock) {} }
            let store = try NightlyRun.openStore(global.db)
            let items = try store.items(firstSeenSince: try parseSinceOption(since))
            let changes = try stage.rematch(store: store, items: items, at: Date(), dryRun: dryRun)
            for (item, entity) in changes.added { report("added", item, entity) }
            for (item, entity) in changes.removed { report("removed", item, entity) }
            FileHandle.standardError.write(
                Data(
                    ("\(dryRun ? "would change" : "changed"): \(items.count) items matched, \(changes.added.count) links added, \(changes.removed.count) removed\n")
                        .utf8))
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        } catch {
            printError("\(error)")
            throw ExitCode(4)
        }
    }

    func report(_ change: String, _ item: Int64, _ entity: String) {
        if json {
            print(
                JSONValue.object([("change", .string(change)), ("item", .int(Int(item))), ("entity", .string(entity))])
                    .serialized())
        } else {
            print("\(change == "added" ? "+" : "-") item \(item) \(entity)")
        }
    }
}

/// `veille search QUERY`: the archive through FTS5, most recent first, with snippets.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the archive (titles and texts), most recent first, with snippets.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words to find.")
    var query: [String]

    @Option(help: "Only items linked to this campaign.")
    var campaign: String?

    @Option(help: "Only items linked to this actor.")
    var actor: String?

    @Option(help: "Only items first seen since: RFC 3339 time, YYYY-MM-DD, or a duration (36h, 7d).")
    var since: String?

    @Option(help: "The most results.")
    var limit = 50

    @Flag(help: "JSON Lines.")
    var json = false

    func validate() throws {
        _ = try parseSinceOption(since)
    }

    func run() throws {
        _ = global.bootstrapLogging()
        do {
            let store = try NightlyRun.openStore(global.db)
            let hits = try store.search(
                query.joined(separator: " "), entity: campaign ?? actor,
                since: try parseSinceOption(since), limit: limit)
            for h in hits {
                if json {
                    print(
                        JSONValue.object([
                            ("item", .int(Int(h.itemID))), ("source", .string(h.source)),
                            ("title", .string(h.title)), ("url", .string(h.url)),
                            ("first_seen", .time(h.firstSeen)), ("snippet", .string(h.snippet)),
                        ]).serialized())
                } else {
                    print(
                        "\(Timestamp.iso(h.firstSeen))  [\(h.source)] \(normalizeWhitespace(h.title))\n    \(h.url ?? "")\n    \(normalizeWhitespace(h.snippet))"
                    )
                }
            }
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        } catch {
            printError("\(error)")
            throw ExitCode(4)
        }
    }
}
