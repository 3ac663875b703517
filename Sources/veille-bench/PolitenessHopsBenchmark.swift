import Foundation
import Pipeline
import TestSupport

/// `veille-bench politeness --hops [--hosts 20] [--feeds-per-host 2] [--items 15] [--latency 0.002]
/// [--slow 0.25] [--delay 0.2]`: politeness on every hop, judged from the servers' own logs, and how close
/// a night gets to what its slowest host allows.
///
/// One loopback server per host (127.0.0.10 and up). Each host serves FEEDS_PER_HOST RSS feeds
/// (`articles: true`) of ITEMS items. Item links are short links (`/a/ID`) answering 301: to the
/// article on the same host, to an article on the next host (every 4th item), or into `/abonnes/`, which
/// every host's robots.txt disallows (every 6th item). Host 0 is slow (SLOW seconds a response), the
/// others answer after LATENCY. Article pages are generated French news pages (about 9 KB, written for
/// this benchmark).
///
/// Two nights on fresh databases: one with `delay` DELAY, one with `delay: 0ms`. For each, from the
/// servers' logs: the most requests in flight at once on one host (must be 1), the smallest gap on a
/// host from the end of one answer to the arrival of the next (must be ≥ the delay; the server stamps the
/// end after its last write returns, so its own scheduling delay on a loaded machine makes that figure
/// smaller than the gap the client kept; the gap from the answer's first byte bounds it from above, the
/// bodies are small), the requests for
/// a disallowed path (must be 0); then the wall time next to the busiest host's serving time (the sum of
/// its answers' durations: the night cannot be shorter), and veille's CPU seconds (getrusage, this
/// process: the servers are other processes) per 1,000 article pages.
enum PolitenessHopsBenchmark {
    struct Settings {
        var hosts = 20, perHost = 2, items = 15
        var latency = 0.002, slow = 0.25, delay = 0.2
    }

    static func run(arguments: [String]) async throws -> String {
        var s = Settings()
        var i = 0
        while i + 1 < arguments.count {
            let value = arguments[i + 1]
            switch arguments[i] {
            case "--hosts": s.hosts = Int(value) ?? s.hosts
            case "--feeds-per-host": s.perHost = Int(value) ?? s.perHost
            case "--items": s.items = Int(value) ?? s.items
            case "--latency": s.latency = Double(value) ?? s.latency
            case "--slow": s.slow = Double(value) ?? s.slow
            case "--delay": s.delay = Double(value) ?? s.delay
            default: break
            }
            i += 2
        }
        var servers: [TestHTTPServer] = []
        defer { servers.forEach { $0.stop() } }
        for h in 0..<s.hosts {
            let server = try await TestHTTPServer.start(bind: "127.0.0.\(10 + h)")
            servers.append(server)
            try server.setLatency(h == 0 ? s.slow : s.latency)
            try server.setDefault("compress", false)
            try server.write("robots.txt", "User-agent: *\nDisallow: /abonnes/\n")
        }
        for h in 0..<s.hosts {
            for f in 0..<s.perHost {
                var items = ""
                for n in 0..<s.items {
                    let id = "\(h)-\(f)-\(n)"
                    let target: String
                    if n % 6 == 5 {
                        target = "/abonnes/\(id).html"
                    } else if n % 4 == 3 {
                        target = servers[(h + 1) % s.hosts].url("/articles/\(id).html")
                        try servers[(h + 1) % s.hosts].write("articles/\(id).html", page(id))
                    } else {
                        target = "/articles/\(id).html"
                        try servers[h].write("articles/\(id).html", page(id))
                    }
                    try servers[h].route("/a/\(id)", .redirect(to: target, status: 301))
                    items +=
                        "<item><title>Article \(id)</title><link>\(servers[h].url("/a/\(id)"))</link>"
                        + "<guid>g-\(id)</guid><description>Résumé de l'article \(id).</description></item>\n"
                }
                try servers[h].write(
                    "feed-\(f).xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Site \(h)-\(f)</title>\n"
                        + items + "</channel></rss>\n")
            }
        }
        var lines = [
            String(
                format:
                    "%d sites (articles: true) over %d hosts, %d items each (short links: same host, next host every 4th, into /abonnes/ every 6th); host 0 answers in %.0f ms, the others in %.0f ms",
                s.hosts * s.perHost, s.hosts, s.items, s.slow * 1000, s.latency * 1000)
        ]
        for delay in [s.delay, 0] {
            lines.append(try await night(servers: servers, settings: s, delay: delay))
        }
        return lines.joined(separator: "\n")
    }

    /// One night on a fresh database with every source's `delay` set to `delay`; its figures.
    static func night(servers: [TestHTTPServer], settings s: Settings, delay: Double) async throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veille-hops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
        var yaml = "contact: https://example.org/veille-bench\nsources:\n"
        for (h, server) in servers.enumerated() {
            for f in 0..<s.perHost {
                yaml +=
                    "  - id: h\(h)-f\(f)\n    url: \(server.url("/feed-\(f).xml"))\n    every: 1h\n    articles: true\n    delay: \(Int(delay * 1000))ms\n"
            }
        }
        try yaml.write(to: dir.appendingPathComponent("Feeds/sources.yaml"), atomically: true, encoding: .utf8)
        let options = RunOptions(
            configDir: dir.appendingPathComponent("Feeds").path,
            databasePath: dir.appendingPathComponent("v.sqlite").path,
            outDir: dir.appendingPathComponent("digests").path, all: true)
        let seen = servers.map { $0.requests().count }
        let cpuBefore = cpuSeconds()
        let started = Date()
        let report = try await NightlyRun(options: options).run()
        let ended = Date()
        let wall = ended.timeIntervalSince(started)
        let cpu = cpuSeconds() - cpuBefore

        var maxConcurrent = 0
        var smallestGap = Double.infinity
        var smallestFromAnswer = Double.infinity
        var disallowed = 0
        var busiest = (host: 0, seconds: 0.0, requests: 0, before: 0.0, idle: 0.0, after: 0.0)
        var pages = 0
        for (h, server) in servers.enumerated() {
            let log = Array(server.requests().dropFirst(seen[h]))
            let finished = server.finishTimes()
            maxConcurrent = max(maxConcurrent, log.map(\.concurrent).max() ?? 0)
            disallowed += log.filter { $0.path.hasPrefix("/abonnes/") }.count
            pages += log.filter { $0.path.hasPrefix("/articles/") && $0.status == 200 }.count
            var serving = 0.0
            var idle = 0.0
            var previousEnd: Double?
            var previousAnswer: Double?
            let ordered = log.sorted(by: { $0.arrived < $1.arrived })
            for request in ordered {
                let end = finished[request.id] ?? request.time
                serving += end - request.arrived
                if let previousEnd, let previous = previousAnswer {
                    smallestGap = min(smallestGap, request.arrived - previousEnd)
                    smallestFromAnswer = min(smallestFromAnswer, request.arrived - previous)
                    idle += max(0, request.arrived - previousEnd)
                }
                previousEnd = end
                previousAnswer = request.time
            }
            if serving > busiest.seconds, let first = ordered.first, let previousEnd {
                busiest = (
                    h, serving, log.count, first.arrived - started.timeIntervalSince1970, idle,
                    ended.timeIntervalSince1970 - previousEnd
                )
            }
        }
        let notOK = report.outcomes.filter { $0.status != .ok }.count
        return String(
            format:
                "delay %.0f ms: %.2f s wall; busiest host %d served %d requests in %.2f s (wall %.2fx; that host idle %.2f s before its first request, %.2f s between, %.2f s after its last); at most %d request(s) at once on a host; smallest gap %.4f s from the end of one answer (after its last write) to the next arrival, %.4f s from its first byte; %d disallowed path(s) requested; %d article pages, %.2f CPU s (%.2f per 1,000 pages); %d sources not ok",
            delay * 1000, wall, busiest.host, busiest.requests, busiest.seconds, wall / max(busiest.seconds, 1e-9),
            busiest.before, busiest.idle, busiest.after,
            maxConcurrent, smallestGap, smallestFromAnswer, disallowed, pages, cpu, cpu * 1000 / Double(max(pages, 1)),
            notOK)
    }

    /// User + system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// A French news page (written for this benchmark), about 9 KB, its text unique to `id`.
    static func page(_ id: String) -> String {
        let paragraph =
            "Le service de vigilance a publié un rapport détaillant une campagne coordonnée de comptes inauthentiques visant le débat public français, avec des visuels et des vidéos relayés par des centaines de comptes (dossier \(id))."
        let body = (0..<12).map { "<p>\(paragraph) Paragraphe \($0).</p>" }.joined(separator: "\n")
        return """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Article \(id) - Le Journal</title>
            <meta property="og:title" content="Article \(id)"></head><body>
            <nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/politique">Politique</a></nav>
            <article><h1>Article \(id)</h1><p class="byline">Par Jeanne Martin</p>
            \(body)
            </article>
            <aside><h2>À lire aussi</h2><ul><li><a href="/a">Autre chose</a></li></ul></aside>
            <footer>© Le Journal — Mentions légales — Contact</footer></body></html>
            """
    }
}
