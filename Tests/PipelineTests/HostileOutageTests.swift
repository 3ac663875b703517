import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Outages: the database file read-only, its folder read-only, the database's
/// disk full, the digest folder's disk full. Each gives a clear error and a non-zero exit (4 for the
/// database, 5 for the digests), loses nothing, and the next run recovers.
///
/// `chmod 444` does not stop root, so the outages are real mounts made inside a private mount namespace
/// (`unshare -rm`): a read-only bind mount, a small full tmpfs. Where this machine refuses them the
/// tests are disabled and say why.
@Suite(.enabled(if: Hostile.canMount, "unshare -rm cannot mount a tmpfs here: outage tests skipped"))
struct HostileOutageTests {
    /// Runs `script` in a private mount namespace with `$VEILLE` (the binary), `$ARGS` (config and out
    /// options, not the database) and `$W` (the world's folder) set; returns its output.
    static func inNamespace(_ w: PipelineWorld, _ script: String) throws -> CLITests.Result {
        let env = ["VEILLE": CLITests.binary, "CONFIG": w.config.path, "OUT": w.out, "W": w.dir.path, "DB": w.db]
        return try CLITests.exec("/usr/bin/unshare", ["-rm", "sh", "-c", "set -u\n" + script], env: env)
    }

    /// A feed of `count` items with bodies of about `size` bytes each.
    static func feed(_ count: Int, from: Int = 0, size: Int = 200) -> String {
        let filler = String(repeating: "Texte d'article assez long pour occuper des pages. ", count: max(1, size / 50))
        let items = (from..<from + count).map {
            "<item><guid>o-\($0)</guid><title>Article \($0)</title><description>\($0) \(filler)</description></item>"
        }
        return
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outage</title>\(items.joined())</channel></rss>"
    }

    func world(items: Int) async throws -> PipelineWorld {
        let w = try await PipelineWorld()
        try w.server.write("feed.xml", Self.feed(items))
        try Hostile.configure(w, [Hostile.feed(w, id: "outage", path: "/feed.xml")])
        return w
    }

    /// Exactly the served items, each with one `new` delta.
    static func expectAllStoredOnce(_ w: PipelineWorld, db: String, count: Int) throws {
        #expect(try Store(path: db).integrityCheck() == "ok")
        let rows = try Hostile.query(db, "SELECT count(*), count(DISTINCT guid) FROM item")
        #expect(rows == [["\(count)", "\(count)"]])
        let doubled = try Hostile.query(
            db, "SELECT itemId FROM delta WHERE kind = 'new' GROUP BY itemId HAVING count(*) > 1")
        #expect(doubled.isEmpty)
        let news = try Hostile.query(db, "SELECT count(*) FROM delta WHERE kind = 'new'")
        #expect(news == [["\(count)"]])
    }

    @Test(arguments: ["the database file", "the database's folder"])
    func aReadOnlyDatabaseExits4AndTheNextRunRecovers(_ what: String) async throws {
        let w = try await world(items: 5)
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        try w.server.write("feed.xml", Self.feed(8))
        let target = what == "the database file" ? "$DB" : "$W"
        let r = try Self.inNamespace(
            w,
            """
            mount --bind "\(target)" "\(target)" && mount -o remount,bind,ro "\(target)" || exit 99
            "$VEILLE" run --all --config "$CONFIG" --db "$DB" --out "$OUT"
            """)
        #expect(r.code == 4, "\(what): exit \(r.code): \(r.stderr.suffix(1_000))")
        let said = r.stderr.lowercased()
        #expect(
            said.contains("readonly") || said.contains("read-only") || said.contains("read only"),
            "\(what): \(r.stderr.suffix(500))")
        try Self.expectAllStoredOnce(w, db: w.db, count: 5)
        let again = try CLITests.run(["run", "--all"] + common)
        #expect(again.code == 0, "\(again.stderr.suffix(500))")
        try Self.expectAllStoredOnce(w, db: w.db, count: 8)
    }

    @Test func aFullDiskUnderTheDatabaseExits4AndTheNextRunRecovers() async throws {
        let w = try await world(items: 5)
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        try w.server.write("feed.xml", Self.feed(400, size: 2_000))
        let full = w.dir.appendingPathComponent("full")
        let saved = w.dir.appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: saved, withIntermediateDirectories: true)
        let r = try Self.inNamespace(
            w,
            """
            F="$W/full"
            # Room enough, once the filler is gone, for the 400 items beside what the failed run left in
            # the WAL (with 4 MB the recovering run sometimes filled the disk again).
            mount -t tmpfs -o size=16m tmpfs "$F" || exit 99
            cp "$DB" "$DB-wal" "$F/" 2>/dev/null; cp "$DB" "$F/"
            dd if=/dev/zero of="$F/filler" bs=4k 2>/dev/null
            "$VEILLE" run --all --config "$CONFIG" --db "$F/veille.sqlite" --out "$OUT" 2>"$W/full.err"
            echo "full=$?"
            rm -f "$F/filler"
            "$VEILLE" run --all --config "$CONFIG" --db "$F/veille.sqlite" --out "$OUT" 2>"$W/recovered.err"
            echo "recovered=$?"
            cp "$F"/veille.sqlite* "$W/saved/"
            """)
        let err = (try? String(contentsOf: w.dir.appendingPathComponent("full.err"), encoding: .utf8)) ?? ""
        #expect(r.stdout.contains("full=4"), "\(r.stdout) \(r.stderr) \(err.suffix(1_000))")
        #expect(err.lowercased().contains("full") || err.contains("disk"), "a clear error: \(err.suffix(500))")
        #expect(
            r.stdout.contains("recovered=0"),
            "\(r.stdout) \(String(describing: try? String(contentsOf: w.dir.appendingPathComponent("recovered.err"), encoding: .utf8)))"
        )
        try Self.expectAllStoredOnce(w, db: saved.appendingPathComponent("veille.sqlite").path, count: 400)
    }

    @Test func aFullDiskUnderTheDigestsExits5KeepsTheDeltasAndRecovers() async throws {
        let w = try await world(items: 5)
        let common = ["--config", w.config.path, "--db", w.db, "--out", w.out]
        #expect(try CLITests.run(["run", "--all"] + common).code == 0)
        try w.server.write("feed.xml", Self.feed(50))
        let r = try Self.inNamespace(
            w,
            """
            mount -t tmpfs -o size=64k tmpfs "$OUT" || exit 99
            dd if=/dev/zero of="$OUT/filler" bs=4k 2>/dev/null
            "$VEILLE" run --all --config "$CONFIG" --db "$DB" --out "$OUT" 2>"$W/full.err"
            echo "full=$?"
            rm -f "$OUT/filler"
            "$VEILLE" run --all --config "$CONFIG" --db "$DB" --out "$OUT" 2>"$W/recovered.err"
            echo "recovered=$?"
            ls -a "$OUT"
            """)
        let err = (try? String(contentsOf: w.dir.appendingPathComponent("full.err"), encoding: .utf8)) ?? ""
        #expect(r.stdout.contains("full=5"), "\(r.stdout) \(r.stderr) \(err.suffix(1_000))")
        #expect(
            err.lowercased().contains("space") || err.lowercased().contains("full") || err.contains("digest"),
            "\(err.suffix(500))")
        #expect(r.stdout.contains("recovered=0"), "\(r.stdout)")
        #expect(!r.stdout.contains(".tmp"), "no temporary digest left behind: \(r.stdout)")
        // Nothing lost: the 45 new deltas of the undelivered run are stored, once.
        try Self.expectAllStoredOnce(w, db: w.db, count: 50)
        let kept = try Hostile.query(w.db, "SELECT count(*) FROM delta WHERE kind = 'new' AND baseline = 0")
        #expect(kept == [["45"]])
    }
}
