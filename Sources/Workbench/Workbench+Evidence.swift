import Foundation
import Storage

/// Why an item is linked to one campaign or actor: the entity (by name) and each match.
struct EvidenceView: Encodable {
    /// One match: the alias of the watchlist, the text found, where, and the rule.
    struct Match: Decodable, Encodable {
        var alias: String
        var found: String
        var field: String
        var start: Int
        var end: Int
        var snippet: String
        var rule: String
    }

    var entityId: String
    var name: String
    var kind: String
    var href: String
    var matches: [Match]
}

/// A Sénat question's lifecycle, oldest event first.
struct SenateView: Encodable {
    struct Event: Encodable {
        var kind: String
        var label: String
        var date: String
        var ministry: String?
        var joPage: Int?
        var note: String?
    }

    var reference: String
    var number: String?
    var state: String
    var pageUrl: String?
    var pageLink: String?
    var events: [Event]
}

extension Workbench {
    /// The evidence of every link, and the spans to highlight in the title and the text.
    func evidenceViews(_ d: ItemDossier) -> ([Highlighter.Span], [Highlighter.Span], [EvidenceView]) {
        var title: [Highlighter.Span] = []
        var text: [Highlighter.Span] = []
        var views: [EvidenceView] = []
        let decoder = JSONDecoder()
        for link in d.links {
            let matches = (try? decoder.decode([EvidenceView.Match].self, from: Data(link.evidence.utf8))) ?? []
            let name = entities.name(link.entityID)
            for m in matches {
                let span = Highlighter.Span(start: m.start, end: m.end, found: m.found, note: name)
                if m.field == "title" { title.append(span) } else { text.append(span) }
            }
            views.append(
                EvidenceView(
                    entityId: link.entityID, name: name, kind: link.entityKind,
                    href: entities.href(link.entityID, kind: link.entityKind), matches: matches))
        }
        return (title, text, views)
    }

    /// Lifecycle kinds of a Sénat question, with their French labels.
    static let senateLabels: [String: String] = [
        "published": "Question publiée", "forwarded": "Transmise", "answered": "Réponse publiée",
        "answer-corrected": "Erratum à la réponse", "lapsed": "Caduque", "withdrawn": "Retirée",
        "converted": "Transformée", "reminded": "Rappel",
    ]

    func senateView(_ d: ItemDossier) -> SenateView? {
        guard let s = d.senate else { return nil }
        let events = d.deltas.compactMap { delta -> SenateView.Event? in
            guard let label = Self.senateLabels[delta.kind] else { return nil }
            let detail =
                delta.detail.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any] ?? [:]
            let note =
                (detail["reminded_by"] as? String).map { "rappelée par \($0)" }
                ?? (detail["reminds"] as? String).map { "rappelle \($0)" }
            return SenateView.Event(
                kind: delta.kind, label: label, date: detail["date"] as? String ?? Format.day(delta.at),
                ministry: detail["ministry"] as? String, joPage: detail["jo_page"] as? Int, note: note)
        }
        return SenateView(
            reference: s.reference, number: s.number, state: s.state, pageUrl: s.pageURL,
            pageLink: Format.safeLink(s.pageURL), events: events.sorted { $0.date < $1.date })
    }
}

/// Cuts a text into marked and unmarked segments from match spans (UTF-8 byte offsets).
enum Highlighter {
    /// A span to mark; `found` relocates it when the offsets no longer fit the text.
    struct Span {
        var start: Int
        var end: Int
        var found: String
        var note: String
    }

    static func segments(_ text: String, _ spans: [Span]) -> [Segment] {
        let bytes = Array(text.utf8)
        var ranges: [(Int, Int, String)] = []
        for s in spans {
            if s.start >= 0, s.end <= bytes.count, s.start < s.end,
                String(decoding: bytes[s.start..<s.end], as: UTF8.self) == s.found
            {
                ranges.append((s.start, s.end, s.note))
            } else if !s.found.isEmpty, let r = text.range(of: s.found) {
                let start = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
                ranges.append((start, start + s.found.utf8.count, s.note))
            }
        }
        ranges.sort { $0.0 < $1.0 }
        var merged: [(Int, Int, [String])] = []
        for (a, b, note) in ranges {
            if let last = merged.last, a < last.1 {
                merged[merged.count - 1].1 = max(last.1, b)
                if !last.2.contains(note) { merged[merged.count - 1].2.append(note) }
            } else {
                merged.append((a, b, [note]))
            }
        }
        var out: [Segment] = []
        var at = 0
        for (a, b, notes) in merged {
            if a > at { out.append(Segment(text: String(decoding: bytes[at..<a], as: UTF8.self), mark: false)) }
            out.append(
                Segment(
                    text: String(decoding: bytes[a..<b], as: UTF8.self), mark: true,
                    note: notes.joined(separator: ", ")))
            at = b
        }
        if at < bytes.count { out.append(Segment(text: String(decoding: bytes[at...], as: UTF8.self), mark: false)) }
        return out
    }
}
