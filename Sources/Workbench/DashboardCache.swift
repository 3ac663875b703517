import Foundation

/// The last rendered dashboard (HTML and JSON), reused while the archive's change mark and the minute stay
/// the same: the dashboard aggregates a month of links, and a page reloaded during the day should not
/// recount them (reason: the load test's p95 target of 50 ms at 4 connections).
final class DashboardCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Data] = [:]

    /// The body stored under `key`, if any.
    func get(_ key: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    /// Stores a body, dropping those of older keys (at most one HTML and one JSON body are kept).
    func put(_ key: String, _ body: Data) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= 2 { entries.removeAll() }
        entries[key] = body
    }
}
