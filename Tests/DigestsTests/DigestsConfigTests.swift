import Foundation
import Testing
import VeilleCore

/// `Feeds/digests.yaml`: the README's example decodes; every mistake names the file, the entry and the key.
@Suite struct DigestsConfigTests {
    static let example = """
        smtp:
          url: smtp://mail.example.org:587
          from: "veille <veille@example.org>"
          username_env: VEILLE_SMTP_USER
          password_env: VEILLE_SMTP_PASSWORD
          starttls: auto
          ca_file: /etc/veille/ca.pem
        digests:
          - id: morning
            channel: email
            to: [analyste@example.org, veille@example.org]
            campaigns: all
            actors: []
            sources: all
            unmatched: false
            quiet: true
          - id: archive
            channel: file
            format: html
            path: archive/
        """

    static func decode(_ yaml: String) throws -> DigestsConfig {
        try DigestsConfig.decode(ConfigNode.parse(yaml, file: "Feeds/digests.yaml"), file: "Feeds/digests.yaml")
    }

    @Test func theIssueExampleDecodes() throws {
        let c = try Self.decode(Self.example)
        #expect(
            c.smtp?.url == "smtp://mail.example.org:587" && c.smtp?.starttls == .auto
                && c.smtp?.usernameEnv == "VEILLE_SMTP_USER")
        #expect(c.digests.map(\.id) == ["morning", "archive"])
        #expect(
            c.digests[0].to == ["analyste@example.org", "veille@example.org"] && c.digests[0].campaigns == .all
                && c.digests[0].quiet)
        #expect(c.digests[1].channel == .file && c.digests[1].format == .html && c.digests[1].path == "archive/")
    }

    @Test func theREADMEExampleDecodes() throws {
        let url = Bundle.module.url(forResource: "Fixtures/README-digests.md", withExtension: nil)!
        let text = try String(contentsOf: url, encoding: .utf8)
        let yaml = try #require(
            text.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let c = try Self.decode(yaml)
        #expect(!c.digests.isEmpty)
    }

    @Test func webURLIsAnHTTPURLAndLanguageDefaultsToFrench() throws {
        let c = try Self.decode("web_url: https://veille.example.org\ndigests:\n  - id: a\n    channel: file\n")
        #expect(c.webURL == "https://veille.example.org" && c.digests[0].language == .fr)
        for bad in ["javascript:alert(1)", "https://veille.example.org/a b", "veille.example.org"] {
            #expect(throws: ConfigError.self) { try Self.decode("web_url: \"\(bad)\"\n") }
        }
    }

    @Test(arguments: [
        ("smtp:\n  url: smtp://m.org\n  from: a@b.org\n  colour: red\n", "smtp", "colour"),
        ("smtp:\n  url: http://m.org\n  from: a@b.org\n", "smtp", "url"),
        ("smtp:\n  url: smtp://m.org\n  from: \"a\\r\\nBcc: x@y.org\"\n", "smtp", "from"),
        ("smtp:\n  url: smtp://m.org\n  from: a@b.org\n  starttls: maybe\n", "smtp", "starttls"),
        (
            "smtp:\n  url: smtp://m.org\n  from: a@b.org\n  username_env: U\n  password_env: P\n  starttls: never\n",
            "smtp", "starttls"
        ),
        ("smtp:\n  url: smtp://m.org\n  from: a@b.org\n  username_env: U\n", "smtp", "password_env"),
        ("digests:\n  - id: a\n    channel: email\n    to: [x@y.org]\n", "digests[0] (a)", "channel"),
        ("digests:\n  - id: a\n    channel: pigeon\n", "digests[0] (a)", "channel"),
        ("digests:\n  - id: a\n    channel: file\n    format: pdf\n", "digests[0] (a)", "format"),
        ("digests:\n  - id: a\n    channel: file\n    to: [x@y.org]\n", "digests[0] (a)", "to"),
        ("digests:\n  - id: a\n    channel: file\n    path: ../up\n", "digests[0] (a)", "path"),
        ("digests:\n  - id: a\n    channel: file\n  - id: a\n    channel: file\n", "digests[1] (a)", "id"),
        ("digests:\n  - id: A B\n    channel: file\n", "digests[0] (A B)", "id"),
        ("digests:\n  - id: a\n    channel: file\n    quiet: perhaps\n", "digests[0] (a)", "quiet"),
        ("digests:\n  - id: a\n    channel: file\n    language: de\n", "digests[0] (a)", "language"),
        (
            "smtp:\n  url: smtp://m.org\n  from: a@b.org\ndigests:\n  - id: a\n    channel: email\n    to: [\"x@y.org\\r\\nBcc: z@w.org\"]\n",
            "digests[0] (a)", "to"
        ),
        (
            "smtp:\n  url: smtp://m.org\n  from: a@b.org\ndigests:\n  - id: a\n    channel: email\n", "digests[0] (a)",
            "to"
        ),
    ])
    func mistakesNameFileEntryAndKey(yaml: String, entry: String, key: String) {
        do {
            _ = try Self.decode(yaml)
            Issue.record("accepted: \(yaml)")
        } catch let e as ConfigError {
            #expect(e.file == "Feeds/digests.yaml" && e.entry == entry && e.key == key, "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func unknownCampaignsActorsAndSourcesAreNamed() throws {
        let c = try Self.decode("digests:\n  - id: a\n    channel: file\n    campaigns: [nope]\n")
        let watchlist = Watchlist(actors: [], campaigns: [WatchEntity(id: "known", name: "Known")])
        #expect(throws: ConfigError.self) {
            try c.validate(watchlist: watchlist, sources: [], file: "Feeds/digests.yaml")
        }
        do { try c.validate(watchlist: watchlist, sources: [], file: "Feeds/digests.yaml") } catch let e as ConfigError
        {
            #expect(
                e.key == "campaigns" && e.entry == "digests[0] (a)" && e.description.contains("nope")
                    && e.description.contains("known"))
        }
        let s = try Self.decode("digests:\n  - id: a\n    channel: file\n    sources: [lemonde, ghost]\n")
        #expect(throws: ConfigError.self) { try s.validate(watchlist: nil, sources: ["lemonde"], file: "f") }
        try s.validate(watchlist: nil, sources: ["lemonde", "ghost"], file: "f")
    }
}
