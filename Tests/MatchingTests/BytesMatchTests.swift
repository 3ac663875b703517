import Foundation
import TestSupport
import Testing

@testable import Matching

/// `match(utf8:)`, the entry of `veille match --batch`: the bytes matched in place give the matches of the
/// String path, valid or not, with or without listed domains.
struct BytesMatchTests {
    static let yaml =
        DifferentialTests.yaml + """

              - id: rrn
                name: RRN
                aliases: [RRN]
                domains: [rrussianews.com]
            """

    static func stringPath(_ c: CompiledWatchlist, _ bytes: [UInt8]) -> [EntityMatch] {
        c.match(title: nil, text: String(decoding: bytes, as: UTF8.self), url: nil, canonicalURL: nil)
    }

    @Test(arguments: 0..<40)
    func bytesMatchAsTheirStringDoes(_ seed: Int) throws {
        let c = try TestFiles.compile(Self.yaml)
        #expect(!c.domains.isEmpty)
        var bytes = Array(DifferentialTests.text(seed: seed, pieces: 60 + seed * 5).utf8)
        bytes += Array(" RRN https://www.rrussianews.com/a. l’Azerbaïdjan".utf8)
        if seed % 4 == 3 { // not UTF-8: replaced on the String path
            bytes[bytes.count / 2] = 0xFF
            bytes.insert(0xC3, at: bytes.count / 3)
        }
        let new = bytes.withUnsafeBufferPointer { c.match(utf8: $0) }
        #expect(new == Self.stringPath(c, bytes), "seed \(seed)")
        #expect(new.contains { $0.field == .link } && new.contains { $0.entityID == "azerbaijan" })
    }

    @Test func emptyAndSpaceOnlyBytesMatchNothing() throws {
        let c = try TestFiles.compile(Self.yaml)
        for text in ["", " ", "\n\n", "\u{FF}"] {
            let bytes = text == "\u{FF}" ? [UInt8(0xFF)] : Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { c.match(utf8: $0) } == Self.stringPath(c, bytes))
        }
    }
}
