import ArgumentParser
import Foundation
import Parliament

/// `veille senate`: the Sénat's written questions (README, "Sénat written questions").
struct SenateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "senate", abstract: "Sénat written questions.", subcommands: [SenateParseCommand.self])
}

/// `veille senate parse FILE [--encoding NAME]` prints one JSON object (the contract in the README);
/// `veille senate parse --batch` reads paths on stdin and prints JSON Lines with `file` added.
///
/// Exit 2 with a message on stderr for a file that cannot be read or is not a question page (without
/// `--batch`; in a batch such a file gives an `error` line and the next path follows).
struct SenateParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse Sénat question pages into JSON (one object, or JSON Lines with --batch)."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read paths on stdin (one per line) and print JSON Lines with `file` added.")
    var batch = false

    @Option(help: "Read the files in this encoding (as an HTTP charset would say), e.g. iso-8859-1.")
    var encoding: String?

    @Argument(help: "A question page (without --batch).")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE or --batch") }
        if batch, file != nil { throw ValidationError("give either a FILE or --batch, not both") }
    }

    func run() throws {
        guard let file, !batch else {
            let encoding = encoding
            BatchLoop.run { path in SenateJSON.line(forPath: path, encoding: encoding) }
            return
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("veille senate parse: \(file): cannot read the file\n".utf8))
            throw ExitCode(2)
        }
        do {
            let question = try SenatePageParser.parse(Array(data), httpCharset: encoding, url: file)
            print(SenateJSON.object(question))
        } catch {
            FileHandle.standardError.write(Data("veille senate parse: \(file): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
