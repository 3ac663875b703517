import ArgumentParser
import Foundation
import Storage
import VeilleCore

/// `veille search QUERY`: the archive through FTS5 (``ArchiveReader/searchArticles(_:filter:)``, the search of
/// the web view), one result per article, newest first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the archive (titles and texts): one result per article, newest first, with snippets.",
        discussion: """
            QUERY is SQLite FTS5's query language; case and accents are ignored:
              bakou azerbaïdjan        both words, anywhere (AND is implied)
              "initiative de bakou"    the exact phrase
              bakou OR baku            either word
              bakou NOT sport          the first word without the second
              boycott*                 words starting with boycott
              title:bakou              only in titles (text: only in texts)
              NEAR(bakou france, 5)    both within 5 words; ( ) group
            A word with an apostrophe or a hyphen (l'Azerbaïdjan, Nouvelle-Calédonie) is searched as a \
            phrase. A malformed query (an unclosed quote, a lone OR) exits 2 with SQLite's reason.

            An article found in several feeds (the same canonical or normalized URL) is one result listing \
            its sources. The --limit most recently stored articles that match are shown, the most recently \
            published first. Results are dated by publication ("seen" marks the date of first sighting when the \
            item has none); matched words are shown in [brackets]. No result: a line on stderr, exit 0.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What to find (FTS5 syntax: words, \"phrases\", OR, NOT, prefix*, title:word).")
    var query: [String]

    @Option(help: "Only items linked to this campaign (an id of the watchlist).")
    var campaign: String?

    @Option(help: "Only items linked to this actor (an id of the watchlist).")
    var actor: String?

    @Option(help: "Only items published since (else first seen): RFC 3339 time, YYYY-MM-DD, or a duration (7d).")
    var since: String?

    @Option(help: "The most results.")
    var limit = 50

    @Flag(help: "JSON Lines, one object per result.")
    var json = false

    func validate() throws {
        _ = try parseSinceOption(since)
        if campaign != nil, actor != nil { throw ValidationError("--campaign and --actor are exclusive") }
        guard limit > 0 else { throw ValidationError("--limit: expected a positive number, got \(limit)") }
        if query.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give a QUERY") }
    }

    func run() throws {
        _ = global.bootstrapLogging()
        let text = query.joined(separator: " ")
        let entity = try checkedEntity()
        let results: [ArchiveArticleHit]
        do {
            let reader = try ArchiveReader(path: global.db)
            results = try reader.searchArticles(
                text, filter: SearchFilter(entity: entity, from: try parseSinceOption(since), limit: limit))
        } catch let e as ArchiveQueryError {
            printError("search '\(text)': \(e.message)")
            throw ExitCode(2)
        } catch {
            printError("\(error)")
            throw ExitCode(4)
        }
        if results.isEmpty {
            FileHandle.standardError.write(Data("no results for '\(text)'\n".utf8))
            return
        }
        // The newest articles (by when they were stored) are found first; they are shown newest published first.
        let shown = results.enumerated().sorted { a, b in
            let (x, y) = (a.element.hit, b.element.hit)
            let (dx, dy) = (x.published ?? x.firstSeenAt, y.published ?? y.firstSeenAt)
            return dx != dy ? dx > dy : a.offset < b.offset
        }
        for (_, r) in shown { print(json ? Self.jsonLine(r) : Self.lines(r)) }
    }

    /// The `--campaign` or `--actor` id, checked against the watchlist (exit 2 listing the known ids).
    func checkedEntity() throws -> String? {
        guard let id = campaign ?? actor else { return nil }
        let what = campaign != nil ? "campaign" : "actor"
        let path = (global.config as NSString).appendingPathComponent("watchlist.yaml")
        var known: [String] = []
        if FileManager.default.fileExists(atPath: path) {
            do {
                let watchlist = try Watchlist.load(path: path)
                known = (campaign != nil ? watchlist.campaigns : watchlist.actors).map(\.id)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        guard known.contains(id) else {
            let list = known.isEmpty ? "none in \(path)" : known.joined(separator: ", ")
            printError("unknown \(what) '\(id)' (known: \(list))")
            throw ExitCode(2)
        }
        return id
    }

    /// The snippet with the matched words in `[` `]` (French text uses «»), on one line.
    static func snippet(_ s: String) -> String {
        normalizeWhitespace(
            s.replacingOccurrences(of: "\u{E000}", with: "[").replacingOccurrences(of: "\u{E001}", with: "]"))
    }

    /// `2024-02-22  Title`, then the sources and the URL, then the snippet.
    static func lines(_ r: ArchiveArticleHit) -> String {
        let h = r.hit
        let date = h.published.map(Timestamp.day) ?? Timestamp.day(h.firstSeenAt) + " (seen)"
        let title = normalizeWhitespace(h.title)
        var out = "\(date)  \(title.isEmpty ? "(untitled)" : title)\n    \(r.sources.joined(separator: ", "))"
        if let url = h.url { out += " · \(url)" }
        let snip = snippet(h.snippet)
        if !snip.isEmpty { out += "\n    \(snip)" }
        return out
    }

    /// The JSON Lines object: `item` and `source` of the newest copy, `items` and `sources` of all.
    static func jsonLine(_ r: ArchiveArticleHit) -> String {
        let h = r.hit
        return JSONValue.object([
            ("item", .int(Int(h.itemID))), ("source", .string(h.sourceID)),
            ("sources", .array(r.sources.map { .string($0) })), ("items", .array(r.itemIDs.map { .int(Int($0)) })),
            ("title", .string(h.title)), ("url", .string(h.url)), ("published", .time(h.published)),
            ("first_seen", .time(h.firstSeenAt)), ("snippet", .string(snippet(h.snippet))),
        ]).serialized()
    }
}
