import Foundation
import TestSupport
import Testing

/// A `veille run` worker frozen (SIGSTOP: a stopped machine, a VM paused) between its fetch and its write,
/// past its lease, while another worker takes its source over and stores a newer page; then resumed. The
/// fence (issue 22, "exactly once") refuses its stale write: the archive keeps the newer text, one `changed`
/// delta, and the resumed worker leaves the source to the other and exits normally.
@Suite("veille run: a worker frozen past its lease", .serialized, .timeLimit(.minutes(10)))
struct FrozenWorkerTests {
    static let host = "h0.localhost"

    static func feed(_ version: String) -> String {
        """
        <rss version="2.0"><channel><title>S</title><item><guid>g-1</guid><title>Titre \(version)</title>\
        <description>Texte \(version).</description></item></channel></rss>
        """
    }

    @Test("its stale write is refused; the newer page stays, with one changed delta")
    func frozenWorkerWritesNothing() async throws {
        let w = try await PipelineWorld()
        let database = try PostgresServer.shared().createDatabase("frozen")
        defer { database.drop() }
        func value(_ sql: String) throws -> String {
            try database.psql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try w.server.write("\(Self.host)/robots.txt", "User-agent: *\nDisallow: /private/\n")
        try w.server.write("\(Self.host)/feed.xml", Self.feed("v1"))
        try """
        contact: https://example.org/veille-tests
        sources:
          - id: s
            kind: feed
            url: \(w.server.url("/feed.xml", host: Self.host))
            every: 1h
            timeout: 120s
            delay: 100ms

        """.write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        func start(_ id: String) throws -> (Process, URL) {
            let log = w.dir.appendingPathComponent("\(id).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            // A long lease: the worker renews it every 20 s, so nothing but the fence stands between its
            // resumed crawl and the write (its lease is made to lapse below, as 60 s of a stopped VM would).
            process.arguments = [
                "run", "--all", "--config", w.config.path, "--db", database.url, "--out", w.out, "--worker", id,
                "--lease", "60", "--hold", "4",
            ]
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            return (process, log)
        }
        func finished(_ worker: (Process, URL)) async -> String {
            let done = await CoordinatedRunTests.World.exited(worker.0)
            let text = CoordinatedRunTests.World.text(worker.1)
            #expect(done && worker.0.terminationStatus == 0, "\(text)")
            return text
        }

        // Night 1: the page's first version.
        _ = await finished(try start("first"))
        #expect(try value("SELECT title FROM item") == "Titre v1")

        // Night 2: worker a's request is answered after 8 s (slack for a loaded machine to notice it); a is
        // stopped while it waits.
        try w.server.route("\(Self.host)/feed.xml", .delayed(8))
        let arrived = w.server.arrivals(path: "/feed.xml")
        let answered = w.server.requests(path: "/feed.xml").count
        let a = try start("a")
        defer { if a.0.isRunning { kill(a.0.processIdentifier, SIGKILL) } }
        for _ in 0..<1200 where w.server.arrivals(path: "/feed.xml") == arrived {
            try await Task.sleep(for: .milliseconds(25))
        }
        kill(a.0.processIdentifier, SIGSTOP)
        #expect(w.server.arrivals(path: "/feed.xml") == arrived + 1, "worker a's request never came")
        try w.server.write("\(Self.host)/feed.xml", Self.feed("v2")) // a's answer, read after the delay
        for _ in 0..<1600 where w.server.requests(path: "/feed.xml").count == answered {
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(w.server.requests(path: "/feed.xml").count == answered + 1, "a's answer was never sent")
        // The page changes again, and a's lease lapses while it is stopped.
        try w.server.write("\(Self.host)/feed.xml", Self.feed("v3"))
        try w.server.route("\(Self.host)/feed.xml", nil)
        #expect(try value("SELECT count(*) FROM coord_sources WHERE worker = 'a' AND done_at IS NULL") == "1")
        try database.psql(
            "UPDATE coord_sources SET lease_until = clock_timestamp() - interval '1 second' WHERE worker = 'a'")

        // Worker b joins a's night, takes the source over and stores v3.
        _ = await finished(try start("b"))
        #expect(try value("SELECT title FROM item") == "Titre v3")
        #expect(try value("SELECT count(*) FROM delta WHERE kind = 'changed'") == "1")

        // a resumes with v2 in hand: its write is refused, it leaves the source to b and ends normally.
        kill(a.0.processIdentifier, SIGCONT)
        let aLog = await finished(a)
        #expect(aLog.contains("lease lost"), "\(aLog)")
        #expect(try value("SELECT title FROM item") == "Titre v3", "the stale page replaced the newer one")
        #expect(try value("SELECT string_agg(kind, ',' ORDER BY id) FROM delta") == "new,changed")
        #expect(try value("SELECT count(*) FROM itemRevision") == "2")
        #expect(
            try value(
                "SELECT done_by || ' ' || claims FROM coord_sources WHERE night = (SELECT max(night) FROM coord_sources)"
            )
                == "b 2")
    }
}
