import Archive
import Foundation
import TestSupport
import Testing

/// The zip reader on archives written by Python's `zipfile` (stored, deflated, Zip64, data descriptors) and
/// on hostile ones (truncated, bombs by size, count and ratio, traversal names, damaged data).
@Suite struct ZipReaderTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    static let record = Array(String(repeating: "{\"question\": {\"uid\": \"QANR5L17QE1\"}} ", count: 200).utf8)

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func readsEveryLayout(zip64: Bool, streamed: Bool) throws {
        let p = path("a.zip")
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        try ZipMaker.write(
            [
                .init("json/QANR5L17QE1.json", Self.record), .init("json/stored.json", Self.record, deflate: false),
                .init("json/big.bin", big), .init("json/empty.json", []),
            ], to: p, zip64: zip64, streamed: streamed)
        let zip = try ZipReader(path: p)
        #expect(
            zip.entries.map(\.name) == ["json/QANR5L17QE1.json", "json/stored.json", "json/big.bin", "json/empty.json"])
        if streamed { #expect(zip.entries.allSatisfy { $0.flags & 8 != 0 }) }
        try zip.validate()
        #expect(try zip.data(zip.entries[0]) == Self.record)
        #expect(try zip.data(zip.entries[1]) == Self.record)
        #expect(try zip.data(zip.entries[2]) == big)
        #expect(try zip.data(zip.entries[3]) == [])
        var blocks = 0
        try zip.stream(zip.entries[2]) { chunk in
            blocks += 1
            #expect(chunk.count <= 65_536)
        }
        #expect(blocks >= 5)
    }

    @Test func truncatedArchiveIsRefused() throws {
        let p = path("t.zip")
        try ZipMaker.write([.init("json/a.json", Self.record), .init("json/b.json", Self.record)], to: p)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: p))
        for cut in [bytes.count / 3, bytes.count - 10, 10] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: p))
            #expect(throws: ZipError.self) {
                let zip = try ZipReader(path: p)
                try zip.validate()
            }
        }
    }

    @Test func damagedDataFailsItsCRC() throws {
        let p = path("d.zip")
        try ZipMaker.write([.init("json/a.json", Self.record, deflate: false)], to: p)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: p)))
        bytes[30 + "json/a.json".utf8.count + 100] ^= 0xFF // inside the stored data
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        let zip = try ZipReader(path: p)
        #expect(throws: ZipError.damaged("json/a.json", reason: "CRC-32 mismatch")) { try zip.validate() }
    }

    @Test func bombsAreRefused() throws {
        let p = path("b.zip")
        try ZipMaker.write([.init("json/zeros.json", [UInt8](repeating: 0x20, count: 5_000_000))], to: p)
        #expect(throws: ZipError.self) { _ = try ZipReader(path: p) } // ratio ~1000:1 past the default cap
        let small = ZipLimits(maxEntries: 10, maxEntrySize: 1_000_000, maxTotalSize: 100_000_000, maxRatio: 100_000)
        #expect(throws: ZipError.entryTooLarge("json/zeros.json", size: 5_000_000, limit: 1_000_000)) {
            _ = try ZipReader(path: p, limits: small)
        }
        let ratio = ZipLimits(maxEntries: 10, maxEntrySize: 10_000_000, maxTotalSize: 100_000_000, maxRatio: 50)
        #expect(throws: ZipError.self) { _ = try ZipReader(path: p, limits: ratio) }
        let total = ZipLimits(maxEntries: 10, maxEntrySize: 10_000_000, maxTotalSize: 1_000_000, maxRatio: 100_000)
        #expect(throws: ZipError.totalTooLarge(5_000_000, limit: 1_000_000)) {
            _ = try ZipReader(path: p, limits: total)
        }
        let many = (0..<20).map { ZipMaker.Entry("json/\($0).json", Self.record) }
        try ZipMaker.write(many, to: p)
        let count = ZipLimits(maxEntries: 10, maxEntrySize: 10_000_000, maxTotalSize: 100_000_000, maxRatio: 1000)
        #expect(throws: ZipError.tooManyEntries(20, limit: 10)) { _ = try ZipReader(path: p, limits: count) }
    }

    @Test func entryInflatingPastItsDeclaredSizeIsStopped() throws {
        let p = path("lie.zip")
        try ZipMaker.write([.init("json/a.json", Self.record)], to: p)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: p)))
        // Lower the declared size in the central directory: inflation must stop at it, not trust the stream.
        let cd = bytes.count - 22 - (46 + "json/a.json".utf8.count)
        bytes[cd + 24] = 100
        bytes[cd + 25] = 0
        bytes[cd + 26] = 0
        bytes[cd + 27] = 0
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        let zip = try ZipReader(path: p)
        #expect(zip.entries[0].size == 100)
        #expect(throws: ZipError.entryTooLarge("json/a.json", size: UInt64(Self.record.count), limit: 100)) {
            try zip.validate()
        }
    }

    @Test(arguments: ["../evil.json", "json/../../etc/passwd", "/etc/passwd", "C:/x.json", "json\\..\\x.json"])
    func traversalNamesAreUnsafe(name: String) throws {
        let p = path("tr.zip")
        try ZipMaker.write([.init(name, Self.record), .init("json/ok.json", Self.record)], to: p)
        let zip = try ZipReader(path: p)
        #expect(zip.entries.filter(\.isUnsafeName).count == 1)
        #expect(zip.entries.filter { !$0.isUnsafeName }.map(\.name) == ["json/ok.json"])
        try zip.validate()
    }

    @Test func emptyArchiveAndNonZip() throws {
        let p = path("e.zip")
        try ZipMaker.write([], to: p)
        #expect(try ZipReader(path: p).entries.isEmpty)
        try Data("<html>maintenance</html>".utf8).write(to: URL(fileURLWithPath: p))
        #expect(throws: ZipError.notAZip) { _ = try ZipReader(path: p) }
        try Data().write(to: URL(fileURLWithPath: p))
        #expect(throws: ZipError.notAZip) { _ = try ZipReader(path: p) }
    }
}
