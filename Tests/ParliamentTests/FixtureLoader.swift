import Foundation

/// Loads the files of `Fixtures/` (copied into the test bundle).
enum FixtureLoader {
    static func url(_ path: String) -> URL {
        guard let base = Bundle.module.resourceURL else { fatalError("no resource bundle") }
        return base.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(path)))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }
}
