import Foundation
import TestSupport
import Testing

/// Several `veille run` processes (the built binary) on one real PostgreSQL database: a loopback mirror of
/// 200 sites on 50 hosts (`hN.localhost`, which libcurl sends to 127.0.0.1), a real SMTP server. Two nights:
/// every new item stored once, no delta lost or doubled, one request at a time per host with no gap under
/// the delay across processes, a worker killed with SIGKILL whose sources the others finish, the digest
/// sent once per recipient and night; and a worker that loses the database stops with exit 4, its leases
/// given back.
@Suite("veille run, several workers on PostgreSQL", .serialized)
struct CoordinatedRunTests {
    static let hosts = 50
    static let perHost = 4
    static let delay = 0.3

    /// The feed of site `f` of host `h` on night `night`: 3 entries the first night, 2 more the second, and
    /// the first entry's title changed.
    static func feed(h: Int, f: Int, night: Int) -> String {
        let count = night == 1 ? 3 : 5
        let items = (1...count).map { n in
            let title = night == 2 && n == 1 ? "Titre \(h)-\(f)-\(n) (corrigé)" : "Titre \(h)-\(f)-\(n)"
            return
                "<item><guid>g-\(h)-\(f)-\(n)</guid><title>\(title)</title><description>Texte \(n).</description></item>"
        }
        return "<rss version=\"2.0\"><channel><title>S\(h)-\(f)</title>\(items.joined())</channel></rss>"
    }

    /// A world: the HTTP mirror, the config (sources, digests.yaml on the SMTP sink), the database.
    struct World {
        let w: PipelineWorld
        let database: PostgresTestDatabase
        let sink: HostileSMTPOutageTests.MailSink
        let delay: Double

        init(_ name: String, delay: Double = CoordinatedRunTests.delay) async throws {
            self.delay = delay
            w = try await PipelineWorld()
            database = try PostgresServer.shared().createDatabase(name)
            try w.server.setLatency(0.02)
            var yaml = "contact: https://example.org/veille-tests\nsources:\n"
            for h in 0..<CoordinatedRunTests.hosts {
                let host = "h\(h).localhost"
                try w.server.write("\(host)/robots.txt", "User-agent: *\nDisallow: /private/\n")
                for f in 0..<CoordinatedRunTests.perHost {
                    try w.server.write("\(host)/feed-\(f).xml", CoordinatedRunTests.feed(h: h, f: f, night: 1))
                    yaml += """
                          - id: s\(h)-\(f)
                            kind: feed
                            url: \(w.server.url("/feed-\(f).xml", host: host))
                            every: 1h
                            timeout: 10s
                            delay: \(Int(delay * 1000))ms

                        """
                }
            }
            try yaml.write(to: w.config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
            let port = try HostileSMTPOutageTests.freePort()
            sink = try await HostileSMTPOutageTests.MailSink(port: port, folder: w.dir.appendingPathComponent("mail"))
            try """
            smtp:
              url: smtp://127.0.0.1:\(port)
              from: "veille <veille@example.org>"
              starttls: never
              pause: 10ms
              timeout: 10s
            digests:
              - {id: desk, channel: email, to: [a@example.org, b@example.org], unmatched: true, quiet: false}

            """.write(to: w.config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        }

        func value(_ sql: String) throws -> String {
            try database.psql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Starts `veille run --all` as worker `id`; its stdout and stderr go to a file returned with it.
        func start(_ id: String, _ extra: [String] = []) throws -> (Process, URL) {
            let log = w.dir.appendingPathComponent("\(id).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments =
                [
                    "run", "--all", "--config", w.config.path, "--db", database.url, "--out", w.out, "--worker", id,
                    "--lease", "3", "--hold", "4",
                ] + extra
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            return (process, log)
        }

        static func text(_ log: URL) -> String {
            String(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(1500))
        }

        /// Waits for each process and expects exit 0.
        func expectSuccess(_ workers: [(Process, URL)]) async {
            for (process, log) in workers {
                #expect(await World.exited(process), "\(World.text(log))")
                #expect(process.terminationStatus == 0, "\(World.text(log))")
            }
        }

        /// Waits up to `seconds` for `process` to end, without holding a thread of the cooperative pool;
        /// false (and the process killed) when it did not: a hung worker fails the test instead of the run.
        static func exited(_ process: Process, within seconds: Double = 180) async -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(100)) }
            guard process.isRunning else {
                process.waitUntilExit()
                return true
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }

        /// The database says the same as the feeds: each entry stored once with one `new` delta, the
        /// revisions and `changed` deltas of the second night once per changed entry, every delta in
        /// the outbox once per recipient and delivered, no source unfinished, no host held.
        func expectConsistent(night: Int) throws {
            let sites = CoordinatedRunTests.hosts * CoordinatedRunTests.perHost
            let entries = sites * (night == 1 ? 3 : 5)
            #expect(try value("SELECT count(*) FROM item") == "\(entries)")
            #expect(try value("SELECT count(DISTINCT (sourceId, guid)) FROM item") == "\(entries)")
            #expect(try value("SELECT count(*) FROM delta WHERE kind = 'new'") == "\(entries)")
            #expect(
                try value("SELECT count(*) FROM (SELECT itemId FROM delta WHERE kind = 'new' GROUP BY itemId) t")
                    == "\(entries)")
            #expect(try value("SELECT count(*) FROM delta WHERE kind = 'changed'") == "\(night == 1 ? 0 : sites)")
            #expect(
                try value("SELECT count(*) FROM delta WHERE kind NOT IN ('new', 'changed')") == "0",
                "no other kind of delta")
            let deltas = try value("SELECT count(*) FROM delta")
            for recipient in ["a@example.org", "b@example.org"] {
                #expect(try value("SELECT count(*) FROM outbox WHERE recipient = '\(recipient)'") == deltas)
                #expect(
                    try value(
                        "SELECT count(*) FROM outbox WHERE recipient = '\(recipient)' AND deliveredAt IS NOT NULL")
                        == deltas)
            }
            #expect(try value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL") == "0")
            #expect(try value("SELECT count(*) FROM coord_hosts WHERE holder IS NOT NULL") == "0")
            #expect(try value("SELECT count(*) FROM coord_nights WHERE digest_sent_at IS NOT NULL") == "\(night)")
        }

        /// One request at a time per host, across processes, and no gap under the delay.
        func expectPolite() {
            let politeness = HostPoliteness(requests: w.server.requests(), finishes: w.server.finishTimes())
            #expect(politeness.maxInFlight == 1)
            // The server stamps arrival and end from a Python thread: 20 ms of slack for that, no more.
            #expect(politeness.minGap >= delay - 0.02, "smallest gap \(politeness.minGap) s")
            #expect(politeness.perHost.count == CoordinatedRunTests.hosts)
        }

        /// Each recipient's messages, expecting `count` of them.
        func mail(count: Int) throws -> [String: [String]] {
            var byRecipient: [String: [String]] = [:]
            for m in try sink.messages() { for to in m.to { byRecipient[to, default: []].append(m.raw) } }
            for recipient in ["a@example.org", "b@example.org"] {
                #expect(byRecipient[recipient]?.count == count, "\(recipient): \(byRecipient[recipient]?.count ?? 0)")
            }
            return byRecipient
        }
    }

    @Test("3 workers, two nights, one killed with SIGKILL: items and deltas once, polite, one digest per night")
    func threeWorkersTwoNights() async throws {
        let world = try await World("night3")
        defer {
            world.sink.stop()
            world.database.drop()
        }
        // Night 1: three workers together.
        await world.expectSuccess(try (0..<3).map { try world.start("w\($0)") })
        try world.expectConsistent(night: 1)
        world.expectPolite()
        #expect(try world.value("SELECT count(DISTINCT done_by) FROM coord_sources") == "3", "all three worked")
        #expect(
            world.w.server.requests().filter { $0.path == "/robots.txt" }.count == Self.hosts,
            "robots.txt fetched once per host")
        _ = try world.mail(count: 1)

        // Night 2: new entries and a changed title on every site; the first worker is killed once it
        // holds leases, the two others finish its sources when the leases expire.
        for h in 0..<Self.hosts {
            for f in 0..<Self.perHost {
                try world.w.server.write("h\(h).localhost/feed-\(f).xml", Self.feed(h: h, f: f, night: 2))
            }
        }
        let before = world.w.server.requests().count
        let victim = try world.start("victim")
        var held = ""
        for _ in 0..<600 {
            held =
                (try? world.value(
                    """
                    SELECT count(*) FROM coord_sources s JOIN coord_nights n USING (night)
                    WHERE s.worker = 'victim' AND s.done_at IS NULL AND n.digest_sent_at IS NULL
                    """)) ?? ""
            if held != "0" && held != "" { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let survivors = try (1...2).map { try world.start("v\($0)") }
        try await Task.sleep(for: .milliseconds(500))
        kill(victim.0.processIdentifier, SIGKILL)
        victim.0.waitUntilExit()
        #expect(victim.0.terminationReason == .uncaughtSignal)
        let orphaned = try world.value(
            "SELECT count(*) FROM coord_sources WHERE worker = 'victim' AND done_at IS NULL")
        #expect(orphaned != "0", "the victim held no lease when killed")
        await world.expectSuccess(survivors)
        try world.expectConsistent(night: 2)
        world.expectPolite()
        #expect(
            try world.value(
                """
                SELECT count(*) FROM coord_sources s JOIN coord_nights n USING (night)
                WHERE n.digest_sent_at IS NOT NULL AND s.claims > 1 AND s.done_by <> 'victim'
                """) != "0", "sources taken over from the victim")
        #expect(world.w.server.requests().count > before)
        let mail = try world.mail(count: 2)
        // The second night's message lists each new entry once (the first night's were the baseline).
        for recipient in ["a@example.org", "b@example.org"] {
            let second = mail[recipient]?.last ?? ""
            for (h, f) in [(0, 0), (17, 2), (49, 3)] {
                #expect(second.contains("Titre \(h)-\(f)-4"), "\(recipient): entry \(h)-\(f)-4 listed")
            }
        }
    }

    @Test("a worker that loses the database retries, then stops with exit 4 and its leases given back")
    func lostDatabase() async throws {
        let world = try await World("lostdb", delay: 1)
        defer {
            world.sink.stop()
            world.database.drop()
        }
        let role = "lost_\(UUID().uuidString.prefix(6).lowercased())"
        try world.database.psql("CREATE ROLE \(role) LOGIN SUPERUSER PASSWORD 'pw'")
        defer { _ = try? world.database.psql("DROP ROLE IF EXISTS \(role)") }
        let url = "postgres://\(role):pw@127.0.0.1:\(world.database.server.port)/\(world.database.name)"
        let log = world.w.dir.appendingPathComponent("lost.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = [
            "run", "--all", "--config", world.w.config.path, "--db", url, "--out", world.w.out, "--worker", "lost",
            "--lease", "30", "--retry", "2",
        ]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        for _ in 0..<600 {
            let held =
                (try? world.value("SELECT count(*) FROM coord_sources WHERE worker = 'lost' AND done_at IS NULL")) ?? ""
            if held != "0" && held != "" { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        // A connection cut once is retried: the worker goes on.
        try world.database.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
        try await Task.sleep(for: .milliseconds(500))
        #expect(process.isRunning, "\(World.text(log))")
        // Then the database refuses this worker for longer than its retry budget.
        try world.database.psql("ALTER ROLE \(role) NOLOGIN")
        try world.database.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
        // Long enough for a crawl to fail at the host gate and its worker's next statement to fail too.
        try await Task.sleep(for: .seconds(9))
        try world.database.psql("ALTER ROLE \(role) LOGIN")
        #expect(await World.exited(process), "the worker did not stop: \(World.text(log))")
        let output = World.text(log)
        #expect(process.terminationStatus == 4, "\(output)")
        #expect(output.contains("PostgreSQL: cannot connect") && output.contains("crawling night"), "\(output)")
        // Its leases were given back once the database answered again: nothing is held in its name.
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE worker = 'lost' AND done_at IS NULL") == "0")
        #expect(try world.value("SELECT status FROM run ORDER BY id DESC LIMIT 1") == "interrupted")
    }

    @Test("workers starting together on a fresh database migrate it once, none failing")
    func concurrentMigration() async throws {
        let server = try PostgresServer.shared()
        for round in 0..<3 {
            let database = try server.createDatabase("migrate\(round)")
            defer { database.drop() }
            let processes = try (0..<6).map { _ in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLITests.binary)
                process.arguments = ["export", "deltas", "--db", database.url]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes { #expect(await World.exited(process), "round \(round)") }
            #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 6), "round \(round)")
            #expect(
                try database.psql("SELECT count(*) FROM veilleMigration").trimmingCharacters(
                    in: .whitespacesAndNewlines) != "0")
        }
    }

    @Test("a wrong password or an unreachable server is exit 4 with the reason")
    func unreachable() async throws {
        let w = try await PipelineWorld()
        try w.configure([("atom-example", "/atom.xml")])
        let server = try PostgresServer.shared()
        let wrong = try CLITests.run(
            ["run", "--config", w.config.path, "--out", w.out],
            env: ["VEILLE_DB": "postgres://veille:wrong-password@127.0.0.1:\(server.port)/postgres"])
        #expect(wrong.code == 4 && wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("wrong-password"))
        let refused = try CLITests.run(
            ["run", "--config", w.config.path, "--out", w.out, "--db", "postgres://veille@127.0.0.1:1/veille"])
        #expect(refused.code == 4 && refused.stderr.lowercased().contains("refused"), "\(refused.stderr)")
    }
}
