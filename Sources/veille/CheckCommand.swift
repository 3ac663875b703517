import ArgumentParser
import Foundation
import Pipeline

/// `veille check`: validates every file of the config folder and reports every problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every file of the config folder and report all the problems (exit 2 if any).",
        discussion: """
            Reads sources.yaml, watchlist.yaml with watchlist.d/*.yaml, sites.yaml and digests.yaml (the last \
            three when present) and lists every problem on stderr, one a line, as FILE:LINE: ENTRY: key 'KEY': \
            PROBLEM; a run stops at the first one. Exit 0 with a line per file when all is well, 2 otherwise. \
            Touches neither the database nor the network.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.bootstrapLogging()
        let result = ConfigCheck.run(configDir: global.config)
        guard result.errors.isEmpty else {
            for e in result.errors { FileHandle.standardError.write(Data((e.description + "\n").utf8)) }
            let n = result.errors.count
            printError("\(n) \(n == 1 ? "problem" : "problems") in \(global.config)")
            throw ExitCode(2)
        }
        for line in result.files { print(line) }
    }
}
