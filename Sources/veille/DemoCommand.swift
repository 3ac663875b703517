import ArgumentParser
import Foundation
import Pipeline

/// `veille demo`: offline, serves the bundled mirror on 127.0.0.1, runs the pipeline, changes the mirror,
/// runs it again (304s for the unchanged feeds, exactly the new and changed deltas) and prints the second
/// digest's path.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Offline demo: serve bundled fixtures on 127.0.0.1, run twice, show the digest.")

    @Option(help: "The mirror folder (day1/, day2/).")
    var mirror = "Feeds/demo"

    @Option(help: "Where the demo's database and digests go.")
    var out = "demo-out"

    @Flag(help: "Only errors on stderr.")
    var quiet = false

    func run() async throws {
        let logger = GlobalOptions.parseOrExit(quiet ? ["--quiet"] : []).bootstrapLogging()
        let day1 = (mirror as NSString).appendingPathComponent("day1")
        let day2 = (mirror as NSString).appendingPathComponent("day2")
        guard
            let files = try? FileManager.default.contentsOfDirectory(atPath: day1).filter({ $0.hasSuffix(".xml") })
                .sorted(),
            !files.isEmpty
        else {
            printError("demo: no feeds in \(day1)")
            throw ExitCode(2)
        }
        let server = try DemoServer(roots: [day1])
        defer { server.stop() }
        try? FileManager.default.removeItem(atPath: out)
        let config = (out as NSString).appendingPathComponent("Feeds")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        var yaml =
            "# Written by `veille demo`: the bundled mirror served on 127.0.0.1.\ncontact: https://example.org/veille-demo\nsources:\n"
        for f in files {
            let id = (f as NSString).deletingPathExtension
            yaml += "  - id: \(id)\n    kind: feed\n    url: http://127.0.0.1:\(server.port)/\(f)\n    every: 1h\n"
        }
        if FileManager.default.fileExists(atPath: day1 + "/senat/questions.csv") {
            yaml += "  - id: senat-questions\n    kind: senate-questions\n"
            yaml += "    csv: http://127.0.0.1:\(server.port)/senat/questions.csv\n"
            yaml += "    pages: http://127.0.0.1:\(server.port)/senat/base/\n    every: 1h\n"
        }
        try yaml.write(
            toFile: (config as NSString).appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        // The shipped watchlist, and the file digests an analyst reads: Markdown and HTML, grouped by
        // campaign, following Russia and Azerbaijan too (day 2 edits the title of an item linked to the
        // Kremlin only, so the digest shows what changed in it).
        let watchlist = ((mirror as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            "watchlist.yaml")
        if FileManager.default.fileExists(atPath: watchlist) {
            try FileManager.default.copyItem(
                atPath: watchlist, toPath: (config as NSString).appendingPathComponent("watchlist.yaml"))
            try Self.digestsYAML.write(
                toFile: (config as NSString).appendingPathComponent("digests.yaml"), atomically: true,
                encoding: .utf8)
        }
        let digests = (out as NSString).appendingPathComponent("digests")
        let db = (out as NSString).appendingPathComponent("veille.sqlite")
        let options = RunOptions(command: .demo, configDir: config, databasePath: db, outDir: digests, all: true)
        do {
            let first = try await NightlyRun(options: options, logger: logger).run()
            FileHandle.standardError.write(Data(("day 1: " + first.summaryLine + "\n").utf8))
            server.setRoots([day2, day1])
            let second = try await NightlyRun(options: options, logger: logger).run()
            FileHandle.standardError.write(Data(("day 2: " + second.summaryLine + "\n").utf8))
            if let md = second.digestPaths.first(where: { $0.hasSuffix(".md") }) {
                if !quiet, let text = try? String(contentsOfFile: md, encoding: .utf8) {
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
            for path in second.digestPaths { print(path) }
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        }
    }

    /// The demo's `digests.yaml`: one Markdown and one HTML file digest, following two actors.
    static let digestsYAML = """
        # Written by `veille demo`.
        digests:
          - id: demo
            channel: file
            format: markdown
            actors: [russia, azerbaijan]
            quiet: false
          - id: demo-html
            channel: file
            format: html
            actors: [russia, azerbaijan]
            quiet: false

        """
}
