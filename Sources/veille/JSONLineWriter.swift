import Foundation
import Syndication
import VeilleCore

/// Writes one JSON object as UTF-8 bytes, escaping strings by hand (no encoder, no intermediate objects).
///
/// Strings are copied in runs: the bytes between two characters that need an escape go in with one
/// `append(contentsOf:)`, so a long text costs one scan and one copy.
struct JSONLineWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]

    /// A writer with an empty buffer.
    init() { bytes = [] }

    /// A writer that appends to `bytes` (moved in; take it back with ``take()``).
    init(appendingTo bytes: [UInt8]) { self.bytes = bytes }

    /// Hands the buffer back, leaving the writer empty.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// The line written so far.
    var result: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends literal JSON syntax.
    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends one byte of JSON syntax.
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Appends a JSON string, or `null`.
    mutating func optional(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// Appends a JSON string with the escapes JSON requires.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: $0) }
    }

    /// Appends UTF-8 bytes as a JSON string with the escapes JSON requires.
    mutating func string(utf8 u: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(bytes.count + u.count + 2)
        bytes.append(0x22)
        var start = 0
        var i = 0
        let n = u.count
        while i < n {
            // Eight plain bytes at a time: none below 0x20, none `"` (0x22) or `\` (0x5C).
            while i + 8 <= n {
                let v = UnsafeRawPointer(u.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
                if Self.needsEscape(v) { break }
                i += 8
            }
            guard i < n else { break }
            let c = u[i]
            if c >= 0x20, c != 0x22, c != 0x5C {
                i += 1
                continue
            }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
            escape(c)
            i += 1
            start = i
        }
        if n > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n])) }
        bytes.append(0x22)
    }

    /// Whether any of the eight bytes of `v` is a control character, `"` or `\` (exact: no false negative).
    @inline(__always)
    static func needsEscape(_ v: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & high != 0 }
        let below20 = (v &- ones &* 0x20) & ~v & high != 0
        return below20 || hasZero(v ^ (ones &* 0x22)) || hasZero(v ^ (ones &* 0x5C))
    }

    private mutating func escape(_ c: UInt8) {
        switch c {
        case 0x22:
            bytes.append(0x5C)
            bytes.append(0x22)
        case 0x5C:
            bytes.append(0x5C)
            bytes.append(0x5C)
        case 0x0A:
            bytes.append(0x5C)
            bytes.append(0x6E)
        case 0x0D:
            bytes.append(0x5C)
            bytes.append(0x72)
        case 0x09:
            bytes.append(0x5C)
            bytes.append(0x74)
        default:
            bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex(c >> 4), Self.hex(c & 0xF)])
        }
    }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    /// Appends a date as `"YYYY-MM-DDTHH:MM:SSZ"` in UTC, or `null`.
    mutating func date(_ d: Date?) {
        guard let d else {
            raw("null")
            return
        }
        bytes.append(0x22)
        UTCStamp.append(d, to: &bytes)
        bytes.append(0x22)
    }
}
