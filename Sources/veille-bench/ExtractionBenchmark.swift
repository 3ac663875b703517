import Extraction
import Foundation
import Markup

/// `veille-bench extraction FOLDER [N]`: extraction throughput over every `.html` page below a folder.
///
/// Reads all pages into memory first, then extracts each one `iterations` times in this one process and
/// prints pages per second and MB per second, by wall clock and by process CPU time (the figure to quote on a
/// shared machine). Not a test: tests never assert on time.
enum ExtractionBenchmark {
    /// Runs the benchmark and returns the report lines.
    ///
    /// - Parameters:
    ///   - folder: a folder searched recursively for `*.html` files (e.g. `../shared/fixtures/extraction`).
    ///   - iterations: how many times each page is extracted.
    static func run(folder: String, iterations: Int = 5) -> [String] {
        var pages: [[UInt8]] = []
        if let walker = FileManager.default.enumerator(atPath: folder) {
            for case let path as String in walker where path.hasSuffix(".html") && !path.hasSuffix("expected.html") {
                if let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(path)) {
                    pages.append([UInt8](data))
                }
            }
        }
        guard !pages.isEmpty, iterations > 0 else { return ["extraction: no .html pages under \(folder)"] }
        let bytes = pages.reduce(0) { $0 + $1.count }
        var characters = 0
        let cpuStart = clock()
        let wallStart = Date()
        for _ in 0..<iterations {
            for page in pages {
                characters &+= ArticleExtractor.extract(page, url: nil, httpCharset: nil).text.utf8.count
            }
        }
        let wall = Date().timeIntervalSince(wallStart)
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        let n = Double(pages.count * iterations)
        let mb = Double(bytes * iterations) / 1_000_000
        // The parse alone, by the own parser and by libxml2 (the extraction's first step, and its old cost).
        var nodes = 0
        let ownStart = clock()
        for _ in 0..<iterations { for page in pages { nodes &+= HTMLTree.parse(page)?.nodes.count ?? 0 } }
        let own = Double(clock() - ownStart) / Double(CLOCKS_PER_SEC)
        let libxml2Start = clock()
        for _ in 0..<iterations { for page in pages { nodes &+= HTMLTree.parseWithLibXML2(page)?.nodes.count ?? 0 } }
        let libxml2 = Double(clock() - libxml2Start) / Double(CLOCKS_PER_SEC)
        return [
            "extraction: \(pages.count) pages, \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB, \(iterations) iterations, extractor v\(ArticleExtractor.version)",
            String(format: "extraction: wall %.2f s: %.1f pages/s, %.1f MB/s", wall, n / wall, mb / wall),
            String(format: "extraction: cpu  %.2f s: %.1f pages/s, %.1f MB/s", cpu, n / cpu, mb / cpu),
            "extraction: \(characters / max(1, iterations)) characters of text per iteration",
            String(
                format:
                    "parse only: cpu %.2f s: %.1f pages/s (own parser); %.2f s: %.1f pages/s (libxml2 events); %d nodes",
                own, n / own, libxml2, n / libxml2, nodes / max(1, 2 * iterations)),
        ]
    }
}
