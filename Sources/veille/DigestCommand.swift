import ArgumentParser
import Foundation
import Pipeline

/// `veille digest [--digest ID] [--dry-run]` and `veille digest --replay RUN --digest ID --to-file PATH`.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Send or write the digests of Feeds/digests.yaml that are pending now.",
        discussion: """
            Each delta goes to each recipient exactly once: a message is stored with its Message-ID before it \
            is sent and marked delivered only once the server accepted it; a failed one is sent again, the same \
            message, before any newer one. `veille run` does this at the end of every run. Exit 5 when a \
            delivery failed (pending deltas kept).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this digest id.")
    var digest: String?

    @Flag(name: .customLong("dry-run"), help: "Print the next digest and change nothing.")
    var dryRun = false

    @Option(help: "Render the digest of this past run again (with --digest and --to-file).")
    var replay: Int64?

    @Option(
        name: .customLong("to-file"),
        help: "Where --replay writes (format from the extension: html, md, json, atom, txt, eml).")
    var toFile: String?

    func validate() throws {
        if replay != nil {
            guard digest != nil, toFile != nil else {
                throw ValidationError("--replay needs --digest ID and --to-file PATH")
            }
            if dryRun { throw ValidationError("--replay and --dry-run are exclusive") }
        } else if toFile != nil {
            throw ValidationError("--to-file goes with --replay")
        }
    }

    func run() throws {
        _ = global.bootstrapLogging()
        let options = RunOptions(command: .run, configDir: global.config, databasePath: global.db, outDir: global.out)
        do {
            if let replay, let digest, let toFile {
                try DigestCommandSupport.replay(options: options, run: replay, digest: digest, path: toFile)
                print(toFile)
                return
            }
            let result = try DigestCommandSupport.run(options: options, digest: digest, dryRun: dryRun)
            if let text = result.text { FileHandle.standardOutput.write(Data(text.utf8)) }
            for path in result.paths { print(path) }
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        }
    }
}
