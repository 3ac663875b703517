import ArgumentParser
import Extraction
import Foundation
import Pipeline

/// `veille extract FILE [--url URL]` and `veille extract --batch`: an HTML page → its
/// article as JSON.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the article of an HTML page as JSON (--batch: paths on stdin, JSON Lines).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read paths on stdin and print one JSON line per path.")
    var batch = false

    @Option(help: "The page's URL (resolves relative links, picks site rules).")
    var url: String?

    @Option(help: "HTTP charset of the page, if known.")
    var charset: String?

    @Argument(help: "An HTML file (without --batch).")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE or --batch") }
    }

    func run() throws {
        let rules: SiteRules
        do {
            rules = try NightlyRun.loadSiteRules((global.config as NSString).appendingPathComponent("sites.yaml"))
        } catch let e as PipelineError {
            printError(e.description)
            throw ExitCode(e.exitCode)
        }
        if batch {
            // Pages are independent: extracted on every core, written in input order as they are ready.
            BatchLoop.run(workers: ProcessInfo.processInfo.activeProcessorCount) {
                ExtractBatch.line(forPath: $0, rules: rules)
            }
            return
        }
        guard let file, let data = FileManager.default.contents(atPath: file) else {
            printError("\(file ?? ""): cannot read the file")
            throw ExitCode(2)
        }
        let article = ArticleExtractor.extract([UInt8](data), url: url, httpCharset: charset, rules: rules)
        print(ExtractBatch.json(article))
    }
}
