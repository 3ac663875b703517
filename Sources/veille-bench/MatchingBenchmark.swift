import Foundation
import Matching
import VeilleCore

/// `veille-bench matching`: throughput of the compiled watchlist, its compile time and its memory.
///
/// A watchlist of 10,000 realistic aliases (names, two- and three-word phrases, hashtags, prefixes) is
/// generated deterministically from word lists, and ≥ 3 MB of French and English text from sentences of the
/// seed documents and the same word lists, with about 1 % of the aliases planted in it. Items of about 4 KB
/// are matched one by one on one core, normalization included; the best of several passes is reported.
enum MatchingBenchmark {
    /// Runs the benchmark and returns the report. Arguments: `[aliases] [megabytes] [passes] [item bytes]`.
    static func run(arguments: [String]) -> String {
        let aliasCount = arguments.first.flatMap(Int.init) ?? 10_000
        let megabytes = arguments.dropFirst().first.flatMap(Double.init) ?? 3.2
        let passes = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5
        let itemBytes = arguments.dropFirst(3).first.flatMap(Int.init) ?? 4_000
        var rng = SplitMix64(seed: 2024)
        let (watchlist, aliases) = makeWatchlist(aliasCount, &rng)
        let planted = Array(aliases.shuffled(using: &rng).prefix(max(1, aliasCount / 100)))
        let items = makeItems(megabytes: megabytes, itemBytes: itemBytes, planted: planted, &rng)
        let bytes = items.reduce(0) { $0 + $1.utf8.count }
        let inserted = items.filter { $0.contains("Selon l'enquête, ") }.count

        // fold tables, built once
        _ = CompiledWatchlist(Watchlist(actors: [], campaigns: [])).match(title: nil, text: "é")
        let rssBefore = residentBytes()
        let clock = ContinuousClock()
        var compiled: CompiledWatchlist?
        let compileCPU0 = threadCPUSeconds()
        let compileTime = clock.measure { compiled = CompiledWatchlist(watchlist) }
        let compileCPU = threadCPUSeconds() - compileCPU0
        guard let compiled else { return "compile failed" }
        let rssAfter = residentBytes()

        var best = Duration.seconds(1_000)
        var bestCPU = Double.infinity
        var matchCount = 0
        for _ in 0..<passes {
            var count = 0
            let cpu0 = threadCPUSeconds()
            let t = clock.measure { for item in items { count += compiled.match(title: nil, text: item).count } }
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu0)
            best = min(best, t)
            matchCount = count
        }
        // Calibration: a plain byte loop over the same items, to tell a slow machine from a slow matcher.
        var bestCopy = Double.infinity
        var checksum = 0
        for _ in 0..<passes {
            let cpu0 = threadCPUSeconds()
            for item in items {
                var copy = item
                copy.withUTF8 { for b in $0 { checksum &+= Int(b & 0x20) } }
            }
            bestCopy = min(bestCopy, threadCPUSeconds() - cpu0)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let compileSeconds = Double(compileTime.components.seconds) + Double(compileTime.components.attoseconds) / 1e18
        let linked = Set(items.flatMap { compiled.match(title: nil, text: $0).map(\.entityID) }).count
        return """
            matching benchmark (one core, normalization included)
              watchlist: \(aliasCount) aliases in \(watchlist.actors.count + watchlist.campaigns.count) entities, \
            \(compiled.patternCount) patterns, \(compiled.stateCount) automaton states
              text: \(items.count) items, \(String(format: "%.2f", Double(bytes) / 1e6)) MB (French and English), \
            \(inserted) aliases planted
              compile: \(String(format: "%.1f", compileCPU * 1000)) ms CPU (wall \(String(format: "%.1f", compileSeconds * 1000)) ms); compiled tables \
            \(String(format: "%.1f", Double(compiled.memoryBytes) / 1e6)) MB; RSS delta \
            \(String(format: "%.1f", Double(rssAfter - rssBefore) / 1e6)) MB
              match: best of \(passes) passes: thread CPU \(String(format: "%.1f", bestCPU * 1000)) ms = \
            \(String(format: "%.0f", Double(bytes) / 1e6 / bestCPU)) MB/s on one core (wall \(String(format: "%.1f", seconds * 1000)) ms = \
            \(String(format: "%.0f", Double(bytes) / 1e6 / seconds)) MB/s); \(matchCount) matches, \(linked) entities linked
              calibration: a byte loop over the same text runs at \(String(format: "%.0f", Double(bytes) / 1e6 / bestCopy)) MB/s \
            on this core now (checksum \(checksum % 10))
            """
    }

    // MARK: - Generated watchlist

    static let firstNames = [
        "Ilham", "Abbas", "Hafiz", "Elnur", "Arifa", "Muxtar", "Yevgeny", "Ilya", "Timofey", "Kirill",
        "Anton", "Mikhail", "John", "Jack", "William", "Marc", "Pierre", "Claire", "Sophie", "Nadia", "Leila", "Oleg",
        "Dmitri", "Sergei", "Anna", "Irina", "Ramil", "Farid", "Aysel", "Tural", "Gunel", "Kamran", "Rashad", "Samir",
    ]
    static let lastNames = [
        "Aliyev", "Abbasov", "Jabarov", "Abdullayev", "Nagiyev", "Shevchenko", "Gambachidze",
        "Vasiliev", "Kalachnikov", "Erlbaum", "Tchekomasov", "Dougan", "Posobiec", "Craddick", "Mammadov", "Huseynov",
        "Hasanov", "Ismayilov", "Guliyev", "Karimov", "Petrov", "Sokolov", "Volkov", "Morozov", "Lebedev", "Kozlov",
        "Novikov", "Popov", "Orlov", "Zaitsev", "Dubois", "Lefebvre", "Moreau", "Girard", "Mercier", "Faure",
    ]
    static let nouns = [
        "initiative", "group", "media", "news", "centre", "institute", "network", "forum", "agency",
        "fondation", "réseau", "groupe", "observatoire", "alliance", "mouvement", "comité", "collectif", "portail",
        "insider", "tribune", "dialog", "trade", "buzz", "web", "press", "review", "monitor", "voice", "info", "pravda",
    ]
    static let places = [
        "Bakou", "Baku", "Moscou", "Crimée", "Simferopol", "Sabail", "Caucase", "Corse", "Mayotte",
        "Martinique", "Guadeloupe", "Nouméa", "Kanaky", "Donbass", "Odessa", "Minsk", "Tbilissi", "Erevan", "Paris",
        "Lyon",
    ]
    static let stems = [
        "azerbaïdjanais", "russophon", "prorusse", "kremlinophil", "néocolonial", "décolonis",
        "indépendantist", "souverainist", "panafricanist", "complotist", "désinform", "propagandist",
    ]

    /// 10 aliases per entity; returns the watchlist and every alias (as it would appear in text).
    static func makeWatchlist(_ count: Int, _ rng: inout SplitMix64) -> (Watchlist, [String]) {
        var actors: [WatchEntity] = []
        var all: [String] = []
        var used = Set<String>()
        var i = 0
        while all.count < count {
            var aliases: [String] = []
            var planted: [String] = []
            while aliases.count < 10 {
                let (alias, inText) = makeAlias(i, &rng)
                i += 1
                guard used.insert(alias.lowercased()).inserted else { continue }
                aliases.append(alias)
                planted.append(inText)
            }
            actors.append(
                WatchEntity(id: "gen-\(actors.count)", name: aliases[0], kind: .organisation, aliases: aliases))
            all += planted
        }
        return (Watchlist(actors: actors, campaigns: []), all)
    }

    /// One alias and a text form of it: names, 2–3 word phrases, hashtags, prefixes.
    static func makeAlias(_ i: Int, _ rng: inout SplitMix64) -> (String, String) {
        let f = firstNames.randomElement(using: &rng) ?? ""
        let l = lastNames.randomElement(using: &rng) ?? ""
        let n1 = nouns.randomElement(using: &rng) ?? ""
        let n2 = nouns.randomElement(using: &rng) ?? ""
        let p = places.randomElement(using: &rng) ?? ""
        let tag = "\(i % 97)\(i / 97)"
        switch i % 6 {
        case 0: return ("\(f) \(l)\(tag)", "\(f) \(l)\(tag)")
        case 1: return ("\(n1.capitalized) \(p) \(tag)", "\(n1.capitalized) \(p) \(tag)")
        case 2: return ("\(n1) \(n2) \(p)\(tag)", "\(n1) \(n2) \(p)\(tag)")
        case 3: return ("#\(n1)\(p)\(tag)", "#\(n1)\(p)\(tag)")
        case 4:
            let stem = stems.randomElement(using: &rng) ?? ""
            return ("\(stem)\(tag)*", "\(stem)\(tag)es")
        default: return ("\(l)\(tag)", "\(l)\(tag)")
        }
    }

    // MARK: - Generated text

    /// Sentences of the seed documents (French) and English sentences in the same register.
    static let sentences = [
        "Le service chargé de la lutte contre les ingérences numériques a mis au jour une campagne de désinformation.",
        "Cette campagne a débuté fin juillet sur le réseau X, anciennement Twitter, via un compte inauthentique.",
        "Elle a ensuite été amplifiée par de faux comptes, dont certains ont des liens avec l'Azerbaïdjan.",
        "Les relations entre la France et l’Azerbaïdjan étaient particulièrement tendues en juillet.",
        "Au terme d'une investigation menée par Viginum, il est apparu que cette campagne a été orchestrée.",
        "Le dispositif interministériel s'appuie sur le service à compétence nationale, chargé d'une mission technique.",
        "Une campagne de remise en cause de l’intégrité territoriale de la France a été lancée depuis Bakou.",
        "Parmi les 423 comptes impliqués, 115 ont déclaré être situés dans une ville azerbaïdjanaise.",
        "Des dizaines de milliers de courriels de l'équipe de campagne ont fuité sur Internet, selon un communiqué.",
        "Le parquet de Paris a ouvert jeudi une enquête préliminaire, notamment pour divulgation de fausses nouvelles.",
        "« La police de France est assassin », titrait une vidéo accompagnée de hashtags.",
        "Ont ainsi été identifiés au moins 1 600 comptes X et plusieurs dizaines de comptes Facebook.",
        "The French agency said the accounts mostly used the Azerbaijani language in their last thirty posts.",
        "Officials in Paris accused foreign actors of amplifying riots through coordinated inauthentic behaviour.",
        "The report covers seventy-seven operations up to March, including deepfakes and paid actors.",
        "Researchers found that the portals produce no original content and relay official local sources.",
        "The campaign impersonated national newspapers through typosquatted domains and cloned layouts.",
        "A spokesperson denied the accusations, calling them insulting and unfounded, on Tuesday evening.",
    ]
    static let filler = [
        "le", "la", "les", "des", "une", "ministre", "gouvernement", "rapport", "comptes", "réseaux",
        "sociaux", "élection", "the", "of", "and", "report", "accounts", "network", "election", "minister", "été",
        "après", "déjà", "coopération", "sécurité", "numérique", "étrangère", "öffentlich", "naïve", "cœur",
    ]

    /// Items of about `itemBytes` until `megabytes`, with `planted` aliases spread through them.
    static func makeItems(megabytes: Double, itemBytes: Int, planted: [String], _ rng: inout SplitMix64) -> [String] {
        var items: [String] = []
        var total = 0
        var plantIndex = 0
        let target = Int(megabytes * 1_000_000)
        let plantEvery = max(1, target / itemBytes / max(1, planted.count))
        while total < target {
            var item = ""
            while item.utf8.count < itemBytes {
                item += sentences.randomElement(using: &rng) ?? ""
                item += " "
                for _ in 0..<Int.random(in: 3...12, using: &rng) {
                    item += (filler.randomElement(using: &rng) ?? "") + " "
                }
                item +=
                    (places.randomElement(using: &rng) ?? "") + ", " + (lastNames.randomElement(using: &rng) ?? "")
                    + ". "
            }
            if items.count % plantEvery == 0, plantIndex < planted.count {
                item += " Selon l'enquête, " + planted[plantIndex % planted.count] + " serait impliqué.\n"
                plantIndex += 1
            }
            total += item.utf8.count
            items.append(item)
        }
        return items
    }

    /// CPU time of the calling thread (not wall time: the machine may be shared).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Resident set size from /proc (Linux); 0 elsewhere.
    static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = s.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
    }
}

/// A small deterministic generator (SplitMix64), so every run benchmarks the same input.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
