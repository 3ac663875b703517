/// Punycode (RFC 3492): the Bootstring encoding IDNA uses for the labels of internationalized domain names.
///
/// Only what domain matching needs: a label's code points to its ASCII form and back. Both directions
/// reject what RFC 3492 calls overflow and bad input by returning nil, never trapping, since the input is
/// untrusted (a link in a feed, a line of a domain list). See https://www.rfc-editor.org/rfc/rfc3492.
public enum Punycode {
    static let base = 36
    static let tMin = 1
    static let tMax = 26
    static let skew = 38
    static let damp = 700
    static let initialBias = 72
    static let initialN = 128

    /// Encodes a label (`яндекс` → `d1acpjx3f`, without the `xn--` prefix).
    ///
    /// - Parameter label: the label's Unicode text.
    /// - Returns: the Punycode string, or nil on overflow.
    public static func encode(_ label: String) -> String? {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (grow, o1) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !o1, delta <= Int(Int32.max) - grow else { return nil }
            delta += grow
            n = m
            for c in input {
                if c < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard c == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a label's Punycode (`d1acpjx3f` → `яндекс`, without the `xn--` prefix).
    ///
    /// - Parameter encoded: the ASCII Punycode text.
    /// - Returns: the Unicode label, or nil for bad input or overflow.
    public static func decode(_ encoded: String) -> String? {
        let bytes = Array(encoded.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [Int] = []
        var start = 0
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            output = bytes[..<dash].map { Int($0) }
            start = dash + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var pos = start
        while pos < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard pos < bytes.count, let d = value(bytes[pos]) else { return nil }
                pos += 1
                let (dw, o1) = d.multipliedReportingOverflow(by: w)
                guard !o1, i <= Int(Int32.max) - dw else { return nil }
                i += dw
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                let (nw, o2) = w.multipliedReportingOverflow(by: base - t)
                guard !o2, nw <= Int(Int32.max) else { return nil }
                w = nw
                k += base
            }
            bias = adapt(i - oldI, output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            guard n <= 0x10FFFF else { return nil }
            i %= output.count + 1
            output.insert(n, at: i)
            i += 1
        }
        var s = String.UnicodeScalarView()
        for c in output {
            guard let u = Unicode.Scalar(c) else { return nil }
            s.append(u)
        }
        return String(s)
    }

    static func adapt(_ delta: Int, _ count: Int, first: Bool) -> Int {
        var d = first ? delta / damp : delta / 2
        d += d / count
        var k = 0
        while d > ((base - tMin) * tMax) / 2 {
            d /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * d / (d + skew)
    }

    static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
    }

    static func value(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(b - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(b - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }
}
