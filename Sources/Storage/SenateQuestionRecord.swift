import Foundation
import GRDB

/// One stored Sénat question (`senateQuestion` table): what the last crawl knew of it, beside its item.
///
/// The JSON columns are written and read by the pipeline (Storage does not know the Parliament types).
public struct SenateQuestionRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var sourceId: String
    /// `qSEQ231109012`.
    public var reference: String
    public var itemId: Int64
    /// The number as printed (`09012`).
    public var number: String?
    /// `pending`, `answered`, `lapsed`, `withdrawn`, `converted` or `unpublished`.
    public var state: String
    /// JSON `SenateSnapshot`.
    public var snapshot: String
    /// JSON `SenateCSVRow` with its line zeroed: the same text means an unchanged row.
    public var csvRow: String?
    /// JSON `SenateQuestion` of the last usable page.
    public var page: String?
    public var pageUrl: String?
    public var pageEtag: String?
    public var pageLastModified: String?
    /// Last attempt at the page, whatever it gave.
    public var lastPageFetchAt: Date?
    /// Attempts since the last usable page.
    public var pageTries: Int
    /// The page is fetched again on the next run (not yet online, 404, changed row outside the backfill).
    public var pageRetry: Bool
    public var updatedAt: Date

    /// A record for a question.
    public init(
        sourceId: String, reference: String, itemId: Int64, number: String?, state: String, snapshot: String,
        csvRow: String?, page: String?, pageUrl: String?, pageEtag: String?, pageLastModified: String?,
        lastPageFetchAt: Date?, pageTries: Int, pageRetry: Bool, updatedAt: Date
    ) {
        self.sourceId = sourceId
        self.reference = reference
        self.itemId = itemId
        self.number = number
        self.state = state
        self.snapshot = snapshot
        self.csvRow = csvRow
        self.page = page
        self.pageUrl = pageUrl
        self.pageEtag = pageEtag
        self.pageLastModified = pageLastModified
        self.lastPageFetchAt = lastPageFetchAt
        self.pageTries = pageTries
        self.pageRetry = pageRetry
        self.updatedAt = updatedAt
    }
}

extension SenateQuestionRecord {
    /// The columns `init(row:)` reads.
    static let columns = """
        sourceId, reference, itemId, number, state, snapshot, csvRow, page, pageUrl, pageEtag, pageLastModified,
        lastPageFetchAt, pageTries, pageRetry, updatedAt
        """

    /// A row of `SELECT \(columns) FROM senateQuestion`, on either backend.
    init(row: SQLRow) throws {
        self.init(
            sourceId: try row.require("sourceId"), reference: try row.require("reference"),
            itemId: try row.require("itemId"), number: row["number"], state: try row.require("state"),
            snapshot: try row.require("snapshot"), csvRow: row["csvRow"], page: row["page"], pageUrl: row["pageUrl"],
            pageEtag: row["pageEtag"], pageLastModified: row["pageLastModified"],
            lastPageFetchAt: row["lastPageFetchAt"], pageTries: row["pageTries"] ?? 0,
            pageRetry: row["pageRetry"] ?? false, updatedAt: try row.require("updatedAt"))
    }
}
