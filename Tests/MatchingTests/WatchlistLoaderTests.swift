import Testing
import VeilleCore

/// The strict loader: each broken watchlist is refused with the file, the entry and the key named.
struct WatchlistLoaderTests {
    static let actor = "  - {id: azerbaijan, name: Azerbaïdjan, kind: state, aliases: [Azerbaïdjan]}\n"

    /// (what is wrong, YAML, entry named, key named, words in the problem)
    static let broken: [(String, String, String?, String?, String)] = [
        ("unknown top key", "actors: []\ncampain: []\n", nil, "campain", "unknown key"),
        (
            "unknown entity key", "actors:\n  - {id: a, name: A, kind: state, alias: [A]}\n", "actors[0] (a)", "alias",
            "unknown key"
        ),
        (
            "kind on a campaign", "campaigns:\n  - {id: c, name: C, kind: state, aliases: [C]}\n", "campaigns[0] (c)",
            "kind", "unknown key"
        ),
        ("missing id", "actors:\n  - {name: A, kind: state, aliases: [A]}\n", "actors[0]", "id", "missing"),
        (
            "bad id", "actors:\n  - {id: Bad_Id, name: A, kind: state, aliases: [A]}\n", "actors[0] (Bad_Id)", "id",
            "a-z"
        ),
        ("missing kind", "actors:\n  - {id: a, name: A, aliases: [A]}\n", "actors[0] (a)", "kind", "missing"),
        (
            "unknown kind", "actors:\n  - {id: a, name: A, kind: country, aliases: [A]}\n", "actors[0] (a)", "kind",
            "unknown kind"
        ),
        (
            "duplicate id across sections",
            "actors:\n" + actor + "campaigns:\n  - {id: azerbaijan, name: C, aliases: [C]}\n",
            "campaigns[0] (azerbaijan)", "id", "duplicate id"
        ),
        ("duplicate id in actors", "actors:\n" + actor + actor, "actors[1] (azerbaijan)", "id", "duplicate id"),
        (
            "unknown actor in a campaign",
            "actors:\n" + actor + "campaigns:\n  - {id: c, name: C, aliases: [C], actors: [azerbaidjan]}\n",
            "campaigns[0] (c)", "actors", "unknown actor 'azerbaidjan'"
        ),
        (
            "campaign naming a campaign",
            "campaigns:\n  - {id: c, name: C, aliases: [C]}\n  - {id: d, name: D, aliases: [D], actors: [c]}\n",
            "campaigns[1] (d)", "actors", "unknown actor"
        ),
        (
            "empty alias", "actors:\n  - {id: a, name: A, kind: state, aliases: [A, \"\"]}\n", "actors[0] (a)",
            "aliases", "empty alias"
        ),
        (
            "blank alias", "actors:\n  - {id: a, name: A, kind: state, aliases: [\"  \"]}\n", "actors[0] (a)",
            "aliases", "empty alias"
        ),
        (
            "alias normalizing to nothing", "actors:\n  - {id: a, name: A, kind: state, aliases: [\"#!*\"]}\n",
            "actors[0] (a)", "aliases", "normalizes to nothing"
        ),
        (
            "case-sensitive alias normalizing to nothing",
            "actors:\n  - {id: a, name: A, kind: state, case_sensitive: [\"--\"]}\n",
            "actors[0] (a)", "case_sensitive", "normalizes to nothing"
        ),
        (
            "exclusion normalizing to nothing",
            "actors:\n  - {id: a, name: A, kind: state, aliases: [A], exclude: [\"…\"]}\n",
            "actors[0] (a)", "exclude", "normalizes to nothing"
        ),
        (
            "star inside an alias", "actors:\n  - {id: a, name: A, kind: state, aliases: [\"az*eri\"]}\n",
            "actors[0] (a)", "aliases", "only allowed at the end"
        ),
        (
            "= on an alias", "actors:\n  - {id: a, name: A, kind: state, aliases: [\"=BIG\"]}\n", "actors[0] (a)",
            "aliases", "case_sensitive"
        ),
        (
            "group not a list", "actors:\n  - {id: a, name: A, kind: state, all: [BIG, Baku]}\n", "actors[0] (a)",
            "all", "group 1 is malformed"
        ),
        (
            "empty group", "actors:\n  - {id: a, name: A, kind: state, all: [[BIG], []]}\n", "actors[0] (a)", "all",
            "group 2 is malformed"
        ),
        (
            "nested group", "actors:\n  - {id: a, name: A, kind: state, all: [[BIG, [Baku]]]}\n", "actors[0] (a)",
            "all", "malformed"
        ),
        (
            "group term normalizing to nothing", "actors:\n  - {id: a, name: A, kind: state, all: [[\"=\"], [Baku]]}\n",
            "actors[0] (a)", "all", "normalizes to nothing"
        ),
        (
            "all not a list", "actors:\n  - {id: a, name: A, kind: state, all: BIG}\n", "actors[0] (a)", "all",
            "list of groups"
        ),
        (
            "within without all", "actors:\n  - {id: a, name: A, kind: state, aliases: [A], within: 10}\n",
            "actors[0] (a)", "within", "needs 'all'"
        ),
        (
            "within not a number", "actors:\n  - {id: a, name: A, kind: state, all: [[A]], within: far}\n",
            "actors[0] (a)", "within", "positive number"
        ),
        (
            "nothing to match", "actors:\n  - {id: a, name: A, kind: state}\n", "actors[0] (a)", "aliases",
            "never be linked"
        ),
        (
            "bad first_seen", "campaigns:\n  - {id: c, name: C, aliases: [C], first_seen: July}\n", "campaigns[0] (c)",
            "first_seen", "YYYY"
        ),
        (
            "reference not a URL",
            "actors:\n  - {id: a, name: A, kind: state, aliases: [A], references: [somewhere]}\n", "actors[0] (a)",
            "references", "http"
        ),
        ("section not a list", "actors: {id: a}\n", nil, "actors", "list of entries"),
    ]

    @Test(arguments: broken)
    func refuses(_ row: (String, String, String?, String?, String)) throws {
        let (what, yaml, entry, key, problem) = row
        let error = try #require(throws: ConfigError.self, "\(what)") {
            try Watchlist.decode(ConfigNode.parse(yaml, file: "Feeds/watchlist.yaml"), file: "Feeds/watchlist.yaml")
        }
        #expect(error.file == "Feeds/watchlist.yaml", "\(what)")
        #expect(error.entry == entry, "\(what): \(error)")
        #expect(error.key == key, "\(what): \(error)")
        #expect(error.problem.contains(problem), "\(what): \(error)")
        #expect(error.line != nil, "\(what): \(error)")
    }

    @Test func loadsTheDefaultWatchlist() throws {
        let w = try Watchlist.load(path: TestFiles.defaultWatchlistPath)
        #expect(w.campaigns.count >= 10)
        #expect(w.actors.contains { $0.id == "azerbaijan" && $0.kind == .state })
        let boycott = try #require(w.campaigns.first { $0.id == "paris2024-boycott" })
        #expect(boycott.actors == ["azerbaijan"])
        #expect(boycott.firstSeen == "2023-07")
        #expect(boycott.within == 80)
    }

    @Test func versionHashIgnoresOrderAndFollowsContent() throws {
        let a =
            "actors:\n  - {id: a, name: A, kind: state, aliases: [X, Y]}\n  - {id: b, name: B, kind: person, aliases: [Z]}\n"
        let b =
            "actors:\n  - {id: b, name: B, kind: person, aliases: [Z]}\n  - {id: a, name: A, kind: state, aliases: [Y, X]}\n"
        let c =
            "actors:\n  - {id: a, name: A, kind: state, aliases: [X, Y, W]}\n  - {id: b, name: B, kind: person, aliases: [Z]}\n"
        func hash(_ s: String) throws -> String {
            try Watchlist.decode(ConfigNode.parse(s, file: "w"), file: "w").versionHash
        }
        #expect(try hash(a) == hash(b))
        #expect(try hash(a) != hash(c))
        #expect(try hash(a).count == 64)
    }
}
