import Foundation
import GRDB
import VeilleCore

/// The zip entry a stored Assemblée question was last read from: an entry with the same CRC-32 and size is
/// the same record, and is neither inflated nor parsed again.
public struct AssembleeEntryStamp: Sendable, Equatable {
    public var crc: UInt32
    public var size: UInt64

    /// A stamp.
    public init(crc: UInt32, size: UInt64) {
        self.crc = crc
        self.size = size
    }
}

/// What one crawl learnt of one Assemblée question: its item as it now reads, its stored reading, the zip
/// entry it came from, and its lifecycle deltas.
public struct AssembleeUpdateRecord: Sendable, Equatable {
    public var uid: String
    public var number: String?
    public var legislature: Int?
    public var state: String
    public var stamp: AssembleeEntryStamp
    /// JSON `WrittenQuestion` (Storage does not know the Parliament types).
    public var snapshot: String
    /// The item: GUID = the uid, URL = the question's page.
    public var item: IncomingItem
    /// Kind and `assemblee` export object (JSON) of each delta.
    public var deltas: [(kind: DeltaKind, detail: String)]
    /// A first crawl: the deltas are a baseline.
    public var baseline: Bool
    /// The record changed in a way that may change its page (new, or an event): the author's name is read
    /// from the page again when still unknown.
    public var pageDue: Bool

    /// An update of one question.
    public init(
        uid: String, number: String?, legislature: Int?, state: String, stamp: AssembleeEntryStamp,
        snapshot: String, item: IncomingItem, deltas: [(kind: DeltaKind, detail: String)], baseline: Bool,
        pageDue: Bool
    ) {
        self.uid = uid
        self.number = number
        self.legislature = legislature
        self.state = state
        self.stamp = stamp
        self.snapshot = snapshot
        self.item = item
        self.deltas = deltas
        self.baseline = baseline
        self.pageDue = pageDue
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.uid == b.uid && a.snapshot == b.snapshot && a.stamp == b.stamp && a.item == b.item
            && a.deltas.map(\.kind) == b.deltas.map(\.kind) && a.deltas.map(\.detail) == b.deltas.map(\.detail)
            && a.baseline == b.baseline && a.pageDue == b.pageDue
    }
}

/// A question whose page is to be read for its author's name.
public struct AssembleePageDue: Sendable, Equatable {
    public var uid: String
    public var itemId: Int64
    public var pageUrl: String?
    public var etag: String?
    public var lastModified: String?
    public var tries: Int
}
