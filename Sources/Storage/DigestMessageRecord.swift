import Foundation
import GRDB
import VeilleCore

/// One rendered digest message or file (`digestMessage` table), stored before it is sent so that a retry
/// sends exactly the same bytes with the same Message-ID.
public struct DigestMessageRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var digestId: String
    /// An email address, or `file`.
    public var recipient: String
    /// `<…@…>`, the same on every attempt.
    public var messageId: String
    /// `email`, `html`, `markdown`, `json` or `atom`.
    public var format: DigestFormat
    /// File digests: the path the body is written to.
    public var path: String?
    /// The whole message (CRLF line ends, MIME) or file.
    public var body: Data
    /// JSON list of the runs it covers.
    public var runs: String
    public var createdAt: Date
    /// `pending` or `delivered`.
    public var status: String
    public var attempts: Int
    public var lastError: String?
    public var deliveredAt: Date?
}

extension DigestMessageRecord {
    /// The columns `init(row:)` reads.
    static let columns =
        "id, digestId, recipient, messageId, format, path, body, runs, createdAt, status, attempts, lastError, deliveredAt"

    /// A row of `SELECT \(columns) FROM digestMessage`, on either backend.
    init(row: SQLRow) throws {
        id = try row.require("id")
        digestId = try row.require("digestId")
        recipient = try row.require("recipient")
        messageId = try row.require("messageId")
        format = try row.require("format")
        path = row["path"]
        body = try row.require("body")
        runs = try row.require("runs")
        createdAt = try row.require("createdAt")
        status = try row.require("status")
        attempts = row["attempts"] ?? 0
        lastError = row["lastError"]
        deliveredAt = row["deliveredAt"]
    }
}

/// A message to store: what ``Store/storeDigestMessage(_:deltas:)`` needs.
public struct NewDigestMessage: Sendable, Equatable {
    public var digestId: String
    public var recipient: String
    public var messageId: String
    public var format: DigestFormat
    public var path: String?
    public var body: Data
    public var runs: [Int64]
    public var createdAt: Date

    /// A message to store.
    public init(
        digestId: String, recipient: String, messageId: String, format: DigestFormat, path: String?, body: Data,
        runs: [Int64], createdAt: Date
    ) {
        self.digestId = digestId
        self.recipient = recipient
        self.messageId = messageId
        self.format = format
        self.path = path
        self.body = body
        self.runs = runs
        self.createdAt = createdAt
    }
}
