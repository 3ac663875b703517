import ArgumentParser
import Foundation
import Parliament

/// `veille assemblee`: the Assemblée nationale's written questions.
struct AssembleeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assemblee", abstract: "Assemblée nationale written questions.",
        subcommands: [AssembleeParseCommand.self])
}

/// `veille assemblee parse FILE.json` prints one record of the open-data archive as JSON;
/// `veille assemblee parse --batch` reads paths on stdin and prints JSON Lines with `file` added.
///
/// Exit 2 with a message on stderr for a file that cannot be read or is not a question record (without
/// `--batch`; in a batch such a file gives an `error` line and the next path follows).
struct AssembleeParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract:
            "Parse Assemblée question records (json/QANR5L….json) into JSON (one object, or JSON Lines with --batch)."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read paths on stdin (one per line) and print JSON Lines with `file` added.")
    var batch = false

    @Argument(help: "A question record, e.g. QANR5L17QE1234.json (without --batch).")
    var file: String?

    func validate() throws {
        if !batch, file == nil { throw ValidationError("give a FILE or --batch") }
        if batch, file != nil { throw ValidationError("give either a FILE or --batch, not both") }
    }

    func run() throws {
        guard let file, !batch else {
            BatchLoop.run { path in AssembleeJSON.line(forPath: path) }
            return
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("veille assemblee parse: \(file): cannot read the file\n".utf8))
            throw ExitCode(2)
        }
        do {
            let name = URL(fileURLWithPath: file).lastPathComponent
            print(AssembleeJSON.object(try AssembleeRecordReader.read(Array(data), fileName: name)))
        } catch {
            FileHandle.standardError.write(Data("veille assemblee parse: \(file): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
