import Testing

@testable import Fetching

/// The address policy's classification, without network.
struct AddressPolicyTests {
    typealias Category = AddressPolicy.Category

    @Test(arguments: [
        ("127.0.0.1", Category.loopback), ("127.255.255.254", .loopback), ("127.1", .loopback),
        ("2130706433", .loopback), ("0x7f.0.0.1", .loopback), ("0177.0.0.1", .loopback),
        ("10.1.2.3", .privateAddress), ("172.16.0.1", .privateAddress), ("172.31.255.255", .privateAddress),
        ("172.32.0.1", .publicAddress), ("192.168.1.1", .privateAddress), ("100.64.0.1", .privateAddress),
        ("100.128.0.1", .publicAddress), ("198.18.0.1", .privateAddress),
        ("169.254.169.254", .linkLocal), ("2852039166", .linkLocal), ("0xa9fea9fe", .linkLocal),
        ("0xA9.0xFE.0xA9.0xFE", .linkLocal), ("0251.0376.0251.0376", .linkLocal), ("169.254.43518", .linkLocal),
        ("0.0.0.0", .unspecified), ("0", .unspecified), ("8.8.8.8", .publicAddress), ("192.0.0.192", .reserved),
        ("224.0.0.1", .multicast), ("255.255.255.255", .reserved),
        ("::1", .loopback), ("[::1]", .loopback), ("::", .unspecified), ("fe80::1", .linkLocal),
        ("[fe80::1%eth0]", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .privateAddress),
        ("fc00::1", .privateAddress), ("fd00:ec2::254", .privateAddress),
        ("::ffff:169.254.169.254", .linkLocal), ("::ffff:a9fe:a9fe", .linkLocal), ("::ffff:127.0.0.1", .loopback),
        ("::ffff:10.0.0.1", .privateAddress), ("::ffff:8.8.8.8", .publicAddress), ("::169.254.169.254", .linkLocal),
        ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b:1::1", .privateAddress), ("2002:a9fe:a9fe::1", .linkLocal),
        ("2002:0808:0808::1", .publicAddress), ("2606:4700::1111", .publicAddress), ("ff02::1", .multicast),
    ])
    func classifies(_ text: String, _ expected: Category) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressPolicy.category(of: address) == expected)
    }

    @Test(arguments: ["256.1.1.1", "1.2.3.4.5", "abc", "", "1..2", "08.1.1.1", "1.2.3.256", "::g", "4294967296"])
    func rejectsNonAddresses(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test(arguments: [
        ("127.0.0.1", false, false), ("127.0.0.1", true, true), ("::1", true, true),
        ("10.0.0.1", false, false), ("10.0.0.1", true, false), ("192.168.0.10", true, false),
        ("93.184.216.34", false, true), ("93.184.216.34", true, false),
        ("169.254.169.254", false, false), ("169.254.169.254", true, false), ("::ffff:169.254.169.254", true, false),
        ("0.0.0.0", true, false), ("::", false, false), ("fd00:ec2::254", true, false), ("224.0.0.1", false, false),
    ])
    func verdicts(_ text: String, _ originIsLocal: Bool, _ allowed: Bool) throws {
        let address = try #require(IPAddress(text))
        #expect((AddressPolicy.verdict(for: address, originIsLocal: originIsLocal) == .allowed) == allowed)
    }

    @Test func refusalNamesTheAddressAndItsKind() throws {
        let metadata = try #require(IPAddress("::ffff:169.254.169.254"))
        #expect(
            AddressPolicy.verdict(for: metadata, originIsLocal: false)
                == .refused("::ffff:169.254.169.254 is link-local"))
        let v4 = try #require(IPAddress(bytes: [169, 254, 169, 254]))
        #expect(AddressPolicy.verdict(for: v4, originIsLocal: true) == .refused("169.254.169.254 is link-local"))
    }

    @Test(arguments: [
        ("http://localhost:8080/feed.xml", true), ("http://LOCALHOST/", true), ("http://localhost./", true),
        ("http://app.localhost/", true), ("http://127.0.0.1/feed", true), ("http://127.1/", true),
        ("http://2130706433/", true), ("http://[::1]:80/", true), ("http://[::ffff:127.0.0.1]/", true),
        ("https://www.lemonde.fr/rss", false), ("http://10.0.0.1/", false), ("http://localhost.example.org/", false),
        ("http://169.254.169.254/", false), ("not a url", false),
    ])
    func localOrigins(_ url: String, _ local: Bool) {
        #expect(AddressPolicy.isLocalOrigin(url) == local)
    }

    @Test(arguments: [
        ("http://example.org/", true), ("HTTPS://example.org/a", true), ("file:///etc/passwd", false),
        ("gopher://example.org/", false), ("ftp://example.org/", false), ("example.org", false),
    ])
    func fetchableSchemes(_ url: String, _ fetchable: Bool) {
        #expect(AddressPolicy.isFetchable(url) == fetchable)
    }

    @Test func userAgentNamesVersionAndContact() {
        #expect(
            Fetcher.userAgent(version: "0.1.0", contact: "https://example.org/veille")
                == "veille/0.1.0 (+https://example.org/veille)")
        #expect(Fetcher.userAgent(version: "0.1.0", contact: nil) == "veille/0.1.0")
    }
}
