import Foundation
import Matching
import Testing
import VeilleCore

@Suite("domains: links to listed sites")
struct DomainMatcherTests {
    static let yaml = """
        actors:
          - id: rrn-operator
            name: RRN operator
            kind: organisation
            aliases: [Structura SA]
            domains: [rrussianews.com]
        campaigns:
          - id: rrn
            name: RRN
            case_sensitive: [RRN]
            domains: [rrussianews.com, "пример.рф", xn--bcher-kva.example, "Spiegel.LTD."]
        """

    static let compiled: CompiledWatchlist? = try? TestFiles.compile(yaml)

    static func linked(url: String? = nil, text: String? = nil) throws -> [String] {
        let c = try #require(compiled)
        return c.match(title: nil, text: text, url: url, canonicalURL: nil).filter {
            $0.field == .url || $0.field == .link
        }
        .map { "\($0.entityID)=\($0.alias)" }.sorted()
    }

    @Test(arguments: [
        ("https://rrussianews.com/article", ["rrn-operator=rrussianews.com", "rrn=rrussianews.com"]),
        ("https://www.RRussianews.com:8443/a?b#c", ["rrn-operator=rrussianews.com", "rrn=rrussianews.com"]),
        ("http://user@deep.sub.rrussianews.com./", ["rrn-operator=rrussianews.com", "rrn=rrussianews.com"]),
        ("https://rrussianews.com.evil/x", []),
        ("https://notrrussianews.com/", []),
        ("https://rrussianews.co/", []),
        ("https://xn--e1afmkfd.xn--p1ai/page", ["rrn=пример.рф"]),
        ("https://www.пример.рф/page", ["rrn=пример.рф"]),
        ("https://bücher.example/", ["rrn=xn--bcher-kva.example"]),
        ("https://BÜCHER.example/", ["rrn=xn--bcher-kva.example"]),
        ("https://news.spiegel.ltd/", ["rrn=Spiegel.LTD."]),
        ("https://[2001:db8::1]/rrussianews.com", []),
        ("https://example.org/?u=https://rrussianews.com", []),
    ])
    func itemURL(_ c: (String, [String])) throws {
        #expect(try Self.linked(url: c.0) == c.1, "\(c.0)")
    }

    @Test func linksInTextCarryOffsetsAndSnippet() throws {
        let text =
            "Le faux site (https://www.rrussianews.com/fr/article-1), puis http://rrussianews.com.evil/ et www.пример.рф."
        let c = try #require(Self.compiled)
        let m = c.match(title: "Titre", text: text, url: "https://lemonde.fr/a", canonicalURL: nil).filter {
            $0.field == .link
        }
        #expect(m.map(\.entityID).sorted() == ["rrn", "rrn", "rrn-operator"])
        let first = try #require(m.first { $0.entityID == "rrn-operator" })
        #expect(first.found == "https://www.rrussianews.com/fr/article-1")
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[first.start..<first.end], as: UTF8.self) == first.found)
        #expect(first.snippet.contains("https://www.rrussianews.com/fr/article-1"))
        let idn = try #require(m.first { $0.alias == "пример.рф" })
        #expect(idn.found == "www.пример.рф") // the closing full stop is prose, not the link
        #expect(idn.rule == .alias)
    }

    @Test func frenchTypographyAroundLinks() throws {
        let both = ["rrn-operator=rrussianews.com", "rrn=rrussianews.com"]
        #expect(try Self.linked(text: "voir\u{00A0}https://rrussianews.com/a") == both)
        #expect(try Self.linked(text: "le site «https://rrussianews.com»") == both)
        #expect(try Self.linked(text: "“www.rrussianews.com”, puis…") == both)
        let c = try #require(Self.compiled)
        let m = c.match(title: nil, text: "« https://rrussianews.com/x\u{00A0}»", url: nil, canonicalURL: nil)
        #expect(m.first?.found == "https://rrussianews.com/x")
    }

    @Test func linksOnlyStartAtWordStarts() throws {
        #expect(try Self.linked(text: "xhttps://rrussianews.com/ and mywww.rrussianews.com") == [])
        #expect(
            try Self.linked(text: "HTTPS://RRUSSIANEWS.COM/A") == [
                "rrn-operator=rrussianews.com", "rrn=rrussianews.com",
            ])
    }

    @Test func canonicalURLCountsAsURL() throws {
        let c = try #require(Self.compiled)
        let m = c.match(title: nil, text: nil, url: "https://agg.example/1", canonicalURL: "https://rrussianews.com/a")
        #expect(m.map(\.field) == [.url, .url])
        #expect(m.allSatisfy { $0.found == "https://rrussianews.com/a" && $0.start == 0 })
    }

    @Test func domainsAloneMakeAnEntryAndAreValidated() throws {
        #expect(throws: ConfigError.self) {
            try TestFiles.compile("campaigns:\n  - id: x\n    name: X\n    domains: [\"not a host\"]\n")
        }
        #expect(throws: ConfigError.self) {
            try TestFiles.compile("campaigns:\n  - id: x\n    name: X\n    domains: [localhost]\n")
        }
        let c = try TestFiles.compile("campaigns:\n  - id: x\n    name: X\n    domains: [x.example]\n")
        #expect(c.match(title: nil, text: nil, url: "https://x.example/", canonicalURL: nil).map(\.entityID) == ["x"])
    }

    @Test func watchlistWithoutDomainsKeepsItsHash() throws {
        // The shipped watchlist has no domains: its version hash (stored with every link) must not move.
        let w = try Watchlist.load(path: TestFiles.defaultWatchlistPath)
        var withDomain = w
        withDomain.campaigns[0].domains = ["x.example"]
        #expect(w.versionHash != withDomain.versionHash)
        #expect(CompiledWatchlist(w).domains.isEmpty)
    }

    @Test(arguments: [
        ("bücher", "bcher-kva"), ("пример", "e1afmkfd"), ("рф", "p1ai"), ("münchen", "mnchen-3ya"),
        ("例え", "r8jz45g"), ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"), ("abc", "abc-"),
    ])
    func punycodeRoundTrips(_ c: (String, String)) {
        #expect(Punycode.encode(c.0) == c.1)
        #expect(Punycode.decode(c.1) == c.0)
    }

    @Test func punycodeRefusesBadInput() {
        #expect(Punycode.decode("99999999999999999999") == nil)
        #expect(Punycode.decode("abc-é") == nil)
        #expect(Punycode.decode("-!") == nil)
        #expect(DomainName.ascii("exa mple.org") == nil)
        #expect(DomainName.ascii("-bad.org") == nil)
        #expect(DomainName.unicode("xn--e1afmkfd.xn--p1ai") == "пример.рф")
    }
}
