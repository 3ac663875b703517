import Foundation
import Pipeline
import TestSupport
import Testing

/// The `veille` executable as a user runs it: exit codes, stdout discipline, environment variables.
@Suite struct CLITests {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `veille` next to the test bundle.
    static var binary: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("veille").path
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Result {
        try exec(binary, args, stdin: stdin, env: env)
    }

    @discardableResult
    static func exec(
        _ executable: String, _ args: [String], stdin: String? = nil, env: [String: String] = [:],
        cwd: URL? = nil
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func helpAndUsage() throws {
        #expect(try Self.run(["--help"]).code == 0)
        for sub in ["run", "crawl", "sources", "feed", "export", "demo"] {
            #expect(try Self.run([sub, "--help"]).code == 0, "\(sub) --help")
        }
        #expect(try Self.run(["run", "--no-such-flag"]).code == 2)
        #expect(try Self.run(["crawl"]).code == 2)
        #expect(try Self.run(["export", "deltas", "--run", "1", "--since", "7d"]).code == 2)
    }

    @Test func exitCodesOfARun() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.server.route("/down.xml", .status(503))
        try w.configure([("good", "/atom.xml"), ("down", "/down.xml")])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]

        let ok = try Self.run(["run", "--all"] + common)
        #expect(ok.code == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("1 failed"))
        #expect(try Self.run(["run", "--all", "--strict"] + common).code == 1)

        let unknown = try Self.run(["crawl", "--source", "nope"] + common)
        #expect(unknown.code == 2 && unknown.stderr.contains("known: good, down"))

        do {
            let held = try RunLock(databasePath: w.db)
            let locked = try Self.run(["run", "--all"] + common)
            #expect(locked.code == 3 && locked.stderr.contains("pid"))
            withExtendedLifetime(held) {}
        }

        // An unwritable digest folder: exit 5, the run's deltas are kept.
        let blocker = w.dir.appendingPathComponent("not-a-folder")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        try w.server.write(
            "atom.xml",
            try PipelineWorld.fixtureText("atom-hand.xml").replacingOccurrences(
                of: "Deuxième entrée</title>", with: "Deuxième entrée (mise à jour)</title>"))
        let undelivered = try Self.run([
            "run", "--all", "--config", w.config.path, "--db", w.db, "--out", blocker.path + "/sub",
        ])
        #expect(undelivered.code == 5, "\(undelivered.stderr)")
        let exported = try Self.run(["export", "deltas"] + common)
        #expect(exported.stdout.contains("\"kind\":\"changed\""))
        // Pending deltas are kept: the next run whose digest can be written carries them.
        let recovered = try Self.run(["run", "--all"] + common)
        #expect(recovered.code == 0)
        let digest = try #require(recovered.stdout.split(separator: "\n").first { $0.hasSuffix(".json") })
        #expect(try String(contentsOfFile: String(digest), encoding: .utf8).contains("Deuxième entrée (mise à jour)"))

        try "sources:\n  - id: x\n    kind: feed\n".write(
            to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let bad = try Self.run(["run"] + common)
        #expect(bad.code == 2 && bad.stderr.contains("sources.yaml") && bad.stderr.contains("url"))
    }

    @Test func exportPrintsOnlyJSONLinesAndReadsEnvironmentVariables() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        let env = ["VEILLE_CONFIG": w.config.path, "VEILLE_DB": w.db, "VEILLE_OUT": w.out]
        #expect(try Self.run(["run"], env: env).code == 0)
        let export = try Self.run(["export", "deltas"], env: env)
        #expect(export.code == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(
                obj["kind"] as? String == "new" && obj["baseline"] as? Bool == true
                    && obj["source"] as? String == "atom-example")
            #expect(obj["item"] is [String: Any] && obj["campaigns"] is [Any] && obj["actors"] is [Any])
        }
        #expect(try Self.run(["export", "deltas", "--since", "1h"], env: env).stdout.split(separator: "\n").count == 2)
        #expect(try Self.run(["export", "deltas", "--since", "2999-01-01"], env: env).stdout.isEmpty)
        let sources = try Self.run(["sources", "--json"], env: env)
        #expect(sources.stdout.contains("\"status\":\"ok\"") && sources.stdout.contains("\"items\":2"))
        #expect(try Self.run(["sources"], env: env).stdout.contains("atom-example"))
    }

    @Test func feedBatchGoesOnAfterABadFile() throws {
        let good = PipelineWorld.fixture("atom-hand.xml").path
        let r = try Self.run(["feed", "--batch"], stdin: "/no/such/file.xml\n\(good)\n")
        let lines = r.stdout.split(separator: "\n")
        #expect(r.code == 0 && lines.count == 2)
        #expect(lines[0].contains("\"error\"") && lines[0].contains("/no/such/file.xml"))
        #expect(lines[1].contains("Première entrée") && !lines[1].contains("\"error\""))
    }

    /// Lines come out in input order, one per path, whatever order the parsing threads finish in: small
    /// and large feeds and missing files interleaved, each line the same as for that file alone.
    @Test func feedBatchKeepsInputOrderAcrossThreads() throws {
        let files = ["atom-hand.xml", "lemonde-international.rss", "lemonde-windows-1252.rss"].map {
            PipelineWorld.fixture($0).path
        }
        let paths = (0..<240).map { i in i % 7 == 3 ? "/no/such/feed-\(i).xml" : files[i % files.count] }
        let r = try Self.run(["feed", "--batch"], stdin: paths.joined(separator: "\n") + "\n")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.code == 0 && lines.count == paths.count)
        let alone = try Dictionary(uniqueKeysWithValues: files.map { ($0, try Self.run(["feed", $0]).stdout) })
        for (path, line) in zip(paths, lines) {
            if let expected = alone[path] {
                #expect(line + "\n" == expected, "\(path)")
            } else {
                #expect(line.contains("\"error\"") && line.contains(path))
            }
        }
    }

    @Test func extractPrintsTheArticleAndBatchGoesOnAfterABadFile() throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-extract-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: page) }
        try ArticleStageTests.page(ArticleStageTests.body).write(to: page, atomically: true, encoding: .utf8)
        let one = try Self.run(["extract", page.path, "--url", "https://journal.example/articles/1.html"])
        #expect(one.code == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect((obj["title"] as? String)?.hasPrefix("Campagne de désinformation") == true)
        #expect((obj["text"] as? String)?.contains("comptes inauthentiques") == true)
        #expect((obj["text"] as? String)?.contains("Mentions légales") == false)
        let batch = try Self.run(["extract", "--batch"], stdin: "/no/such/page.html\n\(page.path)\n")
        let lines = batch.stdout.split(separator: "\n")
        #expect(batch.code == 0 && lines.count == 2)
        #expect(lines[0].contains("/no/such/page.html") && lines[1].contains("inauthentiques"))
    }

    @Test func cronWrapperPassesTheExitCodeAndNeverOverlaps() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        let script = Self.repositoryRoot.appendingPathComponent("cron/nightly.sh").path
        let env = [
            "VEILLE_BIN": Self.binary, "VEILLE_CONFIG": w.config.path, "VEILLE_DB": w.db, "VEILLE_OUT": w.out,
            "VEILLE_LOGS": w.dir.appendingPathComponent("logs").path, "VEILLE_ENV": "/nonexistent",
        ]
        let ok = try Self.exec("/bin/bash", [script], env: env)
        #expect(ok.code == 0 && ok.stderr.isEmpty, "\(ok.stderr)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: w.dir.appendingPathComponent("logs").path)
        #expect(logs.count == 1 && logs[0].hasPrefix("veille-") && logs[0].hasSuffix(".log"))

        // Hold the wrapper's lock as another run would: the wrapper exits 3 at once.
        let fd = open(w.db + ".cron.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let busy = try Self.exec("/bin/bash", [script], env: env)
        close(fd)
        #expect(busy.code == 3)

        try "sources: [".write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let bad = try Self.exec("/bin/bash", [script], env: env)
        #expect(bad.code == 2 && bad.stderr.contains("exited 2"))
    }
}
