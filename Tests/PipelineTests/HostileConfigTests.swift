import Foundation
import Pipeline
import TestSupport
import Testing

/// Regression from fuzzing the watchlist loader (Tests/Fuzz, target `watchlist`): a YAML alias bomb
/// ("billion laughs" with anchors) of a few hundred bytes. `ConfigNode.convert` copies every alias into
/// its tree, so each level multiplies time and memory by 9 (levels 5, 6, 7: 0.16 s, 1 s, 8 s and 30 MB,
/// 73 MB, 465 MB in a debug build; level 8 does not finish in 30 s). Every config file goes through
/// `ConfigNode` (sources, watchlist, digests, sites). Expected: refused at once with a named error
/// (exit 2). The run is given 5 s and 2 GB of address space, then killed.
@Suite struct HostileConfigTests {
    static func aliasBomb(levels: Int) -> String {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1..<levels {
            yaml +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return yaml
    }

    @Test func aYAMLAliasBombInTheWatchlistIsRefusedAtOnce() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try Hostile.configure(w, [Hostile.feed(w, id: "atom", path: "/atom.xml")])
        try Self.aliasBomb(levels: 7).write(
            to: w.config.appendingPathComponent("watchlist.yaml"), atomically: true, encoding: .utf8)
        let script = "ulimit -v 2000000; exec \"$0\" run --all --config \"$1\" --db \"$2\" --out \"$3\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, CLITests.binary, w.config.path, w.db, w.out]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!hung, "veille was still expanding the aliases after 5 s")
        #expect(
            process.terminationReason == .exit && process.terminationStatus == 2,
            "exit \(process.terminationStatus): \(stderr.suffix(500))")
        #expect(stderr.contains("watchlist.yaml"))
    }
}
