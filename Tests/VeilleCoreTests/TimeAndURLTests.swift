import Foundation
import Testing

@testable import VeilleCore

@Suite struct TimeAndURLTests {
    @Test(arguments: [("30s", 30.0), ("6h", 21_600.0), ("7d", 604_800.0), ("500ms", 0.5), ("1.5m", 90.0)])
    func durations(text: String, seconds: Double) {
        #expect(DurationUnit.parse(text) == seconds)
    }

    @Test(arguments: ["", "6", "h", "6 hours", "-1s"])
    func badDurations(text: String) {
        #expect(DurationUnit.parse(text) == nil)
    }

    @Test(arguments: [("20MB", 20_000_000), ("512KB", 512_000), ("100B", 100), ("1GB", 1_000_000_000)])
    func sizes(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test func sinceGrammar() {
        let now = Date(timeIntervalSince1970: 1_731_900_000)
        #expect(Timestamp.parseSince("2024-11-18T00:00:00Z", now: now) == Date(timeIntervalSince1970: 1_731_888_000))
        #expect(Timestamp.parseSince("2024-11-18", now: now) == Date(timeIntervalSince1970: 1_731_888_000))
        #expect(Timestamp.parseSince("36h", now: now) == now.addingTimeInterval(-36 * 3600))
        #expect(Timestamp.parseSince("7d", now: now) == now.addingTimeInterval(-7 * 86_400))
        #expect(Timestamp.parseSince("yesterday", now: now) == nil)
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1_731_888_007)) == "2024-11-18T00:00:07Z")
        #expect(Timestamp.compact(Date(timeIntervalSince1970: 1_731_888_007)) == "20241118T000007Z")
    }

    @Test(arguments: [
        ("HTTPS://WWW.Example.ORG/Path?a=1#frag", "https://www.example.org/Path?a=1"),
        ("https://e.org/a?utm_source=rss&id=4&utm_medium=x", "https://e.org/a?id=4"),
        ("https://e.org:443/a?utm_campaign=z", "https://e.org/a"),
        ("http://e.org", "http://e.org/"),
        ("not a url", "not a url"),
    ])
    func normalizesURLs(raw: String, expected: String) {
        #expect(URLNormalizer.normalize(raw) == expected)
    }

    @Test func jsonEscapesUntrustedText() {
        let v = JSONValue.object([("t", .string("a\"b\\c\nd\u{01}\u{2028}"))])
        #expect(v.serialized() == #"{"t":"a\"b\\c\nd\u0001\u2028"}"#)
    }
}

/// SHA-256 against the FIPS 180-4 examples (and a message crossing a block boundary).
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func digests(text: String, hex: String) {
        #expect(SHA256.hex(Array(text.utf8)) == hex)
    }
}
