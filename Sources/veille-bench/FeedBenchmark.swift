import Foundation
import Syndication

/// Feed parsing throughput, in process: the throughput goal is ≥ 100 MB/s.
///
/// Files are read into memory first; the clock covers only ``FeedParser/parse(_:httpCharset:baseURL:)``
/// (charset decision, libxml2 parse, one walk, text conversion). Wire as `veille-bench feeds DIR…`.
public enum FeedBenchmark {
    /// What one run measured.
    public struct Result: Sendable, CustomStringConvertible {
        /// Files parsed per round.
        public var files: Int
        /// Bytes parsed per round.
        public var bytes: Int
        /// Rounds run.
        public var rounds: Int
        /// Files that yielded a feed (the rest threw a ``FeedError``).
        public var parsed: Int
        /// Wall time of all rounds, in seconds.
        public var seconds: Double
        /// CPU time of all rounds, in seconds (steadier than wall time on a shared machine).
        public var cpuSeconds: Double
        /// CPU time of the fastest round, in seconds (the least disturbed by other work on the machine).
        public var bestRoundCPUSeconds: Double = 0
        /// Megabytes per second of a plain byte loop over the same bytes now: how fast this core is at
        /// the moment (a shared machine's speed drifts by a factor of two), to compare runs.
        public var calibrationMegabytesPerSecond: Double = 0

        /// Megabytes (10^6 bytes) parsed per second of wall time.
        public var megabytesPerSecond: Double { Double(bytes * rounds) / 1e6 / seconds }
        /// Megabytes parsed per second of CPU time.
        public var megabytesPerCPUSecond: Double { Double(bytes * rounds) / 1e6 / cpuSeconds }

        /// One line with every figure, for the benchmark's output.
        public var description: String {
            String(
                format:
                    "feeds: files=%d MB=%.2f rounds=%d parsed=%d wall=%.3fs cpu=%.3fs MB/s=%.1f (per CPU second %.1f; best round %.1f) files/s=%.0f\n"
                    + "calibration: a byte loop over the same bytes runs at %.0f MB/s on this core now",
                files, Double(bytes) / 1e6, rounds, parsed, seconds, cpuSeconds, megabytesPerSecond,
                megabytesPerCPUSecond, Double(bytes) / 1e6 / max(bestRoundCPUSeconds, 1e-9),
                Double(files * rounds) / seconds,
                calibrationMegabytesPerSecond)
        }
    }

    /// Parses every feed file under `paths` (files or folders, recursively) `rounds` times.
    ///
    /// - Parameters:
    ///   - paths: files or folders; folders contribute their `.xml .rss .atom .rdf .json .feed` files.
    ///   - rounds: how many times the whole set is parsed (more rounds, steadier figure).
    /// - Returns: the measured throughput.
    public static func run(paths: [String], rounds: Int = 5) -> Result {
        let blobs = feedFiles(paths).compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let bytes = blobs.reduce(0) { $0 + $1.count }
        var parsed = 0
        var best = Double.infinity
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuTime()
        for _ in 0..<max(1, rounds) {
            let roundStart = cpuTime()
            for blob in blobs where (try? FeedParser.parse(blob)) != nil { parsed += 1 }
            best = min(best, cpuTime() - roundStart)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var result = Result(
            files: blobs.count, bytes: bytes, rounds: max(1, rounds), parsed: parsed / max(1, rounds),
            seconds: seconds, cpuSeconds: cpuTime() - cpuStart)
        result.bestRoundCPUSeconds = best
        result.calibrationMegabytesPerSecond = calibration(blobs, bytes: bytes)
        return result
    }

    /// A plain byte loop over the blobs: the speed of this core now, in MB/s (best of 5).
    static func calibration(_ blobs: [[UInt8]], bytes: Int) -> Double {
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<5 {
            let t0 = cpuTime()
            for blob in blobs { blob.withUnsafeBufferPointer { for b in $0 { checksum &+= Int(b & 0x20) } } }
            best = min(best, cpuTime() - t0)
        }
        return checksum == -1 ? 0 : Double(bytes) / 1e6 / max(best, 1e-9)
    }

    /// CPU time used by this process so far, in seconds.
    static func cpuTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Feed extensions the evaluation corpus uses.
    static let extensions: Set<String> = ["xml", "rss", "atom", "rdf", "json", "feed"]

    static func feedFiles(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if !isDir.boolValue {
                out.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            for case let rel as String in walker where extensions.contains((rel as NSString).pathExtension.lowercased())
            {
                out.append((path as NSString).appendingPathComponent(rel))
            }
        }
        return out.sorted()
    }
}
