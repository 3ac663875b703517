import Foundation
import GRDB

/// The digest outbox: exactly-once delivery per (digest, recipient, delta).
///
/// The order that makes it exactly once: the message is rendered and stored with its Message-ID and its
/// outbox rows in one transaction (``storeDigestMessage(_:deltas:)``); it is sent; only then is it marked
/// delivered (``markDelivered(message:at:)``). A failure between the two leaves it pending, and the next
/// attempt sends the stored bytes again: at worst the same message (same Message-ID) twice, never a
/// delta lost or delivered in two different messages.
extension Store {
    /// The first delta id a digest covers is after the returned one. A digest seen for the first time starts
    /// after `defaultStart` (the history before it was added is not its own).
    public func digestStart(_ digest: String, defaultStart: Int64, at: Date) throws -> Int64 {
        try write { db in
            if let start = try Int64.fetchOne(
                db, sql: "SELECT startDeltaId FROM digestState WHERE digestId = ?",
                arguments: [digest])
            {
                return start
            }
            try db.execute(
                sql: "INSERT INTO digestState(digestId, addedAt, startDeltaId) VALUES (?, ?, ?)",
                arguments: [digest, at, defaultStart])
            return defaultStart
        }
    }

    /// The stored start of a digest, nil when it was never seen (read only: for dry runs).
    public func storedDigestStart(_ digest: String) throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT startDeltaId FROM digestState WHERE digestId = ?", arguments: [digest])
        }
    }

    /// The greatest delta id of the runs before `run` (every delta when nil): where a new digest starts.
    public func lastDeltaID(before run: Int64?) throws -> Int64 {
        try read { db in
            if let run {
                return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM delta WHERE runId < ?", arguments: [run]) ?? 0
            }
            return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM delta") ?? 0
        }
    }

    /// Delta ids after `start` that no message of (digest, recipient) carries yet, oldest first.
    public func undeliveredDeltaIDs(digest: String, recipient: String, after start: Int64) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT d.id FROM delta d WHERE d.id > ?
                    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.digestId = ? AND o.recipient = ? AND o.deltaId = d.id)
                    ORDER BY d.id
                    """, arguments: [start, digest, recipient])
        }
    }

    /// The stored messages of (digest, recipient) not yet delivered, oldest first.
    public func pendingDigestMessages(digest: String, recipient: String) throws -> [DigestMessageRecord] {
        try read { db in
            try DigestMessageRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM digestMessage WHERE digestId = ? AND recipient = ? AND status = 'pending' ORDER BY id
                    """, arguments: [digest, recipient])
        }
    }

    /// Every stored message of a digest, oldest first.
    public func digestMessages(digest: String) throws -> [DigestMessageRecord] {
        try read { db in
            try DigestMessageRecord.fetchAll(
                db, sql: "SELECT * FROM digestMessage WHERE digestId = ? ORDER BY id",
                arguments: [digest])
        }
    }

    /// Stores a rendered message and its outbox rows in one transaction, before anything is sent.
    ///
    /// - Parameter deltas: the deltas it carries; `listed` when shown as an item (else only counted).
    /// - Returns: the message row.
    @discardableResult
    public func storeDigestMessage(_ m: NewDigestMessage, deltas: [(id: Int64, listed: Bool)]) throws
        -> DigestMessageRecord
    {
        try write { db in
            let runs = "[" + m.runs.map(String.init).joined(separator: ",") + "]"
            try db.execute(
                sql: """
                    INSERT INTO digestMessage(digestId, recipient, messageId, format, path, body, runs, createdAt, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                    """, arguments: [m.digestId, m.recipient, m.messageId, m.format, m.path, m.body, runs, m.createdAt])
            let row = db.lastInsertedRowID
            for d in deltas {
                try db.execute(
                    sql: """
                        INSERT INTO outbox(digestId, recipient, deltaId, messageRowId, listed) VALUES (?, ?, ?, ?, ?)
                        """, arguments: [m.digestId, m.recipient, d.id, row, d.listed])
            }
            guard
                let record = try DigestMessageRecord.fetchOne(
                    db, sql: "SELECT * FROM digestMessage WHERE id = ?",
                    arguments: [row])
            else {
                throw StorageError.database("digest message \(row) vanished")
            }
            return record
        }
    }

    /// Records deltas of (digest, recipient) as covered without a message: a quiet digest had nothing to
    /// list (they matched none of its campaigns or actors), so they are not considered again.
    public func coverWithoutMessage(digest: String, recipient: String, deltas: [Int64], at: Date) throws {
        try write { db in
            for id in deltas {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO outbox(digestId, recipient, deltaId, messageRowId, listed, deliveredAt)
                        VALUES (?, ?, ?, NULL, 0, ?)
                        """, arguments: [digest, recipient, id, at])
            }
        }
    }

    /// Marks a message, and the deltas it carries, delivered.
    public func markDelivered(message row: Int64, at: Date) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE digestMessage SET status = 'delivered', deliveredAt = ?, attempts = attempts + 1, lastError = NULL
                    WHERE id = ?
                    """, arguments: [at, row])
            try db.execute(sql: "UPDATE outbox SET deliveredAt = ? WHERE messageRowId = ?", arguments: [at, row])
        }
    }

    /// Records a failed attempt; the message stays pending.
    public func recordDeliveryFailure(message row: Int64, error: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE digestMessage SET attempts = attempts + 1, lastError = ? WHERE id = ?",
                arguments: [error, row])
        }
    }

    /// The newest `limit` listed delta ids of a digest's outbox (the entries of its Atom file), newest first.
    public func listedDeltaIDs(digest: String, limit: Int) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT deltaId FROM outbox WHERE digestId = ? AND listed ORDER BY deltaId DESC LIMIT ?
                    """, arguments: [digest, limit])
        }
    }

    /// The delta ids of a run, oldest first.
    public func deltaIDs(run: Int64) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM delta WHERE runId = ? ORDER BY id", arguments: [run])
        }
    }

    /// Stored Sénat facts of some items (a digest gives number, author, group and ministry): the parsed page
    /// JSON, else the CSV row JSON, of the question each item is, with `official_title` set to the CSV's
    /// `Titre` when the row has one (the page's heading is often only "Question écrite n° …").
    public func senateFacts(items: [Int64]) throws -> [Int64: String] {
        guard !items.isEmpty else { return [:] }
        return try read { db in
            var out: [Int64: String] = [:]
            for chunk in stride(from: 0, to: items.count, by: 500).map({ Array(items[$0..<min($0 + 500, items.count)]) }
            ) {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT itemId, page, csvRow FROM senateQuestion
                        WHERE itemId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                        """, arguments: StatementArguments(chunk))
                {
                    let page: String? = row["page"]
                    let csv: String? = row["csvRow"]
                    guard let text = page ?? csv else { continue }
                    out[row["itemId"]] = Self.withOfficialTitle(text, csv: csv)
                }
                try assembleeFacts(db, items: chunk, into: &out)
            }
            return out
        }
    }

    /// `text` (a JSON object) with `official_title` added from the CSV row's `title`; `text` as it is when
    /// the row has no title or either is not an object.
    static func withOfficialTitle(_ text: String, csv: String?) -> String {
        guard let csv,
            let row = (try? JSONSerialization.jsonObject(with: Data(csv.utf8))) as? [String: Any],
            let title = row["title"] as? String, !title.isEmpty,
            var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        else { return text }
        object["official_title"] = title
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }
}
