import Foundation
import Storage

/// The search page `/search?q=`.
struct SearchView: Encodable {
    /// One result: the item, dated by publication (else first sighting), with the matched words marked.
    struct Hit: Encodable {
        var itemId: Int64
        var href: String
        var title: String
        var source: String
        var date: String
        var dateIsPublication: Bool
        var link: String?
        var snippet: [Segment]
    }

    var q: String
    var entity: String?
    var source: String?
    var from: String?
    var to: String?
    /// SQLite's message when the query is malformed.
    var error: String?
    var searched: Bool
    var hits: [Hit]
    var next: String?
    var entities: [Option]

    enum CodingKeys: String, CodingKey { case q, entity, source, from, to, error, hits, next }
}

extension Workbench {
    /// Runs a search; a malformed query gives the page with SQLite's message (and a 400 status).
    func searchPage(_ q: QueryParameters) throws -> (SearchView, malformed: Bool) {
        let text = q.string("q") ?? ""
        let entity = q.string("entity")
        if let entity, entities.byID[entity] == nil {
            throw PageError.badRequest("parameter entity: no campaign or actor “\(entity.prefix(80))”")
        }
        let filter = SearchFilter(
            entity: entity, source: q.string("source"), from: try q.day("from"),
            to: try q.day("to").map { $0.addingTimeInterval(86_400) }, before: try q.positive("before"),
            limit: Self.pageSize + 1)
        var view = SearchView(
            q: text, entity: entity, source: filter.source, from: q.string("from"), to: q.string("to"), error: nil,
            searched: !text.isEmpty, hits: [], next: nil,
            entities: (entities.campaigns + entities.actors).map {
                Option(value: $0.id, label: $0.name, selected: $0.id == entity)
            })
        guard !text.isEmpty else { return (view, false) }
        let hits: [ArchiveHit]
        do {
            hits = try reader.search(text, filter: filter)
        } catch let e as ArchiveQueryError {
            view.error = e.message
            return (view, true)
        }
        var seen = Set<Int64>()
        let unique = hits.filter { seen.insert($0.itemID).inserted }
        let page = unique.prefix(Self.pageSize)
        view.hits = page.map { h in
            SearchView.Hit(
                itemId: h.itemID, href: "/items/\(h.itemID)", title: h.title ?? "(untitled)", source: h.sourceID,
                date: Format.date(h.published ?? h.firstSeenAt) ?? "", dateIsPublication: h.published != nil,
                link: Format.safeLink(h.url), snippet: Segment.fromSnippet(h.snippet))
        }
        if unique.count > Self.pageSize, let last = page.last {
            view.next = Path.with(
                "/search",
                [
                    ("q", text), ("entity", entity), ("source", view.source), ("from", view.from), ("to", view.to),
                    ("before", String(last.itemID)),
                ])
        }
        return (view, false)
    }
}

/// `/sources`.
struct SourcesView: Encodable {
    var sources: [SourceView]
}

/// `/runs`.
struct RunsView: Encodable {
    var runs: [RunView]
    var next: String?
}

extension Workbench {
    func sourcesPage() throws -> SourcesView {
        SourcesView(sources: try reader.allSources().map { SourceView($0, every: schedules[$0.id]) })
    }

    func runsPage(_ q: QueryParameters) throws -> RunsView {
        var runs = try reader.runs(before: try q.positive("before"), limit: Self.pageSize + 1)
        let more = runs.count > Self.pageSize
        if more { runs.removeLast() }
        return RunsView(
            runs: runs.map(RunView.init),
            next: more ? runs.last.map { "/runs?before=\($0.id)" } : nil)
    }
}
