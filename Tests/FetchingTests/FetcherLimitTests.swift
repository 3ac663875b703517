import Foundation
import TestSupport
import Testing

@testable import Fetching

/// Timeouts, size caps, concurrency and cancellation against a real server.
struct FetcherLimitTests {
    let fetcher = Fetcher(userAgent: "veille/test", maxConcurrent: 8)

    @Test func drippingResponseHitsTheTotalTimeout() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/drip", .drip(bytes: 100, interval: 0.2))
        let url = server.url("/drip")
        await #expect(throws: FetchError.timeout(url: url, seconds: 1)) {
            try await fetcher.fetch(FetchRequest(url: url, timeout: 1))
        }
    }

    @Test func bodyOverTheCapIsStopped() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/huge", .huge(bytes: 50_000_000))
        let url = server.url("/huge")
        await #expect(throws: FetchError.tooLarge(url: url, limit: 1_000_000)) {
            try await fetcher.fetch(FetchRequest(url: url, maxBytes: 1_000_000))
        }
    }

    @Test func streamWithoutLengthIsStoppedAtTheCap() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/stream", .stream(bytes: 1_000_000_000))
        let url = server.url("/stream")
        await #expect(throws: FetchError.tooLarge(url: url, limit: 1_000_000)) {
            try await fetcher.fetch(FetchRequest(url: url, maxBytes: 1_000_000))
        }
    }

    @Test func compressedBodyOverTheDecodedCapIsStopped() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        // The gzip'd Content-Length (a few hundred bytes) is under the cap: only the decoded size is over it,
        // so the write callback is what stops the transfer.
        try server.write("big.txt", String(repeating: "x", count: 300_000))
        try server.route("/big.txt", .file(compress: true))
        let url = server.url("/big.txt")
        await #expect(throws: FetchError.tooLarge(url: url, limit: 100_000)) {
            try await fetcher.fetch(FetchRequest(url: url, maxBytes: 100_000))
        }
    }

    @Test func gzipBombIsStoppedByTheDecodedCap() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/bomb.xml", .gzipBomb(decodedBytes: 2_000_000_000))
        let url = server.url("/bomb.xml")
        await #expect(throws: FetchError.tooLarge(url: url, limit: 2_000_000)) {
            try await fetcher.fetch(FetchRequest(url: url, maxBytes: 2_000_000))
        }
    }

    @Test func concurrencyLimitIsHonoured() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.write("feed.xml", "<rss/>")
        try server.route("/feed.xml", .delayed(0.6))
        let limited = Fetcher(userAgent: "veille/test", maxConcurrent: 2)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { try await limited.fetch(FetchRequest(url: server.url("/feed.xml"))).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(server.requests().count == 6)
        #expect(server.peakConcurrency == 2)
    }

    @Test func cancellationStopsTheTransfer() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        try server.route("/drip", .drip(bytes: 1000, interval: 0.1))
        let url = server.url("/drip")
        let task = Task { try await fetcher.fetch(FetchRequest(url: url, timeout: 20)) }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
