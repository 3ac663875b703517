import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Hostile transfers through the whole pipeline: a 1 GB body, a gzip bomb, a body
/// that drips one byte at a time and a redirect loop are stopped by the size cap, the decoded-size cap,
/// the total timeout and the redirect limit, with this process's memory bounded far below the sizes
/// served. Serialized so that the memory of one transfer is not counted against another.
@Suite(.serialized) struct HostileTransferTests {
    /// Growth of the resident set allowed during one run: a few copies of the 5 MB cap, never the body.
    static let memoryBoundKB = 150_000

    /// (route, the words the source's error must contain)
    static let cases: [(name: String, route: TestRoute, error: String)] = [
        ("1 GB with Content-Length", .huge(bytes: 1_000_000_000), "larger than 5000000 bytes"),
        ("1 GB streamed without length", .stream(bytes: 1_000_000_000), "larger than 5000000 bytes"),
        ("gzip bomb to 4 GB", .gzipBomb(decodedBytes: 4_000_000_000), "larger than 5000000 bytes"),
    ]

    @Test(arguments: 0..<cases.count)
    func oversizedBodiesAreStoppedWithMemoryBounded(_ index: Int) async throws {
        let c = Self.cases[index]
        let w = try await PipelineWorld()
        try w.server.copy(PipelineWorld.fixture("atom-hand.xml"), to: "good.xml")
        try w.server.route("/big.xml", c.route)
        try Hostile.configure(
            w,
            [
                Hostile.feed(w, id: "big", path: "/big.xml", more: "max_bytes: 5MB"),
                Hostile.feed(w, id: "good", path: "/good.xml"),
            ])
        let (report, rss, peak) = try await Hostile.measuringMemory { try await w.run() }
        let outcomes = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.source, $0) })
        #expect(outcomes["good"]?.status == .ok, "the other source goes on")
        let big = try #require(outcomes["big"])
        #expect(big.status == .failed && big.error?.contains(c.error) == true, "\(c.name): \(big)")
        #expect(rss < Self.memoryBoundKB && peak < Self.memoryBoundKB, "\(c.name): RSS +\(rss) KB, VmHWM +\(peak) KB")
        print("hostile transfer \(c.name): stopped with \(big.error ?? ""), RSS +\(rss) KB, VmHWM +\(peak) KB")
        #expect(try Hostile.query(w.db, "SELECT count(*) FROM item WHERE sourceId = 'big'") == [["0"]])
        let state = try #require(try w.store().sourceState("big"))
        #expect(state.consecutiveFailures == 1 && state.inTrouble)
    }

    @Test func aDrippingBodyIsStoppedByTheTotalTimeout() async throws {
        let w = try await PipelineWorld()
        try w.server.route("/drip.xml", .drip(bytes: 10_000, interval: 0.2))
        try Hostile.configure(w, [Hostile.feed(w, id: "drip", path: "/drip.xml", timeout: "2s")])
        let started = Date()
        let (report, rss, _) = try await Hostile.measuringMemory { try await w.run() }
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .failed && outcome.error?.contains("timed out after 2") == true, "\(outcome)")
        // Retries of a timeout are allowed, but each is cut at 2 s: far from the 2,000 s of the drip.
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(rss < Self.memoryBoundKB)
        print(
            "hostile transfer drip: \(outcome.error ?? ""), RSS +\(rss) KB, \(Int(Date().timeIntervalSince(started))) s"
        )
    }

    @Test func aRedirectLoopIsStoppedAtTheLimit() async throws {
        let w = try await PipelineWorld()
        try w.server.route("/loop-a", .redirect(to: "/loop-b"))
        try w.server.route("/loop-b", .redirect(to: "/loop-a", status: 301))
        try w.server.route("/self", .redirect(to: "/self?again", status: 307))
        try w.server.route("/self?again", .redirect(to: "/self", status: 308))
        try Hostile.configure(
            w, [Hostile.feed(w, id: "loop", path: "/loop-a"), Hostile.feed(w, id: "self", path: "/self")])
        let report = try await w.run()
        for outcome in report.outcomes {
            #expect(outcome.status == .failed && outcome.error?.contains("redirects") == true, "\(outcome)")
        }
        // At most 5 redirects per attempt (six requests), whatever the retries.
        let requests = w.server.requests().count
        #expect(requests >= 12 && requests <= 2 * 6 * 3, "\(requests) requests")
    }
}
