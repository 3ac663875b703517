import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The archive download cut mid-way and resumed with `Range` + `If-Range`, a server that ignores ranges, and
/// hostile archives: each refused (or its bad records skipped) with the reason, stored data untouched.
@Suite struct AssembleeDownloadTests {
    static let records = (1001...1040).map {
        ANRecord(number: $0, padding: String(repeating: " texte \($0 * 7919 % 1000)", count: 60))
    }

    /// Stored items (uid → text) after a night.
    static func items(_ w: PipelineWorld, run: Int64) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try w.store().deltas(.run(run)).map { ($0.guid ?? "", $0.text ?? "") })
    }

    func archiveSize(_ w: PipelineWorld) throws -> Int {
        let file = w.server.root.appendingPathComponent(String(PipelineWorld.archivePath.dropFirst()))
        return try Data(contentsOf: file).count
    }

    @Test func aCutTransferIsResumedAndEndsInTheSameData() async throws {
        let whole = try await PipelineWorld()
        try whole.configureAssemblee()
        try whole.server.route(PipelineWorld.archivePath, .download())
        try whole.serveArchive(Self.records)
        let reference = try await whole.run(now: PipelineWorld.day("2026-03-11"))

        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.serveArchive(Self.records)
        let size = try archiveSize(w)
        #expect(size > 12_000)
        try w.server.route(PipelineWorld.archivePath, .download(cutAfter: 5_000, cuts: 1))
        let night = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(night.outcomes.map(\.status) == [.ok])
        let requests = w.archiveRequests
        #expect(requests.count == 2)
        #expect(requests[1].status == 206 && requests[1].headers["range"] == "bytes=5000-")
        // The server answers 206 only when If-Range carries the ETag (or Last-Modified) of the file it holds.
        #expect(requests[1].headers["if-range"]?.hasPrefix("\"") == true)
        #expect(try Self.items(w, run: night.runID) == Self.items(whole, run: reference.runID))
        #expect(try Self.items(w, run: night.runID).count == 40)
        #expect(!FileManager.default.fileExists(atPath: w.db + ".partial/an.zip"))
    }

    @Test func aDownloadCutEveryTimeWaitsForTheNextNight() async throws {
        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.serveArchive(Self.records)
        try w.server.route(PipelineWorld.archivePath, .download(cutAfter: 2_000, cuts: 4))
        let n1 = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(n1.outcomes.map(\.status) == [.failed])
        #expect(n1.outcomes.first?.error?.contains("download cut after 4 tries") == true)
        #expect(w.archiveRequests.map { $0.headers["range"] } == [nil, "bytes=2000-", "bytes=4000-", "bytes=6000-"])
        let kept = try FileManager.default.attributesOfItem(atPath: w.db + ".partial/an.zip")[.size] as? Int
        #expect(kept == 8_000)
        #expect(try w.store().deltas(.run(n1.runID)).isEmpty)

        // The next night resumes where the copy ends, and the archive is read.
        let n2 = try await w.run(now: PipelineWorld.day("2026-03-12"))
        #expect(n2.outcomes.map(\.status) == [.ok])
        #expect(w.archiveRequests.last?.headers["range"] == "bytes=8000-" && w.archiveRequests.last?.status == 206)
        #expect(try w.store().deltas(.run(n2.runID)).count == 40)
    }

    @Test func aServerIgnoringRangesStartsOver() async throws {
        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.serveArchive(Self.records)
        try w.server.route(PipelineWorld.archivePath, .download(ranges: false, cutAfter: 3_000, cuts: 1))
        let night = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(night.outcomes.map(\.status) == [.ok])
        #expect(w.archiveRequests.map(\.status) == [200, 200])
        #expect(w.archiveRequests.last?.headers["range"] == "bytes=3000-")
        #expect(try w.store().deltas(.run(night.runID)).count == 40)
    }

    @Test func badRecordsAreReportedAndTheOthersRead() async throws {
        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.server.route(PipelineWorld.archivePath, .download())
        let good = ANRecord(number: 1001)
        var mismatched = ANRecord(number: 1002)
        mismatched.number = 1003
        try w.serveArchive(
            [good],
            extra: [
                .init("json/QANR5L17QE1002.json", text: mismatched.json),
                .init("json/not-a-question.json", text: #"{"acteur": {"uid": "PA1"}}"#),
                .init("../QANR5L17QE1009.json", text: ANRecord(number: 1009).json),
                .init("json/broken.json", text: "{\"question\": "),
                .init("README.txt", text: "hello"),
            ])
        let night = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(night.outcomes.map(\.status) == [.ok])
        #expect(try w.deltas(night.runID) == ["published QANR5L17QE1001"])
        let error = try #require(night.outcomes.first?.error)
        #expect(error.contains("json/QANR5L17QE1002.json: Assemblée record QANR5L17QE1002.json: uid QANR5L17QE1003"))
        #expect(error.contains("json/not-a-question.json") && error.contains("../QANR5L17QE1009.json: unsafe name"))
        #expect(error.contains("json/broken.json: Assemblée record broken.json: not JSON"))
        #expect(error.contains("README.txt: not a JSON record, ignored"))
    }

    @Test func hostileArchivesFailTheSourceAndTouchNothing() async throws {
        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.server.route(PipelineWorld.archivePath, .download())
        try w.serveArchive([ANRecord(number: 1001), ANRecord(number: 1002)])
        let first = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(first.outcomes.map(\.status) == [.ok])
        let stamps = try w.store().assembleeStamps(source: "an")
        let file = w.server.root.appendingPathComponent(String(PipelineWorld.archivePath.dropFirst()))
        let whole = try Data(contentsOf: file)

        var day = 12
        func night(_ expected: String) async throws {
            let report = try await w.run(now: PipelineWorld.day("2026-03-\(day)"))
            day += 1
            #expect(report.outcomes.map(\.status) == [.failed])
            #expect(report.outcomes.first?.error?.contains(expected) == true, "\(report.outcomes.first?.error ?? "")")
            #expect(try w.store().deltas(.run(report.runID)).isEmpty)
            #expect(try w.store().assembleeStamps(source: "an") == stamps)
            #expect(!FileManager.default.fileExists(atPath: w.db + ".partial/an.zip"))
        }
        try whole.prefix(whole.count - 30).write(to: file) // served whole, but a truncated zip
        try await night("not a zip archive")
        try Data("<html>Maintenance</html>".utf8).write(to: file)
        try await night("not a zip archive")
        try w.serveArchive([])
        try await night("empty archive")
        try w.serveArchive([], extra: [.init("json/QANR5L17QE1.json", [UInt8](repeating: 0x20, count: 20_000_000))])
        try await night("zip refused")
        try w.serveArchive([], extra: [.init("json/x.json", text: "{}")])
        try await night("no usable question record")
        #expect(try w.store().sourceState("an")?.etag != nil)
    }
}
