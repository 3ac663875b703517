import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// `veille` on PostgreSQL as a user runs it (`--db postgres://…` or `VEILLE_DB`), against the tests' real
/// server: the same nights as on SQLite, the same exports, copy-db, and exit 4 with the reason when the
/// server cannot be used.
@Suite struct PostgresCLITests {
    /// What a delta says, without its time and run (two databases, two runs at different times).
    static func projection(_ export: String) throws -> [String] {
        try export.split(separator: "\n").map { line in
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let item = obj["item"] as? [String: Any] ?? [:]
            return [
                obj["kind"] as? String ?? "", "\(obj["baseline"] as? Bool ?? false)", obj["source"] as? String ?? "",
                item["guid"] as? String ?? "", item["title"] as? String ?? "", "\(obj["previous"] != nil)",
            ].joined(separator: "|")
        }
    }

    @Test func twoNightsOnPostgresGiveTheDeltasTheyGiveOnSQLite() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"), to: w.config.appendingPathComponent("watchlist.yaml"))
        let pg = try PostgresServer.shared().createDatabase("cli").url
        let dbs = [w.db, pg]
        func night() throws {
            for (n, db) in dbs.enumerated() {
                let r = try CLITests.run(
                    ["run", "--all", "--config", w.config.path, "--out", w.out + "-\(n)"], env: ["VEILLE_DB": db])
                #expect(r.code == 0, "\(db): \(r.stderr)")
            }
        }
        try night()
        try w.server.write(
            "atom.xml",
            try PipelineWorld.fixtureText("atom-hand.xml").replacingOccurrences(
                of: "Deuxième entrée</title>", with: "Deuxième entrée (mise à jour)</title>"))
        try night()
        let exports = try dbs.map { db in try CLITests.run(["export", "deltas", "--since", "2000-01-01", "--db", db]) }
        #expect(exports.allSatisfy { $0.code == 0 }, "\(exports.map(\.stderr))")
        let sqlite = try Self.projection(exports[0].stdout)
        #expect(sqlite.count == 3 && sqlite.last?.hasPrefix("changed|false|atom-example|") == true, "\(sqlite)")
        #expect(try Self.projection(exports[1].stdout) == sqlite)
        // The second night's digest, as files, says the same on both.
        for n in 0..<2 {
            let files = try FileManager.default.contentsOfDirectory(atPath: w.out + "-\(n)").filter {
                $0.hasSuffix(".md")
            }
            #expect(files.count == 2, "\(files)")
        }
        // Search, through veille's parser on PostgreSQL.
        let found = try CLITests.run(["search", "deuxieme", "--json", "--db", pg])
        #expect(found.code == 0 && found.stdout.contains("Deuxième entrée (mise à jour)"), "\(found.stderr)")
        // Other commands on the same database.
        let rematch = try CLITests.run(["rematch", "--config", w.config.path, "--db", pg])
        #expect(rematch.code == 0 && rematch.stderr.contains("re-scanned 2 items"), "\(rematch.stderr)")
        let prune = try CLITests.run(["prune", "--older-than", "365d", "--db", pg])
        #expect(prune.code == 0 && prune.stdout.contains("removed 0 revisions"), "\(prune.stderr)")
        let sources = try CLITests.run(["sources", "--config", w.config.path, "--db", pg])
        #expect(sources.code == 0 && sources.stdout.contains("atom-example"), "\(sources.stderr)")
        let backup = try CLITests.run(["backup", w.dir.appendingPathComponent("b.sqlite").path, "--db", pg])
        #expect(backup.code == 4 && backup.stderr.contains("pg_dump"), "\(backup.stderr)")
    }

    /// `veille rematch` on PostgreSQL waits while a worker holds the digest lock (its matching and digest):
    /// a session holding the lock for 3 s, then writing a mark, has written it before rematch ends.
    @Test func rematchWaitsForTheWorkersDigestLock() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        try FileManager.default.copyItem(
            at: PipelineWorld.fixture("watchlist.yaml"), to: w.config.appendingPathComponent("watchlist.yaml"))
        let database = try PostgresServer.shared().createDatabase("rematchlock")
        defer { database.drop() }
        let run = try CLITests.run(["run", "--all", "--config", w.config.path, "--out", w.out, "--db", database.url])
        #expect(run.code == 0, "\(run.stderr)")
        try database.psql("CREATE TABLE lockmark (at timestamptz)")
        // The worker's session on a thread of its own: in the whole suite, a task waiting for a free
        // cooperative thread started it only after the check below had given up.
        let worker = Task {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                Thread.detachNewThread {
                    continuation.resume(
                        with: Result {
                            _ = try database.psql(
                                "SELECT pg_advisory_lock(\(Store.digestLockKey)); SELECT pg_sleep(3); "
                                    + "INSERT INTO lockmark VALUES (clock_timestamp())")
                        })
                }
            }
        }
        // The lock taken in this database (other suites take advisory locks in theirs at the same time).
        var taken = false
        for _ in 0..<2000 where !taken {
            let held = try database.psql(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()
                """)
            taken = held.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
            if !taken { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(taken, "the worker's session never took the lock")
        let rematch = try CLITests.run(["rematch", "--config", w.config.path, "--db", database.url])
        #expect(rematch.code == 0, "\(rematch.stderr)")
        #expect(
            try database.psql("SELECT count(*) FROM lockmark").trimmingCharacters(in: .whitespacesAndNewlines) == "1",
            "rematch ended while the worker held the lock")
        _ = try await worker.value
    }

    @Test func copyDBMovesAnArchiveWhoseExportIsThenByteIdentical() async throws {
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "atom.xml")
        try w.configure([("atom-example", "/atom.xml")])
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        try w.server.write(
            "atom.xml",
            try PipelineWorld.fixtureText("atom-hand.xml").replacingOccurrences(
                of: "Première entrée</title>", with: "Première entrée, corrigée</title>"))
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        let pg = try PostgresServer.shared().createDatabase("copy").url
        let copied = try CLITests.run(["copy-db", "--from", w.db, "--to", pg])
        #expect(copied.code == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("counts equal") && copied.stdout.contains("itemRevision\t"), "\(copied.stdout)")
        let before = try CLITests.run(["export", "deltas", "--db", w.db])
        let after = try CLITests.run(["export", "deltas", "--db", pg])
        #expect(after.code == 0 && !after.stdout.isEmpty && after.stdout == before.stdout, "\(after.stderr)")
        // A second copy into the same database is refused: nothing is doubled.
        let again = try CLITests.run(["copy-db", "--from", w.db, "--to", pg])
        #expect(again.code == 4 && again.stderr.contains("not empty"), "\(again.stderr)")
        // The copy goes on as the archive: the next night adds to it (ids continue after the copied ones).
        #expect(try CLITests.run(["run", "--all", "--config", w.config.path, "--db", pg, "--out", w.out]).code == 0)
    }

    @Test func anUnreachableServerOrAWrongPasswordIsExit4WithTheReason() async throws {
        let w = try await PipelineWorld()
        try w.configure([("atom-example", "/atom.xml")])
        let refused = try CLITests.run([
            "run", "--all", "--config", w.config.path, "--db", "postgres://veille@127.0.0.1:1/veille", "--out", w.out,
        ])
        #expect(refused.code == 4 && refused.stderr.lowercased().contains("refused"), "\(refused.stderr)")
        let server = try PostgresServer.shared()
        let wrong = try CLITests.run(
            ["export", "deltas"],
            env: ["VEILLE_DB": "postgres://veille:wrong-password@127.0.0.1:\(server.port)/postgres"])
        #expect(wrong.code == 4 && wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("wrong-password"))
    }
}
