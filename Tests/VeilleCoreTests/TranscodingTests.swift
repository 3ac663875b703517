import Foundation
import TestSupport
import Testing

@testable import VeilleCore

/// windows-1252 and UTF-16 to UTF-8, sixteen bytes at a time where the text is ASCII: the same as
/// decoding scalar by scalar, wherever a non-ASCII character falls in a block.
struct TranscodingTests {
    /// Random text of ASCII runs and characters that are not ASCII (windows-1252 letters and punctuation
    /// for the first; any plane for UTF-16), as scalars.
    static func randomScalars(_ rng: inout SplitMix, cp1252: Bool) -> [Unicode.Scalar] {
        let others: [UInt32] =
            cp1252
            ? [0xE9, 0xA0, 0xFF, 0x20AC, 0x2019, 0x0152, 0x81, 0x9D]
            : [0xE9, 0x2019, 0x4E2D, 0x1F600, 0xFFFD, 0x10FFFF, 0x7FF, 0x800]
        var out: [Unicode.Scalar] = []
        for _ in 0..<Int(rng.next() % 60) {
            if rng.next() % 3 == 0 {
                out.append(Unicode.Scalar(others[Int(rng.next() % UInt64(others.count))]).unsafelyUnwrapped)
            } else {
                for _ in 0..<Int(rng.next() % 20) { out.append(Unicode.Scalar(UInt8(0x20 + rng.next() % 95))) }
            }
        }
        return out
    }

    @Test func windows1252AtEveryOffset() {
        var rng = SplitMix(state: 0x1252)
        for trial in 0..<2000 {
            let scalars = Self.randomScalars(&rng, cp1252: true)
            let bytes = scalars.map { s -> UInt8 in
                s.value < 0x100 ? UInt8(s.value) : UInt8(0x80 + (Charset.cp1252High.firstIndex(of: s.value) ?? 0))
            }
            let expected = String(String.UnicodeScalarView(scalars))
            #expect(
                String(decoding: Charset.windows1252ToUTF8(bytes[...]), as: UTF8.self) == expected, "trial \(trial)")
        }
    }

    @Test(arguments: [false, true])
    func utf16AtEveryOffset(bigEndian: Bool) {
        var rng = SplitMix(state: bigEndian ? 0x16BE : 0x161E)
        for trial in 0..<2000 {
            let text = String(String.UnicodeScalarView(Self.randomScalars(&rng, cp1252: false)))
            let units = Array(text.utf16)
            let bytes = units.flatMap { u in
                bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
            }
            let decoded = Charset.utf16ToUTF8(bytes[...], bigEndian: bigEndian)
            #expect(decoded.map { String(decoding: $0, as: UTF8.self) } == text, "trial \(trial)")
        }
    }

    /// The sixteen-byte ASCII skip of the UTF-8 check: the standard library's verdict on random bytes made
    /// of ASCII runs, valid sequences and stray bytes, wherever they fall.
    @Test func utf8ValidityAgreesWithTheStandardLibrary() {
        var rng = SplitMix(state: 0x0078)
        let pieces: [[UInt8]] = [
            [0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0xA9], [0xED, 0xA0, 0x80],
            [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82],
        ]
        var invalid = 0
        for trial in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 6) {
                bytes += (0..<Int(rng.next() % 40)).map { _ in UInt8(0x20 + rng.next() % 95) }
                if rng.next() % 2 == 0 { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            #expect(Charset.isValidUTF8(bytes[...]) == expected, "trial \(trial): \(bytes)")
        }
        #expect(invalid > 500)
    }

    @Test func utf16LoneSurrogatesAndOddLengthsAreRefused() {
        let ascii: [UInt8] = Array(repeating: [0x41, 0x00], count: 20).flatMap { $0 } // "AAAA…" in UTF-16LE
        for offset in stride(from: 0, through: 40, by: 2) {
            var lone = ascii
            lone.insert(contentsOf: [UInt8(0x00), UInt8(0xD8)], at: offset) // a high surrogate with no low one after it
            #expect(Charset.utf16ToUTF8(lone[...], bigEndian: false) == nil, "offset \(offset)")
        }
        #expect(Charset.utf16ToUTF8([0x41, 0x00, 0x42][...], bigEndian: false) == nil)
    }
}
