import Foundation
import VeilleCore

/// Linked-item counts of one campaign or actor over the last day, week and month (by first sighting).
public struct EntityActivity: Sendable, Equatable {
    public var entityID: String
    public var today: Int
    public var week: Int
    public var month: Int
}

/// Items of one day, `YYYY-MM-DD` (UTC).
public struct DayCount: Sendable, Equatable {
    public var day: String
    public var count: Int
}

/// One delta with its item's title, as listed on the dashboard and the item page.
public struct DeltaEntry: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64
    public var itemID: Int64
    public var sourceID: String
    public var kind: String
    public var baseline: Bool
    public var at: Date
    public var title: String?
    /// JSON detail (a Sénat event's date, ministry, JO page), when the delta has one.
    public var detail: String?
}

/// One run of the `run` table.
public struct RunEntry: Sendable, Equatable {
    public var id: Int64
    public var command: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: String
    /// The JSON run report, once finished.
    public var summary: String?
}

/// One source and its health, with its item count.
public struct SourceEntry: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var url: String
    public var status: String?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var nextDueAt: Date?
    public var items: Int
}

/// An item's stored fields.
public struct ItemEntry: Sendable, Equatable {
    public var id: Int64
    public var sourceID: String
    public var url: String?
    public var canonicalURL: String?
    public var title: String?
    public var text: String?
    public var author: String?
    public var published: Date?
    public var firstSeenAt: Date
    public var lastSeenAt: Date
}

/// One stored revision of an item's title and text.
public struct RevisionEntry: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64?
    public var title: String?
    public var text: String?
    /// `first`, `changed`, `silent` (new extractor version) or `article` (the page replaced the summary).
    public var reason: String
    public var recordedAt: Date
}

/// One raw page snapshot (the `evidence` table), without its bytes. `number` counts from 1, oldest first.
public struct SnapshotEntry: Sendable, Equatable {
    public var number: Int
    public var url: String
    public var fetchedAt: Date
    public var httpStatus: Int
    public var etag: String?
    public var lastModified: String?
    public var sha256: String
    public var length: Int
}

/// The article-page state of an item of an `articles: true` source.
public struct ArticleEntry: Sendable, Equatable {
    /// pending | done | failed | gave-up | removed
    public var state: String
    public var lastError: String?
    public var lastCheckedAt: Date?
}

/// A link of an item to a campaign or actor; `evidence` is the JSON list of matches.
public struct LinkEntry: Sendable, Equatable {
    public var entityID: String
    public var entityKind: String
    public var evidence: String
}

/// The Sénat question behind an item.
public struct SenateEntry: Sendable, Equatable {
    public var reference: String
    public var number: String?
    public var state: String
    public var pageURL: String?
}

/// Everything the item page shows, read in one snapshot.
public struct ItemDossier: Sendable, Equatable {
    public var item: ItemEntry
    public var links: [LinkEntry]
    public var revisions: [RevisionEntry]
    public var snapshots: [SnapshotEntry]
    public var deltas: [DeltaEntry]
    public var article: ArticleEntry?
    public var senate: SenateEntry?
}

/// A candidate near-duplicate: an item of another source around the same time.
public struct NearbyText: Sendable, Equatable {
    public var id: Int64
    public var sourceID: String
    public var title: String?
    public var text: String
    public var firstSeenAt: Date
}

/// One search result; `snippet` marks matched words between U+E000 and U+E001.
public struct ArchiveHit: Sendable, Equatable {
    public var itemID: Int64
    public var sourceID: String
    public var title: String?
    public var url: String?
    public var published: Date?
    public var firstSeenAt: Date
    public var snippet: String
    /// The item's canonical URL, else its normalized URL: the same article in several feeds shares it.
    public var articleURL: String? = nil
}

/// What narrows a list of items: delta kind, source, date range (publication, else first sighting), and the
/// keyset cursor.
public struct ItemFilter: Sendable, Equatable {
    public var deltaKind: DeltaKind?
    public var source: String?
    public var from: Date?
    public var to: Date?
    /// Only items listed after this one (the previous page's last item): older by the date the list shows,
    /// or as old with a smaller id.
    public var before: Int64?
    public var limit: Int

    public init(
        deltaKind: DeltaKind? = nil, source: String? = nil, from: Date? = nil, to: Date? = nil, before: Int64? = nil,
        limit: Int = 50
    ) {
        self.deltaKind = deltaKind
        self.source = source
        self.from = from
        self.to = to
        self.before = before
        self.limit = limit
    }
}
