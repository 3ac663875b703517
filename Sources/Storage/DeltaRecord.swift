import Foundation
import GRDB
import VeilleCore

/// One row of the `delta` table: what a run saw happen to an item (``DeltaKind``), pointing at the
/// revision it produced and, for `changed`, the one before.
public struct DeltaRecord: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "delta"

    /// Nil until inserted.
    public var id: Int64?
    public var runId: Int64
    public var itemId: Int64
    public var sourceId: String
    public var kind: DeltaKind
    /// A first crawl's delta: listed in digests as a count, not item by item.
    public var baseline: Bool
    public var at: Date
    /// The revision this delta produced.
    public var revisionId: Int64?
    /// For `changed`: the revision before.
    public var previousRevisionId: Int64?
    /// JSON a digest needs beyond the item (a Sénat answer, say).
    public var detail: String?

    /// A delta to insert.
    public init(
        runId: Int64, itemId: Int64, sourceId: String, kind: DeltaKind, baseline: Bool, at: Date,
        revisionId: Int64?, previousRevisionId: Int64?, detail: String? = nil
    ) {
        self.runId = runId
        self.itemId = itemId
        self.sourceId = sourceId
        self.kind = kind
        self.baseline = baseline
        self.at = at
        self.revisionId = revisionId
        self.previousRevisionId = previousRevisionId
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DeltaRecord {
    /// A row of `SELECT * FROM delta`, on either backend.
    init(row: SQLRow) throws {
        id = row["id"]
        runId = try row.require("runId")
        itemId = try row.require("itemId")
        sourceId = try row.require("sourceId")
        kind = try row.require("kind")
        baseline = row["baseline"] ?? false
        at = try row.require("at")
        revisionId = row["revisionId"]
        previousRevisionId = row["previousRevisionId"]
        detail = row["detail"]
    }
}
