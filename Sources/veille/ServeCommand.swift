import ArgumentParser
import Foundation
import Logging
import Storage
import VeilleCore
import Workbench

/// `veille serve`: the analyst's workbench, a read-only web view of the archive.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A read-only web view of the archive: campaigns, items, evidence, revisions, snapshots, search.",
        discussion: """
            Opens the database read-only (it never blocks a run, applies no migration and takes no lock). \
            Listens on loopback unless --listen names another address, which then needs --token-file. \
            Exit codes: 2 bad options or configuration, 4 missing, corrupt or older database.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one).")
    var listen = "127.0.0.1:8080"

    @Option(help: "The pages' language: fr (default) or en, from the digests' message catalogue.")
    var language: DigestsConfig.Language = .fr

    @Option(
        name: .customLong("token-file"),
        help: "File holding the token every request must carry (bearer, or basic-auth password).")
    var tokenFile: String?

    func run() async throws {
        let logger = global.bootstrapLogging()
        let address: ListenAddress
        var token: String?
        do {
            address = try ListenAddress(parsing: listen)
            if let tokenFile { token = try Self.readToken(tokenFile) }
            if !address.isLoopback && token == nil { throw WorkbenchError.exposedWithoutToken(listen) }
        } catch let e as WorkbenchError {
            printError(e.description)
            throw ExitCode(2)
        }
        let workbench = try ShowCommand.openWorkbench(global)
        let renderer: Renderer
        do { renderer = try await Renderer.load(language: language) } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let app = try WorkbenchServer.application(
            workbench: workbench, renderer: renderer, listen: address, token: token, logger: logger
        ) { port in
            let host = address.host.contains(":") ? "[\(address.host)]" : address.host
            let line = "veille serve: listening on http://\(host):\(port)/ (read-only; Ctrl-C stops)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }

    /// The token file's first line, trimmed.
    static func readToken(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbenchError.badTokenFile(path: path, message: "cannot be read")
        }
        let token =
            String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw WorkbenchError.badTokenFile(path: path, message: "the token must be at least 16 characters")
        }
        return token
    }
}

/// `veille show ITEM_ID [--diff [REV_A REV_B]] [--json]`: the item page on a terminal.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One item as the workbench shows it: evidence, text, revisions, snapshots, Sénat timeline.",
        discussion: "Exit codes: 1 no such item, 2 bad usage, 4 database error.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The item id.")
    var itemID: Int64

    @Argument(help: "With --diff: the two revision numbers to compare (default the last two).")
    var revisions: [Int64] = []

    @Flag(help: "Show the word diff between two revisions ([-deleted-] {+inserted+}).")
    var diff = false

    @Flag(help: "The item page's JSON (the keys of GET /items/ID with Accept: application/json).")
    var json = false

    func validate() throws {
        if !revisions.isEmpty && !diff { throw ValidationError("revision numbers go with --diff") }
        if diff && !(revisions.isEmpty || revisions.count == 2) {
            throw ValidationError("--diff takes no revision or two (REV_A REV_B)")
        }
    }

    func run() async throws {
        _ = global.bootstrapLogging()
        let workbench = try Self.openWorkbench(global)
        let a = revisions.first
        let b = revisions.count == 2 ? revisions[1] : nil
        do {
            let out =
                json
                ? try workbench.itemJSON(id: itemID, a: a, b: b).map { $0 + "\n" }
                : try workbench.itemText(id: itemID, diff: diff, a: a, b: b)
            guard let out else {
                printError("no item \(itemID)")
                throw ExitCode(1)
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        } catch let e as WorkbenchError {
            printError(e.description)
            throw ExitCode(2)
        } catch let e as StorageError {
            printError(e.description)
            throw ExitCode(4)
        }
    }

    /// Opens the archive read-only (exit 4 when it is missing, corrupt or older) and the watchlist and
    /// sources of the config folder (exit 2 when the watchlist is broken; both optional).
    static func openWorkbench(_ global: GlobalOptions) throws -> Workbench {
        let reader: ArchiveReader
        do { reader = try ArchiveReader(path: global.db) } catch let e as StorageError {
            printError(e.description)
            throw ExitCode(4)
        }
        let folder = global.config as NSString
        let watchlistPath = folder.appendingPathComponent("watchlist.yaml")
        var watchlist = Watchlist(actors: [], campaigns: [])
        if FileManager.default.fileExists(atPath: watchlistPath) {
            do { watchlist = try Watchlist.load(path: watchlistPath) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        let sourcesPath = folder.appendingPathComponent("sources.yaml")
        let sources = (try? SourcesFile.load(path: sourcesPath))?.sources ?? []
        return Workbench(reader: reader, watchlist: watchlist, sources: sources)
    }
}

extension DigestsConfig.Language: ExpressibleByArgument {}
