/// The address ranges the policy classifies, each with the reason it is not an ordinary public host.
///
/// First match wins; an address in no range is public.
enum AddressRanges {
    struct IPv4Range: Sendable {
        let base: UInt32
        let bits: Int
        let category: AddressPolicy.Category

        func contains(_ value: UInt32) -> Bool {
            bits == 0 || value >> UInt32(32 - bits) == base >> UInt32(32 - bits)
        }
    }

    struct IPv6Range: Sendable {
        let prefix: [UInt8]
        let bits: Int
        let category: AddressPolicy.Category

        func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == 16 else { return false }
            for i in 0..<bits {
                let mask = UInt8(0x80) >> UInt8(i % 8)
                if bytes[i / 8] & mask != prefix[i / 8] & mask { return false }
            }
            return true
        }
    }

    static let ipv4: [IPv4Range] = [
        // "This network" (RFC 1122): 0.0.0.0 connects to the local host on Linux.
        IPv4Range(base: 0x0000_0000, bits: 8, category: .unspecified),
        // Loopback (RFC 1122).
        IPv4Range(base: 0x7F00_0000, bits: 8, category: .loopback),
        // Private networks (RFC 1918).
        IPv4Range(base: 0x0A00_0000, bits: 8, category: .privateAddress),
        IPv4Range(base: 0xAC10_0000, bits: 12, category: .privateAddress),
        IPv4Range(base: 0xC0A8_0000, bits: 16, category: .privateAddress),
        // Carrier-grade NAT (RFC 6598): inside an operator's network, as private as RFC 1918.
        IPv4Range(base: 0x6440_0000, bits: 10, category: .privateAddress),
        // Benchmarking (RFC 2544): used for lab networks, never a public host.
        IPv4Range(base: 0xC612_0000, bits: 15, category: .privateAddress),
        // Link-local (RFC 3927); 169.254.169.254 is the cloud metadata service.
        IPv4Range(base: 0xA9FE_0000, bits: 16, category: .linkLocal),
        // IETF protocol assignments (RFC 6890), e.g. 192.0.0.192, a metadata address on some clouds.
        IPv4Range(base: 0xC000_0000, bits: 24, category: .reserved),
        // Multicast (RFC 5771): never an HTTP server.
        IPv4Range(base: 0xE000_0000, bits: 4, category: .multicast),
        // Reserved (RFC 1112), including the broadcast address 255.255.255.255.
        IPv4Range(base: 0xF000_0000, bits: 4, category: .reserved),
    ]

    private static func prefix(_ head: [UInt8]) -> [UInt8] { head + [UInt8](repeating: 0, count: 16 - head.count) }

    static let ipv6: [IPv6Range] = [
        // :: unspecified.
        IPv6Range(prefix: prefix([]), bits: 128, category: .unspecified),
        // ::1 loopback.
        IPv6Range(prefix: prefix([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), bits: 128, category: .loopback),
        // Discard-only (RFC 6666).
        IPv6Range(prefix: prefix([0x01, 0x00]), bits: 64, category: .reserved),
        // Local-use NAT64 (RFC 8215): translates into the operator's own IPv4 space.
        IPv6Range(prefix: prefix([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01]), bits: 48, category: .privateAddress),
        // Link-local (RFC 4291).
        IPv6Range(prefix: prefix([0xfe, 0x80]), bits: 10, category: .linkLocal),
        // Site-local (deprecated by RFC 3879, still routed inside some networks).
        IPv6Range(prefix: prefix([0xfe, 0xc0]), bits: 10, category: .privateAddress),
        // Unique local addresses (RFC 4193), e.g. fd00:ec2::254, a metadata address.
        IPv6Range(prefix: prefix([0xfc, 0x00]), bits: 7, category: .privateAddress),
        // Multicast.
        IPv6Range(prefix: prefix([0xff, 0x00]), bits: 8, category: .multicast),
    ]
}
