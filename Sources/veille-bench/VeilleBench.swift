import Foundation
import Syndication

/// `veille-bench NAME [ARGS…]`: the benchmarks that print the figures quoted in the README
/// ("Benchmarks") and in commit messages.
/// Never part of the test run; tests never assert on time.
///
/// - `feeds [--rounds N] FILE…` feed parsing MB/s (FeedBenchmark)
/// - `extract FOLDER [N]`   article extraction pages/s (ExtractionBenchmark)
/// - `match [ARGS]`         watchlist matching MB/s, compile time and memory (MatchingBenchmark)
/// - `senate [FILES]`       Sénat page and CSV parsing (SenateBenchmark)
/// - `politeness [ARGS]`    200 feeds over 20 loopback hosts against the per-host bound (PolitenessBenchmark)
/// - `politeness --hops [ARGS]`  short links, redirects, robots.txt and a slow host, judged from the servers'
///   logs (PolitenessHopsBenchmark)
/// - `run [--feeds N]`      the nightly run over N loopback feeds: wall time and peak memory
/// - `interop [ARGS]`       import time of the four VIGINUM bundles, export time and size for N linked items
/// - `archive --items N [--db PATH] [--config DIR]`  a realistic archive for the workbench (ArchiveBenchmark)
/// - `worker --db postgres://… --sources FILE [ARGS]`  one coordinated worker (CoordinationWorker; the
///   multi-process tests and the coordination benchmarks start it)
/// - `coordination claims|night|run [ARGS]`  claims per second over PostgreSQL, night wall time with N
///   workers (CoordinationBenchmark), `veille run`'s night on SQLite and on PostgreSQL with N workers
@main
enum VeilleBench {
    static func main() async {
        var args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first else {
            print("usage: veille-bench feeds|extract|match|senate|politeness|run|interop|archive [ARGS…]")
            exit(2)
        }
        args.removeFirst()
        do {
            switch name {
            case "feeds":
                // `--rounds N` first (default 5): more rounds, steadier figure.
                var rounds = 5
                if args.first == "--rounds", args.count > 1 {
                    rounds = Int(args[1]) ?? 5
                    args.removeFirst(2)
                }
                print(FeedBenchmark.run(paths: expand(args), rounds: rounds))
            case "extract":
                for line in ExtractionBenchmark.run(
                    folder: args.first ?? "Tests/ExtractionTests/Fixtures",
                    iterations: Int(args.dropFirst().first ?? "") ?? 5)
                { print(line) }
            case "match": print(MatchingBenchmark.run(arguments: args))
            case "senate": print(SenateBenchmark.run(arguments: args))
            case "politeness":
                if args.first == "--hops" {
                    print(try await PolitenessHopsBenchmark.run(arguments: Array(args.dropFirst())))
                } else {
                    print(try await PolitenessBenchmark.run(arguments: args))
                }
            case "run": print(try await PipelineBenchmark.run(arguments: args))
            case "interop": print(try InteropBenchmark.run(arguments: args))
            case "archive": print(try ArchiveBenchmark.run(arguments: args))
            case "worker": exit(await CoordinationWorker.main(arguments: args))
            case "coordination": print(try await CoordinationBenchmark.run(arguments: args))
            default:
                print("unknown benchmark '\(name)'")
                exit(2)
            }
        } catch {
            print("benchmark \(name) failed: \(error)")
            exit(1)
        }
    }

    /// Folders expanded to the feed files below them.
    static func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                return [path]
            }
            let e = FileManager.default.enumerator(atPath: path)
            var out: [String] = []
            while let f = e?.nextObject() as? String {
                if [".xml", ".rss", ".atom", ".rdf", ".json", ".feed"].contains(where: f.hasSuffix) {
                    out.append(path + "/" + f)
                }
            }
            return out.sorted()
        }
    }
}
