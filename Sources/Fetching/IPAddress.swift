import Foundation

/// An IPv4 or IPv6 address, as connected to or as written in a URL.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address, host byte order (`127.0.0.1` is `0x7F00_0001`).
    case v4(UInt32)
    /// An IPv6 address: 16 bytes, network order.
    case v6([UInt8])

    /// Creates an address from 4 or 16 bytes in network order; nil for any other length.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4: self = .v4(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        case 16: self = .v6(bytes)
        default: return nil
        }
    }

    /// Parses an address literal.
    ///
    /// IPv4 in every spelling `inet_aton` accepts (and so browsers and older resolvers): one to four
    /// parts, each decimal, octal (`0177`) or hex (`0x7f`), the last part filling the remaining bytes
    /// (`2130706433`, `0x7f.1`, `127.1`). IPv6 as `inet_pton` reads it, brackets and a zone (`%eth0`)
    /// tolerated, including IPv4-mapped forms (`::ffff:169.254.169.254`).
    public init?(_ text: String) {
        var t = Substring(text)
        if t.hasPrefix("["), t.hasSuffix("]") { t = t.dropFirst().dropLast() }
        if t.contains(":") {
            if let zone = t.firstIndex(of: "%") { t = t[..<zone] }
            var storage = in6_addr()
            guard inet_pton(AF_INET6, String(t), &storage) == 1 else { return nil }
            self = .v6(withUnsafeBytes(of: &storage) { Array($0) })
        } else if let value = Self.parseIPv4(t) {
            self = .v4(value)
        } else {
            return nil
        }
    }

    /// The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host: IPv4-mapped
    /// (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`, deprecated), NAT64 (`64:ff9b::/96`) and
    /// 6to4 (`2002:AABB:CCDD::/16`).
    public var embeddedIPv4: UInt32? {
        guard case .v6(let b) = self else { return nil }
        func word(_ i: Int) -> UInt32 {
            UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
        }
        let zeroTen = b[0..<10].allSatisfy { $0 == 0 }
        if zeroTen, b[10] == 0xff, b[11] == 0xff { return word(12) }
        if zeroTen, b[10] == 0, b[11] == 0, word(12) > 1 { return word(12) }
        if b[0..<4] == [0, 0x64, 0xff, 0x9b], b[4..<12].allSatisfy({ $0 == 0 }) { return word(12) }
        if b[0] == 0x20, b[1] == 0x02 { return word(2) }
        return nil
    }

    /// Dotted quad for IPv4, RFC 5952 text for IPv6.
    public var description: String {
        switch self {
        case .v4(let v):
            return "\(v >> 24).\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
        case .v6(var bytes):
            var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard bytes.count == 16, inet_ntop(AF_INET6, &bytes, &out, socklen_t(out.count)) != nil else {
                return bytes.map { String($0, radix: 16) }.joined(separator: ":")
            }
            return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// `inet_aton` grammar: 1–4 parts; each decimal, `0`-prefixed octal or `0x` hex.
    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let v = parseNumber(part) else { return nil }
            values.append(v)
        }
        var result: UInt64 = 0
        for (i, v) in values.dropLast().enumerated() {
            guard v <= 0xff else { return nil }
            result |= v << UInt64(8 * (3 - i))
        }
        let lastBits = UInt64(8 * (5 - parts.count))
        guard let last = values.last, last < (1 << lastBits) else { return nil }
        return UInt32(result | last)
    }

    private static func parseNumber(_ part: Substring) -> UInt64? {
        guard !part.isEmpty, part.count <= 12 else { return nil }
        let lower = part.lowercased()
        if lower.hasPrefix("0x") { return lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16) }
        if lower.count > 1, lower.hasPrefix("0") { return UInt64(lower.dropFirst(), radix: 8) }
        return UInt64(lower, radix: 10)
    }
}
