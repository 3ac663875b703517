import Foundation

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
        try transaction { s in
            if let start = try s.value(
                "SELECT startDeltaId FROM digestState WHERE digestId = ?", [digest], as: Int64.self)
            {
                return start
            }
            try s.execute(
                "INSERT INTO digestState(digestId, addedAt, startDeltaId) VALUES (?, ?, ?)", [digest, at, defaultStart])
            return defaultStart
        }
    }

    /// The stored start of a digest, nil when it was never seen (read only: for dry runs).
    public func storedDigestStart(_ digest: String) throws -> Int64? {
        try snapshot { s in
            try s.value("SELECT startDeltaId FROM digestState WHERE digestId = ?", [digest], as: Int64.self)
        }
    }

    /// The greatest delta id of the runs before `run` (every delta when nil): where a new digest starts.
    public func lastDeltaID(before run: Int64?) throws -> Int64 {
        try snapshot { s in
            if let run {
                return try s.value("SELECT MAX(id) FROM delta WHERE runId < ?", [run], as: Int64.self) ?? 0
            }
            return try s.value("SELECT MAX(id) FROM delta", [], as: Int64.self) ?? 0
        }
    }

    /// Delta ids after `start` that no message of (digest, recipient) carries yet, oldest first.
    public func undeliveredDeltaIDs(digest: String, recipient: String, after start: Int64) throws -> [Int64] {
        try snapshot { s in
            try s.values(
                """
                SELECT d.id FROM delta d WHERE d.id > ?
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.digestId = ? AND o.recipient = ? AND o.deltaId = d.id)
                ORDER BY d.id
                """, [start, digest, recipient], as: Int64.self)
        }
    }

    /// The stored messages of (digest, recipient) not yet delivered, oldest first.
    public func pendingDigestMessages(digest: String, recipient: String) throws -> [DigestMessageRecord] {
        try snapshot { s in
            try s.rows(
                """
                SELECT \(DigestMessageRecord.columns) FROM digestMessage
                WHERE digestId = ? AND recipient = ? AND status = 'pending' ORDER BY id
                """, [digest, recipient]
            ).map(DigestMessageRecord.init(row:))
        }
    }

    /// Every stored message of a digest, oldest first.
    public func digestMessages(digest: String) throws -> [DigestMessageRecord] {
        try snapshot { s in
            try s.rows(
                "SELECT \(DigestMessageRecord.columns) FROM digestMessage WHERE digestId = ? ORDER BY id", [digest]
            ).map(DigestMessageRecord.init(row:))
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
        try transaction { s in
            let runs = "[" + m.runs.map(String.init).joined(separator: ",") + "]"
            let row = try s.insert(
                """
                INSERT INTO digestMessage(digestId, recipient, messageId, format, path, body, runs, createdAt, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                """, [m.digestId, m.recipient, m.messageId, m.format, m.path, m.body, runs, m.createdAt])
            for d in deltas {
                try s.execute(
                    """
                    INSERT INTO outbox(digestId, recipient, deltaId, messageRowId, listed) VALUES (?, ?, ?, ?, ?)
                    """, [m.digestId, m.recipient, d.id, row, d.listed])
            }
            guard
                let record = try s.row(
                    "SELECT \(DigestMessageRecord.columns) FROM digestMessage WHERE id = ?", [row]
                ).map(DigestMessageRecord.init(row:))
            else {
                throw StorageError.database("digest message \(row) vanished")
            }
            return record
        }
    }

    /// Records deltas of (digest, recipient) as covered without a message: a quiet digest had nothing to
    /// list (they matched none of its campaigns or actors), so they are not considered again.
    public func coverWithoutMessage(digest: String, recipient: String, deltas: [Int64], at: Date) throws {
        try transaction { s in
            for id in deltas {
                try s.execute(
                    """
                    INSERT INTO outbox(digestId, recipient, deltaId, messageRowId, listed, deliveredAt)
                    VALUES (?, ?, ?, NULL, FALSE, ?) ON CONFLICT DO NOTHING
                    """, [digest, recipient, id, at])
            }
        }
    }

    /// Marks a message, and the deltas it carries, delivered.
    public func markDelivered(message row: Int64, at: Date) throws {
        try transaction { s in
            try s.execute(
                """
                UPDATE digestMessage SET status = 'delivered', deliveredAt = ?, attempts = attempts + 1, lastError = NULL
                WHERE id = ?
                """, [at, row])
            try s.execute("UPDATE outbox SET deliveredAt = ? WHERE messageRowId = ?", [at, row])
        }
    }

    /// Records a failed attempt; the message stays pending.
    public func recordDeliveryFailure(message row: Int64, error: String) throws {
        try transaction { s in
            try s.execute("UPDATE digestMessage SET attempts = attempts + 1, lastError = ? WHERE id = ?", [error, row])
        }
    }

    /// The newest `limit` listed delta ids of a digest's outbox (the entries of its Atom file), newest first.
    public func listedDeltaIDs(digest: String, limit: Int) throws -> [Int64] {
        try snapshot { s in
            try s.values(
                """
                SELECT DISTINCT deltaId FROM outbox WHERE digestId = ? AND listed ORDER BY deltaId DESC LIMIT ?
                """, [digest, limit], as: Int64.self)
        }
    }

    /// The delta ids of a run, oldest first.
    public func deltaIDs(run: Int64) throws -> [Int64] {
        try snapshot { s in
            try s.values("SELECT id FROM delta WHERE runId = ? ORDER BY id", [run], as: Int64.self)
        }
    }

    /// Stored Sénat facts of some items (a digest gives number, author, group and ministry): the parsed page
    /// JSON, else the CSV row JSON, of the question each item is, with `official_title` set to the CSV's
    /// `Titre` when the row has one (the page's heading is often only "Question écrite n° …").
    public func senateFacts(items: [Int64]) throws -> [Int64: String] {
        guard !items.isEmpty else { return [:] }
        return try snapshot { s in
            var out: [Int64: String] = [:]
            for chunk in stride(from: 0, to: items.count, by: 500).map({ Array(items[$0..<min($0 + 500, items.count)]) }
            ) {
                for row in try s.rows(
                    """
                    SELECT itemId, page, csvRow FROM senateQuestion
                    WHERE itemId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, SQLArguments(list: chunk))
                {
                    let page: String? = row["page"]
                    let csv: String? = row["csvRow"]
                    guard let text = page ?? csv else { continue }
                    out[try row.require("itemId")] = Self.withOfficialTitle(text, csv: csv)
                }
                try assembleeFacts(s, items: chunk, into: &out)
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

extension Store {
    /// The advisory-lock key of the digest lock that the workers of a shared PostgreSQL night take to match
    /// and send (Coordination's `DigestLock.key`; a test keeps the two equal).
    public static let digestLockKey: Int64 = 0x7665_696C_6C65_0002

    /// Runs `body` holding the digest lock of a PostgreSQL database (a session advisory lock on this
    /// store's connection, waited for when a worker holds it), so that `veille digest` and `veille rematch`
    /// never match or send beside a worker doing so. On SQLite it just runs `body`: the run lock file keeps
    /// processes apart there. A connection lost meanwhile loses the lock with it (the next statement
    /// reconnects without it); the outbox's keys still keep each delta to one message per recipient.
    public func holdingDigestLock<T>(_ body: () throws -> T) throws -> T {
        guard case .postgres(let pg) = backend else { return try body() }
        try pg.transaction { s in try s.execute("SELECT pg_advisory_lock(?)", [Self.digestLockKey]) }
        defer { _ = try? pg.transaction { s in try s.execute("SELECT pg_advisory_unlock(?)", [Self.digestLockKey]) } }
        return try body()
    }
}
