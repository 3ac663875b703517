import Foundation
import Storage
import VeilleCore

/// One item as a digest lists it: its delta, the evidence of its links, the other followed entities it
/// is linked to, its near-duplicates on other sources, and for a Sénat question the facts a reader needs.
public struct DigestItem: Sendable {
    /// Another followed campaign or actor the item is linked to (it is listed once, under its first).
    public struct Tag: Sendable, Equatable {
        public var id: String
        /// `campaign` or `actor`.
        public var kind: String
        public var name: String
    }

    /// A near-duplicate on another source, as "Also in" shows it.
    public struct AlsoIn: Sendable, Equatable {
        public var source: String
        public var title: String
        public var link: String?
    }

    public var delta: DeltaExport
    public var evidence: DigestEvidence
    /// The other followed entities, in watchlist order.
    public var tags: [Tag]
    /// The same text seen on other sources (or again on the same one), shown with this item.
    public var duplicates: [DeltaExport]
    public var senate: SenateFacts?
    /// The item's page in the web view (`web_url` + `/items/ID`), when `digests.yaml` sets `web_url`.
    public var page: String?

    /// The item's title, whitespace-normalized, or "(untitled)"; a Sénat question's official title when the
    /// CSV gives one.
    public var title: String {
        if let t = senate?.officialTitle { return t }
        let t = normalizeWhitespace(delta.title ?? "")
        return t.isEmpty ? "(untitled)" : t
    }

    /// Under a Sénat question's official title: the question's first sentence (nil when it is the title).
    public var subtitle: String? {
        guard senate?.officialTitle != nil, let text = delta.text else { return nil }
        let s = Self.firstSentence(text)
        return s.isEmpty || s == title ? nil : s
    }

    /// The link to show: canonical URL, else URL.
    public var link: String? { delta.canonicalURL ?? delta.url }

    /// When it happened: published, else when the delta was recorded.
    public var date: Date { delta.published ?? delta.at }

    /// What changed, for `changed` deltas.
    public var change: ChangeSummary? {
        guard delta.kind == .changed else { return nil }
        return ChangeSummary(
            previousTitle: delta.previousTitle, title: delta.title,
            previousText: delta.previousText, text: delta.text)
    }

    /// The near-duplicates, each source once, never the item's own source.
    public var alsoIn: [AlsoIn] {
        var seen: Set<String> = [delta.source]
        return duplicates.filter { seen.insert($0.source).inserted }.map { d in
            let t = normalizeWhitespace(d.title ?? "")
            return AlsoIn(source: d.source, title: t.isEmpty ? "(untitled)" : t, link: d.canonicalURL ?? d.url)
        }
    }

    /// Longest first sentence shown under an official title (reason: one line in a mail client).
    static let maxSentence = 240

    /// The first sentence of a text: up to the first `.`, `?` or `!` followed by a space or the end (not
    /// after an abbreviation), cut at a word boundary past ``maxSentence`` characters.
    static func firstSentence(_ text: String) -> String {
        let t = normalizeWhitespace(text)
        var end = t.endIndex
        var i = t.startIndex
        while i < t.endIndex {
            let next = t.index(after: i)
            if ".?!".contains(t[i]), next == t.endIndex || t[next] == " ", !Self.isAbbreviation(t[..<i]) {
                end = next
                break
            }
            i = next
        }
        let s = t[..<end]
        guard s.count > maxSentence else { return String(s) }
        let cut = s.prefix(maxSentence)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
    }

    /// Whether the word before a period is an abbreviation ("M.", "MM.", "J.-P."): at most two letters, the
    /// first upper case (reason: French questions open with "M. Pierre Ouzoulias interroge …").
    static func isAbbreviation(_ before: Substring) -> Bool {
        let word = before.split(separator: " ").last.map { $0.split(separator: "-").last ?? $0 } ?? ""
        return !word.isEmpty && word.count <= 2 && word.first?.isUppercase == true
    }

    /// The delta's export object plus `matches`, `tags`, `duplicates` and, for a change, `change`.
    var json: JSONValue {
        guard case .object(var pairs) = delta.json else { return delta.json }
        pairs.append(("matches", evidence.json))
        pairs.append(("more_matches", .int(evidence.more)))
        pairs.append(
            (
                "tags",
                .array(
                    tags.map {
                        .object([("id", .string($0.id)), ("kind", .string($0.kind)), ("name", .string($0.name))])
                    })
            ))
        if let c = change { pairs.append(("change", c.json)) }
        if let s = senate {
            pairs.append(("senate_line", .string(s.line(kind: delta.kind))))
            if let t = s.officialTitle { pairs.append(("official_title", .string(t))) }
        }
        if let page { pairs.append(("page", .string(page))) }
        pairs.append(("duplicates", .array(duplicates.map(\.json))))
        return .object(pairs)
    }
}
