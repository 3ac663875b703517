import Foundation
import Storage

/// An item in a list (campaign page, near-duplicates, search): the generic card the templates share.
struct ItemCard: Encodable {
    var id: Int64
    var href: String
    var title: String
    var source: String
    var published: String?
    var firstSeen: String
    /// The item's own link, when it is an http(s) URL.
    var link: String?

    init(_ i: ItemEntry) {
        id = i.id
        href = "/items/\(i.id)"
        title = i.title ?? "(untitled)"
        source = i.sourceID
        published = Format.date(i.published)
        firstSeen = Format.date(i.firstSeenAt) ?? ""
        link = Format.safeLink(i.url)
    }

    init(id: Int64, title: String?, source: String, firstSeen: Date) {
        self.id = id
        href = "/items/\(id)"
        self.title = title ?? "(untitled)"
        self.source = source
        self.firstSeen = Format.date(firstSeen) ?? ""
    }
}

/// A delta as listed on the dashboard and the item page.
struct DeltaView: Encodable {
    var id: Int64
    var kind: String
    var at: String
    var baseline: Bool
    var run: Int64
    var itemId: Int64
    var itemHref: String
    var title: String
    var source: String

    init(_ d: DeltaEntry) {
        id = d.id
        kind = d.kind
        at = Format.date(d.at) ?? ""
        baseline = d.baseline
        run = d.runID
        itemId = d.itemID
        itemHref = "/items/\(d.itemID)"
        title = d.title ?? "(untitled)"
        source = d.sourceID
    }
}

/// A source and its health.
struct SourceView: Encodable {
    var id: String
    var kind: String
    var url: String
    var link: String?
    var status: String?
    var lastError: String?
    var consecutiveFailures: Int
    var lastAttemptAt: String?
    var lastSuccessAt: String?
    var nextDueAt: String?
    var items: Int
    /// `every 6h`, from sources.yaml; nil when the source is no longer configured.
    var schedule: String?
    var inTrouble: Bool

    init(_ s: SourceEntry, every: TimeInterval?) {
        id = s.id
        kind = s.kind
        url = s.url
        link = Format.safeLink(s.url)
        status = s.status
        lastError = s.lastError
        consecutiveFailures = s.consecutiveFailures
        lastAttemptAt = Format.date(s.lastAttemptAt)
        lastSuccessAt = Format.date(s.lastSuccessAt)
        nextDueAt = Format.date(s.nextDueAt)
        items = s.items
        schedule = every.map(Self.every)
        inTrouble = s.consecutiveFailures > 0 || s.status == "failed" || s.status == "blocked"
    }

    static func every(_ t: TimeInterval) -> String {
        let s = Int(t)
        if s % 86_400 == 0 { return "every \(s / 86_400)d" }
        if s % 3_600 == 0 { return "every \(s / 3_600)h" }
        if s % 60 == 0 { return "every \(s / 60)m" }
        return "every \(s)s"
    }
}

/// A run of the `run` table.
struct RunView: Encodable {
    var id: Int64
    var command: String
    var startedAt: String
    var finishedAt: String?
    var status: String
    var summary: String?

    init(_ r: RunEntry) {
        id = r.id
        command = r.command
        startedAt = Format.date(r.startedAt) ?? ""
        finishedAt = Format.date(r.finishedAt)
        status = r.status
        summary = r.summary
    }
}

/// A piece of text, marked or not (search hits, evidence highlights).
struct Segment: Encodable, Equatable {
    var text: String
    var mark: Bool
    /// What the mark stands for (entity names), for the `title` attribute.
    var note: String?

    /// Splits an FTS5 snippet whose matches sit between U+E000 and U+E001.
    static func fromSnippet(_ s: String) -> [Segment] {
        var out: [Segment] = []
        var current = ""
        var marked = false
        for ch in s {
            if ch == "\u{E000}" || ch == "\u{E001}" {
                if !current.isEmpty { out.append(Segment(text: current, mark: marked)) }
                current = ""
                marked = ch == "\u{E000}"
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(Segment(text: current, mark: marked)) }
        return out
    }
}

/// An option of a `<select>`.
struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool
}
