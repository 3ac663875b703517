import Foundation
import VeilleCore

extension Store {
    /// The zip entry each stored question of an `assemblee-questions` source was read from, by uid.
    public func assembleeStamps(source id: String) throws -> [String: AssembleeEntryStamp] {
        try snapshot { s in
            var out: [String: AssembleeEntryStamp] = [:]
            for row in try s.rows("SELECT uid, entryCrc, entrySize FROM assembleeQuestion WHERE sourceId = ?", [id]) {
                let crc: Int64 = try row.require("entryCrc")
                let size: Int64 = try row.require("entrySize")
                out[try row.require("uid")] = AssembleeEntryStamp(
                    crc: UInt32(truncatingIfNeeded: crc), size: UInt64(max(0, size)))
            }
            return out
        }
    }

    /// The stored readings (JSON) of some questions, by uid.
    public func assembleeSnapshots(source id: String, uids: [String]) throws -> [String: String] {
        guard !uids.isEmpty else { return [:] }
        return try snapshot { s in
            var out: [String: String] = [:]
            for chunk in stride(from: 0, to: uids.count, by: 500).map({ Array(uids[$0..<min($0 + 500, uids.count)]) }) {
                let sql = """
                    SELECT uid, snapshot FROM assembleeQuestion WHERE sourceId = ?
                    AND uid IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """
                for row in try s.rows(sql, SQLArguments(list: [id] + chunk)) {
                    out[try row.require("uid")] = row["snapshot"]
                }
            }
            return out
        }
    }

    /// The SHA-256 of the archive last read whole, nil before the first.
    public func assembleeArchiveHash(source id: String) throws -> String? {
        try snapshot { s in
            try s.value("SELECT sha256 FROM assembleeArchive WHERE sourceId = ?", [id], as: String.self)
        }
    }

    /// Stores a batch of question updates in one transaction: each item (a revision and `needsMatch` when its
    /// title or text changed: a change that is not an event is stored silently), its row, its deltas.
    ///
    /// - Returns: the deltas recorded.
    public func applyAssembleeUpdates(source id: String, run: Int64, updates: [AssembleeUpdateRecord], at: Date) throws
        -> [RecordedDelta]
    {
        try transaction(of: .source(id)) { s in
            var recorded: [RecordedDelta] = []
            for u in updates {
                let stored = try storeQuestionItem(s, source: id, run: run, item: u.item, at: at)
                try s.execute(
                    """
                    INSERT INTO assembleeQuestion(sourceId, uid, itemId, number, legislature, state, entryCrc, entrySize,
                      snapshot, pageUrl, pageDue, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(sourceId, uid) DO UPDATE SET itemId = excluded.itemId, number = excluded.number,
                      legislature = excluded.legislature, state = excluded.state, entryCrc = excluded.entryCrc,
                      entrySize = excluded.entrySize, snapshot = excluded.snapshot, pageUrl = excluded.pageUrl,
                      pageDue = (assembleeQuestion.pageDue OR excluded.pageDue) AND assembleeQuestion.authorName IS NULL,
                      updatedAt = excluded.updatedAt
                    """,
                    [
                        id, u.uid, stored.item, u.number, u.legislature, u.state, Int64(u.stamp.crc),
                        Int64(u.stamp.size), u.snapshot, u.item.url, u.pageDue, at,
                    ])
                for d in u.deltas {
                    let delta = try insertDelta(
                        s, run: run, item: stored.item, source: id, kind: d.kind, baseline: u.baseline, at: at,
                        revision: stored.revision, previous: stored.previous, detail: d.detail)
                    recorded.append(RecordedDelta(id: delta, itemID: stored.item, kind: d.kind, baseline: u.baseline))
                }
            }
            return recorded
        }
    }

    /// Ends one crawl of an `assemblee-questions` source in one transaction: the fetch, the archive's hash
    /// (when it was read whole), the validators and the source's status. With a `problem` the source is
    /// failed and its validators and hash stay as they were (stored questions untouched).
    public func finishAssembleeCrawl(
        source id: String, run: Int64, fetch: FetchLog, archive: (sha256: String, bytes: Int, entries: Int)?,
        status: SourceStatus, problem: String?, at: Date, nextDue: Date
    ) throws {
        try transaction(of: .source(id)) { s in
            try insertFetch(s, source: id, run: run, fetch: fetch, at: at)
            if let problem {
                try s.execute(
                    """
                    UPDATE source SET lastAttemptAt = ?, status = ?, lastError = ?,
                      consecutiveFailures = consecutiveFailures + 1, nextDueAt = ? WHERE id = ?
                    """, [at, SourceStatus.failed, problem, nextDue, id])
                return
            }
            if let archive {
                try s.execute(
                    """
                    INSERT INTO assembleeArchive(sourceId, sha256, bytes, entries, readAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(sourceId) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes,
                      entries = excluded.entries, readAt = excluded.readAt
                    """, [id, archive.sha256, archive.bytes, archive.entries, at])
            }
            try s.execute(
                """
                UPDATE source SET etag = COALESCE(?, etag), lastModified = COALESCE(?, lastModified), lastAttemptAt = ?,
                  lastSuccessAt = ?, status = ?, lastError = NULL, consecutiveFailures = 0, nextDueAt = ?,
                  firstSuccessAt = COALESCE(firstSuccessAt, ?)
                WHERE id = ?
                """, [fetch.etag, fetch.lastModified, at, at, status, nextDue, at, id])
        }
    }

    /// Questions whose page is to be read for the author's name (new or changed, name still unknown), oldest
    /// first, at most `limit`.
    public func assembleePagesDue(source id: String, limit: Int) throws -> [AssembleePageDue] {
        try snapshot { s in
            try s.rows(
                """
                SELECT uid, itemId, pageUrl, pageEtag, pageLastModified, pageTries FROM assembleeQuestion
                WHERE sourceId = ? AND pageDue AND authorName IS NULL ORDER BY updatedAt, uid LIMIT ?
                """, [id, limit]
            ).map {
                AssembleePageDue(
                    uid: try $0.require("uid"), itemId: try $0.require("itemId"), pageUrl: $0["pageUrl"],
                    etag: $0["pageEtag"], lastModified: $0["pageLastModified"], tries: $0["pageTries"] ?? 0)
            }
        }
    }

    /// Records one page read: the author's name when the page gave it (also on the item), the validators,
    /// and whether to try again on a later run.
    public func recordAssembleePage(
        source id: String, uid: String, author: String?, etag: String?, lastModified: String?, retry: Bool, at: Date
    ) throws {
        try transaction(of: .source(id)) { s in
            try s.execute(
                """
                UPDATE assembleeQuestion SET authorName = COALESCE(?, authorName), pageEtag = COALESCE(?, pageEtag),
                  pageLastModified = COALESCE(?, pageLastModified), lastPageFetchAt = ?, pageTries = pageTries + 1,
                  pageDue = ? WHERE sourceId = ? AND uid = ?
                """, [author, etag, lastModified, at, author == nil && retry, id, uid])
            if let author {
                try s.execute(
                    """
                    UPDATE item SET author = ? WHERE id = (SELECT itemId FROM assembleeQuestion WHERE sourceId = ? AND uid = ?)
                    """, [author, id, uid])
            }
        }
    }
}

extension Store {
    /// What a digest line needs of Assemblée questions (number, group, the author's name or else the
    /// `acteurRef`), as the JSON ``senateFacts(items:)`` hands the digest, for the items that are Assemblée
    /// questions.
    func assembleeFacts(_ s: any SQLSession, items: [Int64], into out: inout [Int64: String]) throws {
        let rows = try s.rows(
            """
            SELECT itemId, number, snapshot, authorName FROM assembleeQuestion
            WHERE itemId IN (\(items.map { _ in "?" }.joined(separator: ",")))
            """, SQLArguments(list: items))
        for row in rows {
            let snapshot: String = try row.require("snapshot")
            let q = (try? JSONSerialization.jsonObject(with: Data(snapshot.utf8))) as? [String: Any] ?? [:]
            let name: String? = row["authorName"]
            var pairs: [(String, JSONValue)] = [("number", .string(row["number"]))]
            pairs.append(("author_name", .string(name ?? q["author_ref"] as? String)))
            pairs.append(("group", .string(q["group"] as? String)))
            pairs.append(
                ("ministry", .string((q["attributions"] as? [String])?.last ?? q["ministry_asked"] as? String)))
            out[try row.require("itemId")] = JSONValue.object(pairs).serialized()
        }
    }
}
