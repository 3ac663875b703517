import Foundation
import GRDB
import Storage
import TestSupport

/// `veille-bench archive --items N [--db PATH] [--config DIR]`: a realistic archive for the workbench's
/// load test (`Tests/Benchmarks/workbench-load.sh`) and its browser walk: 2,000 sources, 50 campaigns and 50
/// actors, three years of items with links and evidence, revisions, raw page snapshots (hostile ones
/// included), near-duplicate wire copies, Sénat questions with their lifecycle, and daily runs.
///
/// Deterministic (SplitMix, seed 17). The schema is created by `Store` (every migration); rows go in
/// through plain SQL in large transactions, snapshots through `Store.storeFirstArticle` (compression).
enum ArchiveBenchmark {
    static func run(arguments: [String]) throws -> String {
        var items = 10_000
        var db = ".build/bench-archive/veille.sqlite"
        var config = ".build/bench-archive/Feeds"
        var i = 0
        while i + 1 < arguments.count {
            switch arguments[i] {
            case "--items": items = Int(arguments[i + 1]) ?? items
            case "--db": db = arguments[i + 1]
            case "--config": config = arguments[i + 1]
            default: break
            }
            i += 2
        }
        let started = Date()
        try FileManager.default.createDirectory(
            atPath: (db as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try watchlist().write(toFile: config + "/watchlist.yaml", atomically: true, encoding: .utf8)
        var snapshots: [Int64] = []
        do {
            let store = try Store(path: db)
            _ = try store.integrityCheck()
        }
        let queue = try DatabaseQueue(path: db)
        try queue.write { d in try seed(d, items: items, snapshots: &snapshots) }
        let store = try Store(path: db)
        let texts =
            try snapshots.isEmpty
            ? [:]
            : queue.read { d in
                try Dictionary(
                    Row.fetchAll(
                        d,
                        sql:
                            "SELECT id, text FROM item WHERE id IN (\(snapshots.map(String.init).joined(separator: ",")))"
                    )
                    .map { ($0["id"] as Int64, $0["text"] as String? ?? "") }, uniquingKeysWith: { a, _ in a })
            }
        for (n, id) in snapshots.enumerated() {
            let raw =
                n == 0
                ? hostilePage
                : "<html><body><p>page \(id)</p>\(String(repeating: "<p>texte</p>", count: 200))</body></html>"
            try store.storeFirstArticle(
                item: id, url: "https://s0001.example/a/\(id)",
                result: ArticleResult(
                    raw: Array(raw.utf8), status: 200, etag: "\"\(id)\"", lastModified: nil, text: texts[id] ?? "",
                    title: nil, canonicalURL: nil, byline: nil, language: "fr", published: nil, extractorVersion: 1),
                at: Date())
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        return "archive: \(items) items, \(snapshots.count) snapshots in \(db) "
            + String(format: "(%.1f MB) in %.1f s", Double(size) / 1e6, Date().timeIntervalSince(started))
    }

    static let hostilePage =
        "<!DOCTYPE html><html><head><title>hostile</title></head><body><p id=\"p\">Baku Initiative Group</p>"
        + "<script>document.getElementById('p').textContent='SCRIPT RAN';try{parent.document.title='pwned'}catch(e){}</script>"
        + "</body></html>"

    static func watchlist() -> String {
        var y = "actors:\n"
        for a in 1...50 {
            y += "  - id: a\(a)\n    name: Acteur \(a)\n    kind: organisation\n    aliases: [acteur\(a)]\n"
        }
        y += "campaigns:\n"
        for c in 1...50 {
            y += "  - id: c\(c)\n    name: Campagne \(c)\n    aliases: [campagne\(c)]\n    actors: [a\(c)]\n"
        }
        return y
    }

    static let words: [String] = {
        var rng = SplitMix(state: 3)
        let syllables = [
            "ba", "kou", "ré", "pu", "bli", "que", "min", "is", "tre", "ca", "lé", "do", "nie", "sé", "nat", "fran",
            "ce", "ru", "sie", "gé", "o", "po", "li", "tique",
        ]
        return (0..<2_000).map { _ in
            (0..<Int.random(in: 2...4, using: &rng)).map { _ in syllables.randomElement(using: &rng) ?? "a" }.joined()
        }
    }()

    static func seed(_ db: Database, items: Int, snapshots: inout [Int64]) throws {
        var rng = SplitMix(state: 17)
        let now = Date()
        let span: TimeInterval = 3 * 365 * 86_400
        let start = now.addingTimeInterval(-span)
        for s in 1...2_000 {
            let failing = s % 40 == 0
            try db.execute(
                sql: """
                    INSERT INTO source(id, kind, url, status, lastError, consecutiveFailures, lastAttemptAt, lastSuccessAt, firstSuccessAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    String(format: "s%04d", s), s == 2_000 ? "senate-questions" : "feed",
                    String(format: "https://s%04d.example/feed", s), failing ? "failed" : "ok",
                    failing ? "fetch https://s\(s).example/feed: HTTP 503 after 3 tries" : nil, failing ? 3 : 0, now,
                    now, start,
                ])
        }
        let days = 3 * 365
        for d in 0..<days {
            let at = start.addingTimeInterval(Double(d) * 86_400 + 3 * 3_600)
            try db.execute(
                sql:
                    "INSERT INTO run(command, startedAt, finishedAt, status, summary) VALUES ('run', ?, ?, 'completed', '{}')",
                arguments: [at, at.addingTimeInterval(600)])
        }
        let insertItem = try db.makeStatement(
            sql: """
                INSERT INTO item(sourceId, guid, url, normalizedUrl, title, text, published, firstSeenAt, lastSeenAt, firstRunId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertRevision = try db.makeStatement(
            sql: "INSERT INTO itemRevision(itemId, runId, title, text, reason, recordedAt) VALUES (?, ?, ?, ?, ?, ?)")
        let insertDelta = try db.makeStatement(
            sql: """
                INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, revisionId, previousRevisionId, detail)
                VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                """)
        let insertLink = try db.makeStatement(
            sql:
                "INSERT INTO link(itemId, entityId, entityKind, watchlistHash, linkedAt, evidence) VALUES (?, ?, ?, 'bench', ?, ?)"
        )
        var previousText = ""
        for n in 0..<items {
            let at = start.addingTimeInterval(span * Double(n) / Double(max(items, 1)))
            let run = Int64(min(days, Int(at.timeIntervalSince(start) / 86_400) + 1))
            let senate = n % 100 == 99
            let source = senate ? "s2000" : String(format: "s%04d", Int.random(in: 1...1_999, using: &rng))
            let copy = n % 20 == 1 && !previousText.isEmpty
            var text =
                copy
                ? previousText : (0..<80).map { _ in words.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            var links: [(String, String, String)] = []
            if Int.random(in: 0..<10, using: &rng) < 3 {
                let e = Int.random(in: 1...50, using: &rng)
                let campaign = Bool.random(using: &rng)
                let alias = campaign ? "campagne\(e)" : "acteur\(e)"
                let startOffset = text.utf8.count + 1
                text += " " + alias + " fin."
                links.append(
                    (
                        campaign ? "c\(e)" : "a\(e)", campaign ? "campaign" : "actor",
                        "[{\"alias\":\"\(alias)\",\"found\":\"\(alias)\",\"field\":\"text\",\"start\":\(startOffset),\"end\":\(startOffset + alias.utf8.count),\"snippet\":\"… \(alias) fin.\",\"rule\":\"alias\"}]"
                    ))
            }
            previousText = text
            let title =
                (n < 5 ? "<script>alert(\(n))</script> " : "")
                + (0..<8).map { _ in words.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            let url = String(format: "https://%@.example/a/%d", source, n)
            try insertItem.execute(arguments: [
                source, "g\(n)", url, url, title, text, at.addingTimeInterval(-3_600), at, at, run,
            ])
            let id = db.lastInsertedRowID
            try insertRevision.execute(arguments: [id, run, title, text, "first", at])
            let first = db.lastInsertedRowID
            try insertDelta.execute(arguments: [
                run, id, source, senate ? "published" : "new", at, first, nil,
                senate ? "{\"date\":\"\(String(Timestampish.day(at)))\"}" : nil,
            ])
            if n % 20 == 3 {
                let later = at.addingTimeInterval(86_400)
                try insertRevision.execute(arguments: [
                    id, min(run + 1, Int64(days)), title, text + " Mise à jour.", "changed", later,
                ])
                try insertDelta.execute(arguments: [
                    min(run + 1, Int64(days)), id, source, "changed", later, db.lastInsertedRowID, first, nil,
                ])
            }
            if senate {
                try db.execute(
                    sql: """
                        INSERT INTO senateQuestion(sourceId, reference, itemId, number, state, snapshot, updatedAt)
                        VALUES ('s2000', ?, ?, ?, 'answered', '{}', ?)
                        """, arguments: ["qSEQ\(n)", id, String(n), at])
                try insertDelta.execute(arguments: [
                    run, id, source, "answered", at.addingTimeInterval(3_600), first, nil,
                    "{\"date\":\"\(Timestampish.day(at))\",\"ministry\":\"Ministère de l'Europe et des affaires étrangères\",\"jo_page\":\(n % 5_000)}",
                ])
            }
            for (entity, kind, evidence) in links {
                try insertLink.execute(arguments: [id, entity, kind, at, evidence])
                if n < 5 || n % 500 == 7 { snapshots.append(id) }
            }
        }
    }
}

/// `YYYY-MM-DD` of a date (UTC).
enum Timestampish {
    static func day(_ d: Date) -> String {
        var t = time_t(d.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
