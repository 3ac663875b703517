import Digests
import Foundation
import Storage

/// The item page `/items/{id}`.
struct ItemView: Encodable {
    var id: Int64
    var title: String
    var source: String
    var author: String?
    var published: String?
    var firstSeen: String
    var lastSeen: String
    var url: String?
    var link: String?
    var canonicalUrl: String?
    var canonicalLink: String?
    var titleSegments: [Segment]
    var textSegments: [Segment]
    var evidence: [EvidenceView]
    var nearDuplicates: [ItemCard]
    var revisions: [RevisionView]
    var diff: DiffView?
    var takedown: TakedownView?
    var snapshots: [SnapshotView]
    var senate: SenateView?
    var deltas: [DeltaView]
    /// Revision choices of the diff form.
    var revisionOptionsA: [Option]
    var revisionOptionsB: [Option]
    var canDiff: Bool

    enum CodingKeys: String, CodingKey {
        case id, title, source, author, published, firstSeen, lastSeen, url, canonicalUrl, titleSegments
        case textSegments, evidence, nearDuplicates, revisions, diff, takedown, snapshots, senate, deltas
    }
}

/// One revision of the title and text; `number` counts from 1.
struct RevisionView: Encodable {
    var number: Int
    var id: Int64
    var reason: String
    var recordedAt: String
    var run: Int64?
    var title: String?
    var text: String?
    /// The diff with the previous revision.
    var diffHref: String?
}

/// A word diff between revisions `a` and `b` (numbers), of the title and of the text.
struct DiffView: Encodable {
    var a: Int
    var b: Int
    var aRecordedAt: String
    var bRecordedAt: String
    var title: [WordDiff.Segment]
    var text: [WordDiff.Segment]
}

/// The takedown record: the page answered 404 or 410.
struct TakedownView: Encodable {
    var seenAt: String?
    var status: String?
    var lastChecked: String?
}

/// One raw page snapshot and where to see it.
struct SnapshotView: Encodable {
    var number: Int
    var url: String
    var fetchedAt: String
    var httpStatus: Int
    var etag: String?
    var lastModified: String?
    var sha256: String
    var length: Int
    var plainHref: String
    var viewHref: String
    var renderHref: String
    var downloadHref: String

    init(item: Int64, _ s: SnapshotEntry) {
        number = s.number
        url = s.url
        fetchedAt = Format.date(s.fetchedAt) ?? ""
        httpStatus = s.httpStatus
        etag = s.etag
        lastModified = s.lastModified
        sha256 = s.sha256
        length = s.length
        plainHref = "/items/\(item)/snapshots/\(s.number)"
        viewHref = plainHref + "/view"
        renderHref = plainHref + "/render"
        downloadHref = plainHref + "/download"
    }
}

extension Workbench {
    /// The item page; `a` and `b` pick the revisions to compare (default: the last two).
    ///
    /// - Throws: a 404 for an unknown item, a 400 for a revision number out of range.
    func itemPage(id: Int64, a: Int64?, b: Int64?) throws -> ItemView {
        guard let d = try reader.dossier(item: id) else { throw PageError.notFound("no item \(id)") }
        let i = d.item
        var revisions: [RevisionView] = []
        var title: String? = nil
        for (n, r) in d.revisions.enumerated() {
            title = r.title ?? title
            revisions.append(
                RevisionView(
                    number: n + 1, id: r.id, reason: r.reason, recordedAt: Format.date(r.recordedAt) ?? "",
                    run: r.runID, title: title, text: r.text,
                    diffHref: n > 0 ? "/items/\(id)?a=\(n)&b=\(n + 1)#diff" : nil))
        }
        let diff = try diffView(revisions, a: a, b: b)
        let (titleMarks, textMarks, evidence) = evidenceViews(d)
        let removed = d.deltas.last { $0.kind == "removed" }
        let takedown: TakedownView? =
            removed != nil || d.article?.state == "removed"
            ? TakedownView(
                seenAt: Format.date(removed?.at), status: d.article?.lastError,
                lastChecked: Format.date(d.article?.lastCheckedAt)) : nil
        let options = { (chosen: Int?) in
            revisions.map {
                Option(
                    value: String($0.number), label: "\($0.number) · \($0.recordedAt)", selected: $0.number == chosen)
            }
        }
        return ItemView(
            id: i.id, title: i.title ?? "(untitled)", source: i.sourceID, author: i.author,
            published: Format.date(i.published), firstSeen: Format.date(i.firstSeenAt) ?? "",
            lastSeen: Format.date(i.lastSeenAt) ?? "", url: i.url, link: Format.safeLink(i.url),
            canonicalUrl: i.canonicalURL, canonicalLink: Format.safeLink(i.canonicalURL),
            titleSegments: Highlighter.segments(i.title ?? "", titleMarks),
            textSegments: Highlighter.segments(i.text ?? "", textMarks), evidence: evidence,
            nearDuplicates: try nearDuplicates(i), revisions: revisions, diff: diff, takedown: takedown,
            snapshots: d.snapshots.map { SnapshotView(item: id, $0) }, senate: senateView(d),
            deltas: d.deltas.map(DeltaView.init), revisionOptionsA: options(diff?.a),
            revisionOptionsB: options(diff?.b), canDiff: revisions.count > 1)
    }

    private func diffView(_ revisions: [RevisionView], a: Int64?, b: Int64?) throws -> DiffView? {
        let n = revisions.count
        guard a != nil || b != nil || n > 1 else { return nil }
        let ia = Int(a ?? Int64(max(1, n - 1)))
        let ib = Int(b ?? Int64(n))
        for (name, v) in [("a", ia), ("b", ib)] where !(1...max(n, 1)).contains(v) || n == 0 {
            throw PageError.badRequest("parameter \(name): revision \(v) does not exist (this item has \(n))")
        }
        let ra = revisions[ia - 1]
        let rb = revisions[ib - 1]
        return DiffView(
            a: ia, b: ib, aRecordedAt: ra.recordedAt, bRecordedAt: rb.recordedAt,
            title: WordDiff.diff(ra.title ?? "", rb.title ?? ""), text: WordDiff.diff(ra.text ?? "", rb.text ?? ""))
    }

    /// Candidates within this window of the item's first sighting (reason: wire copies appear within hours;
    /// three days covers a weekend).
    static let nearWindow: TimeInterval = 3 * 86_400

    /// Items of other sources whose text is a near-copy of this one (SimHash, as the digest groups them),
    /// among those first seen within ``nearWindow`` that hold its four longest words.
    func nearDuplicates(_ item: ItemEntry) throws -> [ItemCard] {
        let text = item.text ?? item.title ?? ""
        var seen = Set<String>()
        let words = text.prefix(1_500).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.lowercased() }.filter { $0.count >= 6 && seen.insert($0).inserted }
            .sorted { ($0.count, $1) > ($1.count, $0) }.prefix(4)
        let candidates = try reader.nearbyTexts(
            item: item, words: Array(words), window: Self.nearWindow, limit: 200)
        guard !candidates.isEmpty else { return [] }
        let groups = NearDuplicates.groups([text] + candidates.map(\.text))
        guard let mine = groups.first(where: { $0.contains(0) }) else { return [] }
        return mine.filter { $0 != 0 }.map { candidates[$0 - 1] }.map { c in
            ItemCard(id: c.id, title: c.title, source: c.sourceID, firstSeen: c.firstSeenAt)
        }
    }
}
