import VeilleCore

extension PlainText {
    /// Decodes `&name;`, `&#123;` or `&#x7B;` at `i`: the code point and the index after the reference.
    ///
    /// Windows-1252 code points 128–159 written numerically are read as browsers read them (`&#146;` is ’).
    static func decodeReference(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < b.count else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < b.count, b[j] == UInt8(ascii: "x") || b[j] == UInt8(ascii: "X") {
                hex = true
                j += 1
            }
            let start = j
            var value: UInt32 = 0
            while j < b.count, j - start < 8 {
                let c = b[j]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(c - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(c - 0x41 + 10)
                default: digit = 99
                }
                if digit == 99 { break }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > start else { return nil }
            if j < b.count, b[j] == UInt8(ascii: ";") { j += 1 }
            if value >= 0x80, value <= 0x9F { value = Charset.cp1252High[Int(value - 0x80)] }
            guard value != 0, Unicode.Scalar(value) != nil else { return (0xFFFD, j) }
            return (value, j)
        }
        let start = j
        while j < b.count, isWordByte(b[j]), j - start < 32 { j += 1 }
        guard j > start, j < b.count, b[j] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
        guard let cp = HTMLEntities.codePoints[name] else { return nil }
        return (cp, j + 1)
    }
}
