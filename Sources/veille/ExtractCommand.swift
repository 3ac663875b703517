import ArgumentParser
import Foundation

/// `veille extract FILE [--url URL]` and `veille extract --batch` (extraction issue).
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract the article of an HTML page as JSON.")
}
