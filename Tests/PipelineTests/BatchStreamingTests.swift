import Foundation
import Testing

/// `--batch` as a streaming caller sees it: each line is written as soon as it is ready, even while the
/// input stays open, and the path list is read the way files of paths are written.
@Suite struct BatchStreamingTests {
    /// A caller that sends one path, waits for its line, then sends the next: the first line must come
    /// before the input ends (a worker waiting for more input must not hold back a line that is ready).
    @Test func aLineComesOutBeforeTheInputEnds() throws {
        let good = PipelineWorld.fixture("atom-hand.xml").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["feed", "--batch"]
        let input = Pipe()
        let output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data("\(good)\n".utf8))
        // Waits for output with poll(2), at most 20 s in all: should the line never come, the test fails
        // (and ends the process) instead of hanging.
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(20)
        var first = Data()
        while !first.contains(0x0A), Date() < deadline {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 200) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        guard first.contains(0x0A) else {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            Issue.record("no line came while the input stayed open")
            return
        }
        #expect(p.isRunning, "the process must still be waiting for input")
        #expect(String(decoding: first, as: UTF8.self).contains("Première entrée"))
        input.fileHandleForWriting.write(Data("/no/such/second.xml\n".utf8))
        try input.fileHandleForWriting.close()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = String(decoding: first + rest, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2 && lines.last?.contains("/no/such/second.xml") == true)
    }

    /// CRLF line ends, blank lines and a last line without a newline: one output line per real path,
    /// the `\r` not part of the path.
    @Test func pathListsWithCRLFBlankLinesAndNoFinalNewline() throws {
        let good = PipelineWorld.fixture("atom-hand.xml").path
        let r = try CLITests.run(["feed", "--batch"], stdin: "\r\n\(good)\r\n\n\n/no/such/x.xml\r\n\(good)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.code == 0 && lines.count == 3)
        #expect(lines[0].contains("Première entrée") && lines[2].contains("Première entrée"))
        #expect(lines[1].contains("\"file\":\"/no/such/x.xml\"") && lines[1].contains("\"error\""))
    }

    /// More paths than fit in one read of the input (64 KB), so lines and blocks split anywhere.
    @Test func aLongPathListIsReadWhole() throws {
        let paths = (0..<3000).map { "/no/such/directory/with/a/long/name/feed-\($0).xml" }
        let r = try CLITests.run(["feed", "--batch"], stdin: paths.joined(separator: "\n") + "\n")
        let lines = r.stdout.split(separator: "\n")
        #expect(r.code == 0 && lines.count == paths.count)
        #expect(zip(paths, lines).allSatisfy { $1.contains("\"file\":\"\($0)\"") })
    }
}
