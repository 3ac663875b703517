import Coordination
import Foundation
import TestSupport
import Testing

/// Worker processes (`veille-bench worker`: the coordinated fetch path of a run, without the store)
/// against the real server and a loopback HTTP server: the database host gate keeps one request at a
/// time per host across processes with the delay from the end of each answer, and a worker killed with
/// SIGKILL has its sources finished by the others once its leases expire.
@Suite("Worker processes (PostgreSQL)", .serialized, .timeLimit(.minutes(10)))
struct WorkerProcessTests {
    /// A loopback server with `hosts` host names, `perHost` feeds each (and robots.txt), answers after
    /// `latency`; the sources and the `--resolve` arguments that send the names to it.
    static func mirror(hosts: Int, perHost: Int, latency: Double) async throws -> (
        TestHTTPServer, [(String, String)], [String]
    ) {
        let http = try await TestHTTPServer.start()
        try http.setLatency(latency)
        var sources: [(String, String)] = []
        var resolve: [String] = []
        for h in 0..<hosts {
            let name = "h\(h).coord.test"
            resolve += ["--resolve", http.resolveEntry(for: name)]
            try http.write("\(name)/robots.txt", "User-agent: *\nDisallow: /private/\n")
            for f in 0..<perHost {
                try http.write(
                    "\(name)/feed-\(f).xml", "<rss version=\"2.0\"><channel><title>\(h)-\(f)</title></channel></rss>")
                sources.append(("h\(h)-f\(f)", http.url("/feed-\(f).xml", host: name)))
            }
        }
        return (http, sources, resolve)
    }

    @Test(
        "3 worker processes: one request at a time per host, no gap under the delay, robots.txt fetched once per host")
    func hostGateAcrossProcesses() async throws {
        let world = try CoordinationWorld("gate")
        defer { world.drop() }
        let (http, sources, resolve) = try await Self.mirror(hosts: 6, perHost: 5, latency: 0.05)
        defer { http.stop() }
        let file = try CoordinationWorld.sourcesFile(sources)
        defer { try? FileManager.default.removeItem(at: file) }
        let delay = 0.3
        let workers = try (0..<3).map { n in
            try CoordinationWorld.startWorker(
                [
                    "--db", world.database.url, "--sources", file.path, "--night", "n", "--worker", "w\(n)",
                    "--delay", String(delay), "--concurrency", "4", "--lease", "10",
                ] + resolve)
        }
        for (process, log) in workers {
            process.waitUntilExit()
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(output)")
        }
        let requests = http.requests()
        let outcomes = try world.value("SELECT string_agg(DISTINCT outcome, ' | ') FROM coord_sources")
        #expect(outcomes == "ok HTTP 200")
        let politeness = HostPoliteness(requests: requests, finishes: http.finishTimes())
        #expect(politeness.maxInFlight == 1)
        // The server stamps arrival and end from a Python thread: 20 ms of slack for that, no more.
        #expect(politeness.minGap >= delay - 0.02, "smallest gap \(politeness.minGap) s")
        #expect(politeness.perHost.count == 6)
        #expect(
            politeness.perHost.values.allSatisfy { $0 == 6 },
            "\(politeness.perHost) \(requests.map { "\($0.hostName)\($0.path) \($0.status)" })")
        #expect(requests.filter { $0.path == "/robots.txt" }.count == 6)
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE outcome = 'ok HTTP 200'") == "30")
        #expect(try world.value("SELECT count(DISTINCT done_by) FROM coord_sources") == "3")
        #expect(try world.value("SELECT count(*) FROM coord_robots") == "6")
        #expect(try world.value("SELECT count(*) FROM coord_hosts WHERE holder IS NOT NULL") == "0")
    }

    @Test("a worker killed with SIGKILL mid-night: its sources finished by the others after its leases expire")
    func killedWorker() async throws {
        let world = try CoordinationWorld("sigkill")
        defer { world.drop() }
        let (http, sources, resolve) = try await Self.mirror(hosts: 10, perHost: 4, latency: 0.3)
        defer { http.stop() }
        let file = try CoordinationWorld.sourcesFile(sources)
        defer { try? FileManager.default.removeItem(at: file) }
        let arguments = { (n: Int) in
            [
                "--db", world.database.url, "--sources", file.path, "--night", "n", "--worker", "w\(n)",
                "--delay", "0.2", "--concurrency", "3", "--batch", "3", "--lease", "2", "--hold", "3",
            ] + resolve
        }
        let victim = try CoordinationWorld.startWorker(arguments(0))
        // Let the victim claim and start crawling, then start the others and kill it.
        var held = ""
        for _ in 0..<200 {
            // The victim may not have made the tables yet.
            held =
                (try? world.value("SELECT count(*) FROM coord_sources WHERE worker = 'w0' AND done_at IS NULL")) ?? ""
            if held != "0" && held != "" { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let survivors = try (1...2).map { try CoordinationWorld.startWorker(arguments($0)) }
        try await Task.sleep(for: .milliseconds(300))
        kill(victim.0.processIdentifier, SIGKILL)
        victim.0.waitUntilExit()
        #expect(victim.0.terminationReason == .uncaughtSignal)
        let orphaned = try world.value(
            "SELECT string_agg(source_id, ',' ORDER BY source_id) FROM coord_sources WHERE worker = 'w0' AND done_at IS NULL"
        ).split(separator: ",").map(String.init)
        #expect(!orphaned.isEmpty, "the victim held no lease when killed")
        for (process, log) in survivors {
            process.waitUntilExit()
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(output)")
        }
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE done_at IS NULL") == "0")
        #expect(try world.value("SELECT count(*) FROM coord_sources WHERE outcome = 'ok HTTP 200'") == "40")
        for source in orphaned {
            #expect(try world.value("SELECT done_by FROM coord_sources WHERE source_id = '\(source)'") != "w0")
            #expect(try world.value("SELECT claims FROM coord_sources WHERE source_id = '\(source)'") == "2")
        }
        // Every feed was fetched, the orphaned ones at most twice (the victim may have sent its request).
        let requests = http.requests()
        for (id, url) in sources {
            let path = String(url[url.range(of: "/feed-")!.lowerBound...])
            let host = String(id.split(separator: "-")[0]) + ".coord.test"
            let count = requests.filter { $0.hostName == host && $0.path == path }.count
            #expect(count >= 1 && count <= (orphaned.contains(id) ? 2 : 1), "\(id): \(count) requests")
        }
        // The victim's hold on a host (if it held one) expired or was never taken: no host is held now.
        let politeness = HostPoliteness(requests: requests, finishes: http.finishTimes())
        #expect(politeness.maxInFlight == 1)
    }
}
