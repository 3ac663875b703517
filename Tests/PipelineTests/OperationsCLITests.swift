import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The operations commands as a user runs them: `sources --json`, `backup`, `prune`, `vacuum`.
@Suite struct OperationsCLITests {
    @Test func sourcesJSONHasEveryColumn() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.server.write("robots.txt", "User-agent: veille\nDisallow: /no.xml\n")
        try w.configure([("good", "/atom.xml"), ("down", "/down.xml"), ("shy", "/no.xml")])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        let run = try CLITests.run(["run"] + common)
        // Not a terminal: no live progress line, only the final summary on stderr.
        #expect(
            run.code == 0 && !run.stderr.contains("\u{1B}[K") && run.stderr.contains("run 1: 3 sources"),
            "\(run.stderr)")
        let r = try CLITests.run(["sources", "--json"] + common)
        #expect(r.code == 0)
        var rows: [String: [String: Any]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            rows[try #require(object["id"] as? String)] = object
        }
        #expect(rows.count == 3)
        let columns: Set<String> = [
            "id", "kind", "every", "last_attempt", "last_success", "status", "failures",
            "next_due", "items", "last_error",
        ]
        for (id, row) in rows { #expect(columns.isSubset(of: Set(row.keys)), "\(id): \(row.keys.sorted())") }
        let good = try #require(rows["good"])
        #expect(
            good["kind"] as? String == "feed" && good["every"] as? String == "1h" && good["status"] as? String == "ok")
        #expect(good["items"] as? Int == 2 && good["failures"] as? Int == 0 && good["last_success"] is String)
        let down = try #require(rows["down"])
        #expect(down["status"] as? String == "failed" && down["failures"] as? Int == 1)
        #expect((down["last_error"] as? String)?.contains("404") == true && down["last_success"] is NSNull)
        let shy = try #require(rows["shy"])
        #expect(shy["status"] as? String == "blocked" && shy["failures"] as? Int == 0)
        #expect((shy["last_error"] as? String)?.contains("blocked by robots.txt") == true)
    }

    @Test func backupPruneAndVacuumFromTheCommandLine() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("lemonde-international.rss"), to: "int.xml")
        try w.configure([("int", "/int.xml")])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run"] + common).code == 0)

        let copy = w.dir.appendingPathComponent("copy.sqlite").path
        let backup = try CLITests.run(["backup", copy] + common)
        #expect(backup.code == 0, "\(backup.stderr)")
        #expect(try Store(path: copy).rowCounts() == w.store().rowCounts())

        let dry = try CLITests.run(["prune", "--older-than", "365d", "--dry-run"] + common)
        #expect(dry.code == 0 && dry.stdout.contains("would remove 0 revisions"), "\(dry.stdout)\(dry.stderr)")
        #expect(try CLITests.run(["prune", "--older-than", "soon"] + common).code == 2)
        #expect(try CLITests.run(["prune", "--older-than", "1s"] + common).code == 0)
        let vacuum = try CLITests.run(["vacuum"] + common)
        #expect(vacuum.code == 0 && vacuum.stdout.contains("vacuumed"), "\(vacuum.stderr)")

        // Writers wait for no one: a held lock is exit 3; the dry run and the backup take none.
        let held = try RunLock(databasePath: w.db)
        let locked = try CLITests.run(["vacuum"] + common)
        #expect(locked.code == 3 && locked.stderr.contains("pid \(getpid())"))
        #expect(try CLITests.run(["prune", "--older-than", "365d"] + common).code == 3)
        #expect(try CLITests.run(["prune", "--older-than", "365d", "--dry-run"] + common).code == 0)
        #expect(try CLITests.run(["backup", copy] + common).code == 0)
        withExtendedLifetime(held) {}

        let missing = try CLITests.run(["vacuum", "--db", w.dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.code == 4 && missing.stderr.contains("does not exist"))
    }
}
