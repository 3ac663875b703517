import Foundation

/// Reads the fixtures copied into the bundle.
enum VeilleFixtures {
    /// The bundle's `Fixtures` folder.
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }

    /// Names listed one a line in a fixture file.
    static func list(_ path: String) -> [String] {
        let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
