import TestSupport
import Testing

@testable import Markup

/// `xml:base` resolution skips libxml2 for references with a scheme: it must give what libxml2 gives.
@Suite struct XMLBaseResolveTests {
    static let bases = [
        "http://example.org/a/b/c", "https://h.example/dir/", "ftp://f.example/x", "urn:isbn:123",
        "/relative/base/", "rel/dir/file", "", "http://[::1]:8080/p?q#f", "http://h/é/ü",
    ]

    @Test func schemesAreRecognised() {
        for yes in [
            "http://x", "HTTPS://x", "a:", "mailto:a@b", "urn:x:y", "svn+ssh://h/p", "x-y.z+1:rest", "tag:h,2024:1",
        ] {
            #expect(XMLCursor.hasScheme(yes), "\(yes)")
        }
        for no in [
            "", ":x", "1http://x", "/a:b", "a/b:c", "a b:c", "?a:b", "#a:b", "http", "é:x", "a_b:c", " http://x",
        ] {
            #expect(!XMLCursor.hasScheme(no), "\(no)")
        }
    }

    /// Every reference with a scheme, on every base, comes back from libxml2 as it was: written ones, and
    /// thousands of random ones mixing URL punctuation, spaces, percent signs and non-ASCII letters.
    @Test func libxml2LeavesEveryReferenceWithASchemeAsItIs() {
        var references = [
            "http://example.org/x/../y/./z", "HTTP://EXAMPLE.ORG/%7e", "https://h/a b", "http://h/\u{E9}t\u{E9}",
            "mailto:x@y", "urn:a:b/../c", "javascript:alert(1)", "data:text/html,<b>", "http://[bad", "h:",
            "news:comp.lang", "x+y://host:99999/p", "http://h/#frag#frag", "ftp://u:p@h/f;type=a",
        ]
        var rng = SplitMix(state: 0x0BA5_E001)
        let alphabet = Array("aZ09+-.:/?#[]@!$&'()*,;=% _~é\u{7F}\t".unicodeScalars)
        let schemes = ["http:", "https://", "a:", "urn:", "X-1+.:", "mailto:"]
        for _ in 0..<4000 {
            var s = schemes[Int(rng.next() % UInt64(schemes.count))]
            for _ in 0..<Int(rng.next() % 24) {
                s.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            references.append(s)
        }
        var checked = 0
        for reference in references where XMLCursor.hasScheme(reference) {
            for base in Self.bases {
                #expect(XMLCursor.resolve(reference, against: base) == reference, "\(reference) against \(base)")
                checked += 1
            }
        }
        #expect(checked >= 4000 * Self.bases.count)
    }

    /// The fast path changes nothing for references without a scheme: they are still resolved.
    @Test func referencesWithoutASchemeAreStillResolved() {
        #expect(XMLCursor.resolve("../d", against: "http://example.org/a/b/c") == "http://example.org/a/d")
        #expect(XMLCursor.resolve("p:q/r", against: "http://h/") == "p:q/r")
        // libxml2 escapes the colon
        #expect(XMLCursor.resolve("./p:q", against: "http://h/dir/") == "http://h/dir/p%3Aq")
    }
}
