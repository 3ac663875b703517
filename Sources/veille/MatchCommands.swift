import ArgumentParser
import Foundation
import Matching
import Pipeline
import Storage
import VeilleCore

/// The watchlist of a command: compiled for matching, and as written (for the names of its entries).
struct LoadedWatchlist {
    var stage: MatchStage
    var watchlist: Watchlist

    /// The display name of a campaign or actor id (the id itself when the watchlist does not know it).
    func name(_ id: String) -> String {
        watchlist.entity(id: id)?.name ?? id
    }
}

/// Loads the watchlist named by `--watchlist`, or the config folder's; exit 2 when it is missing or broken.
func loadWatchlist(_ path: String?, global: GlobalOptions) throws -> LoadedWatchlist {
    let file = path ?? (global.config as NSString).appendingPathComponent("watchlist.yaml")
    guard FileManager.default.fileExists(atPath: file) else {
        printError("\(file): cannot read the file")
        throw ExitCode(2)
    }
    do {
        let watchlist = try Watchlist.load(path: file)
        return LoadedWatchlist(stage: MatchStage(CompiledWatchlist(watchlist)), watchlist: watchlist)
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// `veille match FILE|-` and `veille match --batch`: plain UTF-8 text → its matches as JSON.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match plain UTF-8 text against the watchlist and print the matches (JSON unless on a terminal).",
        discussion: """
            On a terminal, one readable line per campaign or actor found (its name, the words matched and \
            where); piped, redirected or with --json, the JSON object of the README.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The watchlist (default: <config>/watchlist.yaml).")
    var watchlist: String?

    @Flag(help: "Read paths on stdin and print JSON Lines with \"file\", on every core, in input order.")
    var batch = false

    @Flag(help: "The JSON object even on a terminal.")
    var json = false

    @Argument(help: "A text file, or - for stdin.")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE (or -) or --batch") }
    }

    func run() throws {
        let loaded = try loadWatchlist(watchlist, global: global)
        let stage = loaded.stage
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
        let text = String(decoding: data, as: UTF8.self)
        if json || isatty(STDOUT_FILENO) != 1 {
            print(MatchBatch.object(forText: text, compiled: stage.compiled))
            return
        }
        let lines = MatchReadable.lines(
            stage.compiled.match(title: nil, text: text, url: nil, canonicalURL: nil), watchlist: loaded)
        if lines.isEmpty { FileHandle.standardError.write(Data("no match\n".utf8)) }
        for line in lines { print(line) }
    }
}
