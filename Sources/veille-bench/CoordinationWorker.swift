import Coordination
import Fetching
import Foundation
import Logging

/// `veille-bench worker --db URL --sources FILE [--night N] [--worker ID] [--lease S] [--concurrency N]
/// [--batch N] [--delay S] [--hold S] [--retry S] [--resolve host:port:address]… [--no-fetch]`: one coordinated worker, the
/// coordination half of `veille run` on PostgreSQL without the store: it opens (or joins) the night with
/// the sources of FILE (`id<TAB>url` lines, in order), claims them in batches with leases, fetches each
/// through the run's fetch path (``CrawlPolicy`` over the real ``Fetcher``) with the per-host gate and
/// robots.txt in the database, and marks it finished. `--no-fetch` finishes each claim at once (the
/// claims benchmark). Prints one line: `worker ID: N finished, M taken over, K lost`. Exit 4 when the
/// database cannot be reached (or is lost past the retry budget), with the reason on stderr.
///
/// The multi-process coordination tests and benchmarks start this program (`CoordinationTests`,
/// `veille-bench coordination`).
enum CoordinationWorker {
    struct Settings {
        var db = "", sources = "", night = SourceLeases.night(of: Date()), worker = SourceLeases.newWorkerID()
        var lease = 60.0, concurrency = 8, batch = 4, delay = 1.0, retry = 30.0, hold = 120.0
        var resolve: [String] = []
        var fetch = true
    }

    static func main(arguments: [String]) async -> Int32 {
        var s = Settings()
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--db": s.db = value
            case "--sources": s.sources = value
            case "--night": s.night = value
            case "--worker": s.worker = value
            case "--lease": s.lease = Double(value) ?? s.lease
            case "--concurrency": s.concurrency = Int(value) ?? s.concurrency
            case "--batch": s.batch = Int(value) ?? s.batch
            case "--delay": s.delay = Double(value) ?? s.delay
            case "--retry": s.retry = Double(value) ?? s.retry
            case "--hold": s.hold = Double(value) ?? s.hold
            case "--resolve": s.resolve.append(value)
            case "--no-fetch":
                s.fetch = false
                i -= 1
            default:
                FileHandle.standardError.write(Data("worker: unknown option \(arguments[i])\n".utf8))
                return 2
            }
            i += 2
        }
        do {
            print(try await run(s))
            return 0
        } catch let error as CoordinationError {
            FileHandle.standardError.write(Data("veille worker \(s.worker): \(error)\n".utf8))
            return 4
        } catch {
            FileHandle.standardError.write(Data("veille worker \(s.worker): \(error)\n".utf8))
            return 1
        }
    }

    static func run(_ s: Settings) async throws -> String {
        let lines = try String(contentsOfFile: s.sources, encoding: .utf8).split(separator: "\n")
        var order: [String] = []
        var urls: [String: String] = [:]
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            order.append(String(parts[0]))
            urls[String(parts[0])] = String(parts[1])
        }
        let urlsByID = urls
        let logger = Logger(label: "veille.worker")
        let database = try await CoordinationDatabase.open(
            try PostgresLocation(url: s.db), retryBudget: .milliseconds(Int64(s.retry * 1000)), logger: logger)
        defer { database.close() }
        let leases = SourceLeases(database: database, worker: s.worker, lease: .milliseconds(Int64(s.lease * 1000)))
        try await leases.open(night: s.night, sources: order)
        let crawl: NightWorker.Crawl
        if s.fetch {
            let fetcher = Fetcher(userAgent: "veille-bench/worker", maxConcurrent: s.concurrency, resolve: s.resolve)
            let policy = CrawlPolicy(
                clock: ContinuousClock(), defaultDelay: .milliseconds(Int64(s.delay * 1000)),
                slack: HostThrottle<ContinuousClock>.realClockSlack,
                sharedGate: DatabaseHostGate(
                    database: database, worker: s.worker, hold: .milliseconds(Int64(s.hold * 1000))),
                sharedRobots: SharedRobots(
                    database: database, worker: s.worker, claimFor: .milliseconds(Int64(s.hold * 1000))),
                now: { Date() }, logger: logger,
                exchange: { try await fetcher.exchange($0) })
            crawl = { id in
                guard let url = urlsByID[id] else { return "failed: not in the sources file" }
                do {
                    let response = try await policy.fetch(FetchRequest(url: url))
                    return "ok HTTP \(response.status)"
                } catch {
                    return "failed: \(error)"
                }
            }
        } else {
            crawl = { _ in "ok" }
        }
        let worker = NightWorker(leases: leases, concurrency: s.concurrency, batch: s.batch, logger: logger)
        let report = try await worker.run(night: s.night, crawl: crawl)
        return "worker \(s.worker): \(report.finished.count) finished, \(report.takenOver.count) taken over, "
            + "\(report.lost.count) lost"
    }
}
