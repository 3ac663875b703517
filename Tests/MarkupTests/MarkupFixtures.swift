import Foundation
import Markup

/// The golden outlines in the bundle, the inputs they were made from, and the libxml2 the goldens were made with.
///
/// The inputs are not copied here: `xml/…` are feeds of SyndicationTests' fixtures and `html/…` pages of
/// ExtractionTests' Readability set, read in the source tree; `<folder>/inputs.txt` lists which ones.
enum MarkupFixtures {
    /// The bundle's `Fixtures` folder.
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }

    /// The `Fixtures` folder of the source tree, where ``write(_:outline:)`` puts regenerated goldens.
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// Where each folder's inputs live, in the source tree.
    private static let inputFolders: [String: URL] = {
        let tests = sourceRoot.deletingLastPathComponent().deletingLastPathComponent()
        return [
            "xml": tests.appendingPathComponent("SyndicationTests/Fixtures/feeds"),
            "html": tests.appendingPathComponent("ExtractionTests/Fixtures/readability"),
        ]
    }()

    /// The bytes of `<path>`: an input (`xml/…`, `html/…`) from its own test target, else `Fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, let folder = inputFolders[parts[0]] {
            return [UInt8](try Data(contentsOf: folder.appendingPathComponent(parts[1])))
        }
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// The inputs of `<folder>` as listed in its `inputs.txt`, sorted, as paths.
    static func inputs(_ folder: String) -> [String] {
        let list = (try? String(contentsOf: root.appendingPathComponent(folder + "/inputs.txt"), encoding: .utf8)) ?? ""
        return list.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .sorted().map { folder + "/" + $0 }
    }

    /// The golden outline of an input (`<input>.outline`), nil when there is none.
    static func golden(_ input: String) -> String? {
        (try? Data(contentsOf: root.appendingPathComponent(input + ".outline"))).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The libxml2 version (`xmlParserVersion`, e.g. `20914`) the goldens were made with.
    static var goldenLibXML2: String {
        ((try? bytes("libxml2-version.txt")).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when the installed libxml2 is the one the goldens were made with: only then are live comparisons
    /// with libxml2 meaningful (another version may build other trees, which says nothing about veille's).
    static var libxml2IsGoldenVersion: Bool { MarkupOutline.libxml2Version == goldenLibXML2 }

    /// `VEILLE_WRITE_OUTLINES=1`: the libxml2 tests write the goldens into the source tree instead of
    /// comparing (run once, deliberately, with the golden libxml2; then review the diff).
    static var writing: Bool { ProcessInfo.processInfo.environment["VEILLE_WRITE_OUTLINES"] == "1" }

    /// Writes a golden outline beside its input in the source tree.
    static func write(_ input: String, outline: String) throws {
        try Data(outline.utf8).write(to: sourceRoot.appendingPathComponent(input + ".outline"))
    }
}
