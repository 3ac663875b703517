import ArgumentParser
import Foundation

/// `veille senate`: the Sénat's written questions (Sénat issue).
struct SenateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "senate", abstract: "Sénat written questions.", subcommands: [])
}
