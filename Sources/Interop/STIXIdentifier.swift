/// Deterministic STIX identifiers: name-based UUIDs, version 5 (RFC 9562 §5.5, SHA-1 over namespace + name).
///
/// veille's own objects take ids from ``namespace`` and a stable key (`report:<source>:<url>`), so
/// exporting twice gives the same ids and OpenCTI updates objects instead of duplicating them. Cyber-observable
/// objects (`domain-name`) take the ids the STIX 2.1 specification defines for them (§2.9: namespace
/// `00abedb4-aa42-466c-9c01-fed23315a9b7` over the canonical JSON of their id-contributing properties),
/// the same ids OpenCTI and the VIGINUM bundles use.
public enum STIXIdentifier {
    /// veille's namespace for its own objects (a fixed UUIDv4 chosen once; never change it, or every id changes).
    public static let namespace: [UInt8] = uuidBytes("9b1f1c52-5a3e-4d0e-9f54-7c1e2a6b8d30")
    /// The STIX 2.1 namespace for deterministic cyber-observable ids.
    public static let observableNamespace: [UInt8] = uuidBytes("00abedb4-aa42-466c-9c01-fed23315a9b7")

    /// `<type>--<UUIDv5(namespace, key)>`.
    public static func make(_ type: String, key: String, namespace: [UInt8] = namespace) -> String {
        type + "--" + uuid5(namespace: namespace, name: Array(key.utf8))
    }

    /// The specification's id of a `domain-name` with this value (canonical JSON `{"value":"…"}`).
    public static func domainName(_ value: String) -> String {
        make("domain-name", key: "{\"value\":" + canonicalString(value) + "}", namespace: observableNamespace)
    }

    /// A UUIDv5 in its text form.
    public static func uuid5(namespace: [UInt8], name: [UInt8]) -> String {
        var h = Array(SHA1.digest(namespace + name).prefix(16))
        h[6] = (h[6] & 0x0F) | 0x50
        h[8] = (h[8] & 0x3F) | 0x80
        let hex = h.map { String($0, radix: 16).leftPadded(2) }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    /// The 16 bytes of a UUID's text form (only for the constants above, which are well formed).
    static func uuidBytes(_ s: String) -> [UInt8] {
        let hex = Array(s.utf8.filter { $0 != UInt8(ascii: "-") })
        return stride(from: 0, to: hex.count - 1, by: 2).map { i in
            UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) ?? 0
        }
    }

    /// A JSON string as RFC 8785 (JCS) writes it: only `"`, `\` and control characters escaped.
    static func canonicalString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    out += "\\u" + String(u.value, radix: 16).leftPadded(4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// SHA-1 (FIPS 180-4), for name-based UUIDs only (RFC 9562 requires it there; it protects nothing here).
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var m = message
        let bitLength = UInt64(message.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] = UInt32(m[j]) << 24 | UInt32(m[j + 1]) << 16 | UInt32(m[j + 2]) << 8 | UInt32(m[j + 3])
            }
            for i in 16..<80 { w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotl(1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let t = a.rotl(5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, b.rotl(30), a, t)
            }
            h[0] &+= a
            h[1] &+= b
            h[2] &+= c
            h[3] &+= d
            h[4] &+= e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - $0 * 8)) } }
    }
}

extension UInt32 {
    fileprivate func rotl(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
}
