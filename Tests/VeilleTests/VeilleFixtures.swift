import Foundation

/// Reads the fixtures these tests share with the library modules' test targets, in the source tree (no copy):
/// `readability/…` from ExtractionTests' fixtures, `feeds/…` and `handwritten/…` from SyndicationTests'.
enum VeilleFixtures {
    /// The repository's `Tests` folder.
    private static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture at `relative` (its first component names the folder it belongs to).
    static func url(_ relative: String) -> URL {
        let target = relative.hasPrefix("readability/") ? "ExtractionTests" : "SyndicationTests"
        return tests.appendingPathComponent(target).appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }

    /// Names listed one a line in a fixture file.
    static func list(_ path: String) -> [String] {
        let text = (try? String(contentsOf: url(path), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
