import ArgumentParser
import Foundation
import Logging

/// The entry point: parses the command line, maps errors to the README's exit codes (usage: 2).
@main
enum VeilleMain {
    static func main() async {
        if let message = Veille.unknownSubcommand(in: Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data(("veille: " + message + "\n").utf8))
            exit(2)
        }
        do {
            var command = try Veille.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let exitCode = Veille.exitCode(for: error)
            let message = Veille.fullMessage(for: error)
            if exitCode == .success {
                print(message)
                exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(2)
        }
    }
}

/// `veille`: parliamentary and press monitoring, one nightly pipeline.
struct Veille: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veille",
        abstract: "Parliamentary and press monitoring: what is new about the campaigns and actors you follow.",
        discussion: """
            Exit codes: 0 completed (failed sources are reported, not fatal; --strict makes them 1), \
            2 bad configuration or usage, 3 another run holds the lock, 4 database error, \
            5 digest delivery failed (pending deltas kept). When several apply, the highest wins.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CrawlCommand.self, CheckCommand.self, SourcesCommand.self, FeedCommand.self,
            ExportCommand.self, MatchCommand.self, RematchCommand.self, SearchCommand.self, SenateCommand.self,
            AssembleeCommand.self, ExtractCommand.self, WatchlistCommand.self,
            BackupCommand.self, PruneCommand.self, VacuumCommand.self, DemoCommand.self, DigestCommand.self,
            ServeCommand.self, ShowCommand.self, CopyDBCommand.self,
        ],
        defaultSubcommand: nil
    )
}
