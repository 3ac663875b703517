import Foundation
import TestSupport
import Testing

@testable import Storage

/// The backends the store's behavioural tests run against: a SQLite file, and a throw-away database on
/// the tests' real PostgreSQL server (``PostgresServer``). A test parameterised over
/// ``TestBackend/all`` runs once on each.
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static let all = allCases

    var testDescription: String { rawValue }

    /// A new, empty, migrated store on this backend.
    func makeStore(_ name: String = "store") throws -> Store {
        try Store(path: makeLocation(name))
    }

    /// Where a new, empty database on this backend is: a SQLite file's path, or a `postgres://` URL with
    /// its password (``Store/path`` leaves it out), to open it again.
    func makeLocation(_ name: String = "store") throws -> String {
        switch self {
        case .sqlite:
            let dir = NSTemporaryDirectory() + "veille-\(name)-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir + "/v.sqlite"
        case .postgres:
            return try PostgresServer.shared().createDatabase(name).url
        }
    }
}
