/// Byte-level transcoding and validation: UTF-8 checks, windows-1252 and UTF-16 to UTF-8, one UTF-8 encoder.
extension Charset {
    /// True when `bytes` are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    ///
    /// ASCII runs are checked sixteen bytes at a time (``ByteBlock``).
    public static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// The same check on bytes in memory.
    public static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = buffer.count
        guard let p = buffer.baseAddress else { return true }
        while i < n {
            // ASCII sixteen bytes at a time, straight to the first byte that is not.
            i = ByteBlock.skip(p, from: i, to: n) { $0 .>= ByteBlock.splat(0x80) }
            guard i < n else { break }
            let b = buffer[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED:
                need = 2
                upper = 0x9F
            case 0xF0:
                need = 3
                lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                upper = 0x8F
            default: return false
            }
            guard i + need < n else { return false } // truncated sequence at the end
            let first = buffer[i + 1]
            guard first >= lower, first <= upper else { return false }
            var k = 2
            while k <= need {
                let c = buffer[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }

    /// Transcodes windows-1252 bytes to UTF-8 (ISO-8859-1 is read as windows-1252, as browsers do).
    ///
    /// ASCII goes through sixteen bytes at a time; every other byte becomes two or three.
    public static func windows1252ToUTF8(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            return [UInt8](unsafeUninitializedCapacity: max(1, 3 * n)) { out, written in
                guard let src = b.baseAddress, let dst = out.baseAddress else {
                    written = 0
                    return
                }
                var i = 0
                var o = 0
                while i < n {
                    if i + 16 <= n {
                        // o ≤ 3i, so a block always fits in the 3n bytes reserved.
                        let v = ByteBlock.load(src + i)
                        ByteBlock.store(v, dst + o)
                        guard let k = ByteBlock.first(v .>= ByteBlock.splat(0x80)) else {
                            i += 16
                            o += 16
                            continue
                        }
                        i += k
                        o += k
                    }
                    let c = src[i]
                    i += 1
                    if c < 0x80 {
                        dst[o] = c
                        o += 1
                        continue
                    }
                    o += write(c <= 0x9F ? cp1252High[Int(c - 0x80)] : UInt32(c), to: dst + o)
                }
                written = o
            }
        }
    }

    /// Writes the UTF-8 encoding of a valid scalar value at `p`; returns how many bytes it took.
    @inline(__always)
    static func write(_ scalar: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var b: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = encodeUTF8(scalar, into: &b)
        p[0] = b.0
        if count > 1 { p[1] = b.1 }
        if count > 2 { p[2] = b.2 }
        if count > 3 { p[3] = b.3 }
        return count
    }

    /// Appends the UTF-8 encoding of a valid scalar value.
    @inlinable
    public static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        var b: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = encodeUTF8(scalar, into: &b)
        out.append(b.0)
        if count > 1 { out.append(b.1) }
        if count > 2 { out.append(b.2) }
        if count > 3 { out.append(b.3) }
    }

    /// The UTF-8 encoding of a valid scalar value in four bytes; returns how many are used.
    @inlinable
    public static func encodeUTF8(_ s: UInt32, into b: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
        switch s {
        case 0..<0x80:
            b.0 = UInt8(s)
            return 1
        case 0x80..<0x800:
            b.0 = UInt8(0xC0 | (s >> 6))
            b.1 = UInt8(0x80 | (s & 0x3F))
            return 2
        case 0x800..<0x10000:
            b.0 = UInt8(0xE0 | (s >> 12))
            b.1 = UInt8(0x80 | ((s >> 6) & 0x3F))
            b.2 = UInt8(0x80 | (s & 0x3F))
            return 3
        default:
            b.0 = UInt8(0xF0 | (s >> 18))
            b.1 = UInt8(0x80 | ((s >> 12) & 0x3F))
            b.2 = UInt8(0x80 | ((s >> 6) & 0x3F))
            b.3 = UInt8(0x80 | (s & 0x3F))
            return 4
        }
    }

    /// windows-1252's 0x80–0x9F; undefined positions keep their C1 code point, as the WHATWG table does
    /// (the one table: feed text, HTML references and transcoding all read C1 controls through it).
    public static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]

    /// UTF-16 of known byte order transcoded to UTF-8 in one pass; nil when it is not valid UTF-16 (an odd
    /// length, an unpaired surrogate), left to Foundation's reading.
    public static func utf16ToUTF8(_ body: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8]? {
        guard body.count % 2 == 0 else { return nil }
        return body.withUnsafeBufferPointer { b -> [UInt8]? in
            let n = b.count
            var valid = true
            // A unit gives at most 3 bytes (2 input bytes), a surrogate pair 4 (4 input bytes).
            let result = [UInt8](unsafeUninitializedCapacity: max(16, n + n / 2 + 16)) { out, written in
                written = 0
                guard let src = b.baseAddress, let dst = out.baseAddress else { return }
                var i = 0
                var o = 0
                @inline(__always) func unit(_ k: Int) -> UInt32 {
                    bigEndian ? UInt32(src[k]) << 8 | UInt32(src[k + 1]) : UInt32(src[k + 1]) << 8 | UInt32(src[k])
                }
                while i < n {
                    if i + 16 <= n {
                        // Eight ASCII units at once: their high bytes zero, their low bytes below 0x80.
                        let v = ByteBlock.load(src + i)
                        let (low, high) = bigEndian ? (v.oddHalf, v.evenHalf) : (v.evenHalf, v.oddHalf)
                        if unsafeBitCast(high | (low & SIMD8(repeating: 0x80)), to: UInt64.self) == 0 {
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: low, as: SIMD8<UInt8>.self)
                            i += 16
                            o += 8
                            continue
                        }
                    }
                    var v = unit(i)
                    i += 2
                    if v >= 0xD800, v <= 0xDFFF {
                        guard v <= 0xDBFF, i < n else {
                            valid = false
                            return
                        }
                        let low = unit(i)
                        guard low >= 0xDC00, low <= 0xDFFF else {
                            valid = false
                            return
                        }
                        i += 2
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    }
                    o += write(v, to: dst + o)
                }
                written = o
            }
            return valid ? result : nil
        }
    }
}
