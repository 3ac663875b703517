import Foundation
import Interop
import Matching
import Pipeline
import Storage
import VeilleCore

/// A real SQLite store with items linked to the entries imported from the BIG and RRN bundles.
struct ExportWorld {
    let watchlistPath: String
    let watchlist: Watchlist
    let store: Store
    let dbPath: String

    /// Texts of the seeded items: each names some of the imported entries or links to a listed domain.
    static let texts: [(title: String, text: String)] = [
        ("Le BIG et l'Azerbaïdjan", "Le BIG, proche de l'Azerbaijan, relaie la campagne UN-Notorious BIG."),
        ("Olimpiya", "La campagne Olimpiya visait les Jeux ; voir https://www.bakuinitiative.com/fr/appel."),
        ("Doppelgänger", "Le réseau RRN, dit Doppelgänger, clonait des médias (rrussianews.com)."),
        ("Sans lien", "Rien à voir ici."),
    ]

    init(handWritten: String = InteropFiles.handWritten) throws {
        watchlistPath = try InteropFiles.configFolder(watchlist: handWritten)
        try InteropFiles.importAll(
            [try InteropFiles.path("big-2024.stix.json"), try InteropFiles.path("rrn-2023.stix.json")],
            into: watchlistPath)
        watchlist = try Watchlist.load(path: watchlistPath)
        dbPath = (watchlistPath as NSString).deletingLastPathComponent + "/veille.sqlite"
        store = try Store(path: dbPath)
        try store.syncSources([("presse", .feed, "https://presse.example/rss.xml")])
        let at = Date(timeIntervalSince1970: 1_733_000_000)
        let run = try store.beginRun(command: "run", at: at)
        let items = Self.texts.enumerated().map { i, t in
            IncomingItem(
                guid: "g-\(i)", url: "https://presse.example/\(i)", title: t.title, text: t.text,
                published: Date(timeIntervalSince1970: 1_732_900_000 + Double(i) * 60), textVersion: 1)
        }
        _ = try store.applyFetch(
            source: "presse", run: run, fetch: FetchLog(url: "https://presse.example/rss.xml", httpStatus: 200),
            items: items,
            at: at, nextDue: at)
        try MatchStage(CompiledWatchlist(watchlist)).apply(store: store, at: at)
        try store.finishRun(run, status: .completed, summary: nil, at: at)
    }

    /// The export bundle's text, as `veille export stix` writes it.
    func export(tlp: TLPMarking = .white, campaigns: Set<String> = []) throws -> String {
        STIXExportBuilder(watchlist: watchlist, contact: "https://veille.example/contact", tlp: tlp)
            .bundle(items: try store.linkedItems(since: nil), campaigns: campaigns).pretty() + "\n"
    }
}
