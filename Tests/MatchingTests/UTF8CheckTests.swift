import Foundation
import TestSupport
import Testing

@testable import Matching

/// `UTF8Check` against Swift's own validation (`String(validating:as:)`), on every sequence of one to three
/// bytes, every four-byte lead with every second byte, and random buffers that put non-ASCII bytes on
/// both sides of the eight-byte ASCII blocks.
struct UTF8CheckTests {
    static func swiftSays(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
    static func checkSays(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Check.isValid) }

    /// Byte values at the edges of the ranges UTF-8 distinguishes.
    static let edges = [
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xEF, 0xF4, 0xF5, 0xFF,
    ]

    @Test func everySequenceOfOneOrTwoBytesIsJudgedAsSwiftJudgesIt() {
        var disagreements: [[UInt8]] = []
        for a in 0..<256 {
            let one = [UInt8(a)]
            if Self.checkSays(one) != Self.swiftSays(one) { disagreements.append(one) }
            for b in 0..<256 {
                let two = [UInt8(a), UInt8(b)]
                if Self.checkSays(two) != Self.swiftSays(two) { disagreements.append(two) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Every lead of 0xE0–0xF7 with every second byte, and third and fourth bytes at the edges of every
    /// range that matters (ASCII, continuation, lead): overlong forms, surrogates, and the end of Unicode.
    @Test func everyThreeByteSequenceAndFourByteLeadIsJudgedAsSwiftJudgesIt() {
        var disagreements: [[UInt8]] = []
        for a in 0xE0..<0xF0 {
            for b in 0..<256 {
                for c in Self.edges {
                    let s = [UInt8(a), UInt8(b), UInt8(c)]
                    if Self.checkSays(s) != Self.swiftSays(s) { disagreements.append(s) }
                }
            }
        }
        for a in 0xF0..<0xF8 {
            for b in 0..<256 {
                for (c, d) in zip(Self.edges, Self.edges.reversed()) + [(0x80, 0x80), (0xBF, 0xBF), (0x90, 0xA5)] {
                    let s = [UInt8(a), UInt8(b), UInt8(c), UInt8(d)]
                    if Self.checkSays(s) != Self.swiftSays(s) { disagreements.append(s) }
                    if Self.checkSays(Array(s.prefix(3))) != Self.swiftSays(Array(s.prefix(3))) {
                        disagreements.append(Array(s.prefix(3)))
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// ASCII runs of every length around characters of one to four bytes, and bytes broken at random.
    @Test func randomBuffersAreJudgedAsSwiftJudgesThem() {
        var rng = SplitMix(state: 2028)
        let pieces: [[UInt8]] = ["a", "é", "Ж", "한", "🔥", "\u{10FFFF}", "\u{FFFD}", " "].map { Array($0.utf8) }
        var valid = 0
        for round in 0..<4000 {
            var bytes: [UInt8] = Array(repeating: 0x61, count: round % 19)
            for _ in 0..<Int(rng.next() % 40) {
                bytes += pieces[Int(rng.next() % UInt64(pieces.count))]
                bytes += Array(repeating: 0x62, count: Int(rng.next() % 12))
            }
            if round % 3 == 1, !bytes.isEmpty { // one byte broken
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if round % 5 == 2, !bytes.isEmpty { bytes.removeLast() } // a sequence cut short, maybe
            #expect(Self.checkSays(bytes) == Self.swiftSays(bytes), "\(bytes)")
            if Self.swiftSays(bytes) { valid += 1 }
        }
        #expect(valid > 2000 && valid < 4000)
    }
}
