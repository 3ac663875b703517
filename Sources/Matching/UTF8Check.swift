/// Whether bytes are valid UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates, nothing above
/// U+10FFFF), exactly as Swift's `String(validating:as:)` decides, with ASCII read eight bytes at a time.
///
/// Reason: `veille match --batch` matches a file's bytes in place when they are valid, instead of making a
/// String of them (which validates at about a third of this speed, and copies).
enum UTF8Check {
    /// True when every byte of `bytes` belongs to a well-formed UTF-8 sequence.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            // ASCII, eight bytes at a time, up to the first byte with its high bit set.
            while i &+ 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) & highs
                if w != 0 {
                    i &+= w.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { return true }
            let b0 = p[i]
            if b0 < 0x80 {
                i &+= 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { p[i &+ k] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard i &+ 1 < n, continuation(1) else { return false }
                i &+= 2
            case 0xE0...0xEF:
                guard i &+ 2 < n, continuation(2) else { return false }
                let b1 = p[i &+ 1]
                let ok: Bool
                switch b0 {
                case 0xE0: ok = b1 >= 0xA0 && b1 <= 0xBF // no overlong form
                case 0xED: ok = b1 >= 0x80 && b1 <= 0x9F // no surrogate
                default: ok = b1 & 0xC0 == 0x80
                }
                guard ok else { return false }
                i &+= 3
            case 0xF0...0xF4:
                guard i &+ 3 < n, continuation(2), continuation(3) else { return false }
                let b1 = p[i &+ 1]
                let ok: Bool
                switch b0 {
                case 0xF0: ok = b1 >= 0x90 && b1 <= 0xBF // no overlong form
                case 0xF4: ok = b1 >= 0x80 && b1 <= 0x8F // nothing above U+10FFFF
                default: ok = b1 & 0xC0 == 0x80
                }
                guard ok else { return false }
                i &+= 4
            default: return false // a continuation byte out of place, C0, C1, F5–FF
            }
        }
        return true
    }
}
