import ArgumentParser
import Foundation

/// `veille backup PATH`: SQLite's online backup, safe during a run (operations issue).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Back up the database (online, safe during a run).")
}
