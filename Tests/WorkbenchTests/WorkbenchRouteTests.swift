import Foundation
import GRDB
import Storage
import Testing
import VeilleCore

/// `veille serve` over a seeded real SQLite file, on 127.0.0.1: every page and its JSON, the error
/// statuses, the security headers, hostile text, the read-only behaviour and the listen policy.
@Suite struct WorkbenchRouteTests {
    static let csp =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'"

    func paths(_ a: SeededArchive) -> [String] {
        [
            "/", "/campaigns/big", "/actors/azerbaijan", "/items/\(a.hostileItem)", "/items/\(a.hostileItem)?a=1&b=3",
            "/items/\(a.senateItem)", "/items/\(a.hostileItem)/snapshots/1", "/items/\(a.hostileItem)/snapshots/2/view",
            "/items/\(a.hostileItem)/snapshots/1/render", "/items/\(a.hostileItem)/snapshots/1/download",
            "/search?q=bakou", "/search", "/sources", "/runs", "/style.css",
        ]
    }

    @Test func everyPageAnswersWithTheSecurityHeaders() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        for path in paths(a) + ["/nowhere", "/items/999999", "/items/abc"] {
            let r = try serve.get(path)
            #expect(
                path.contains("nowhere") || path.contains("999") || path.contains("abc")
                    ? r.status >= 400 : r.status == 200, "\(path)")
            #expect(r.values("Content-Security-Policy").contains(Self.csp), "\(path)")
            #expect(r.values("X-Content-Type-Options") == ["nosniff"], "\(path)")
            #expect(r.values("Referrer-Policy") == ["no-referrer"], "\(path)")
        }
    }

    @Test func pagesSpeakTheLanguageOfServeLanguageFromTheDigestsCatalogue() throws {
        let a = try SeededArchive.create()
        let fr = try ServeProcess(a)
        defer { fr.stop() }
        let en = try ServeProcess(a, listen: "127.0.0.1:0", ["--language", "en"])
        defer { en.stop() }
        for path in ["/", "/search?q=bakou", "/items/\(a.hostileItem)"] {
            let french = try fr.get(path).text
            let english = try en.get(path).text
            #expect(french.contains("<html lang=\"fr\">") && french.contains(">Tableau de bord</a>"), "\(path)")
            #expect(
                french.contains("vue en lecture seule de l'archive")
                    || french.contains("vue en lecture seule de l&#39;archive"))
            #expect(english.contains("<html lang=\"en\">") && english.contains(">Dashboard</a>"), "\(path)")
            #expect(!english.contains("Tableau de bord"))
        }
        // Every label of the pages, and their dates, in the language; the JSON the same in both.
        let labels: [(String, fr: [String], en: [String])] = [
            (
                "/", ["<h2>Derniers changements</h2>", "<h2>Campagnes</h2>", "État au "],
                ["<h2>Latest deltas</h2>", "<h2>Campaigns</h2>", "As of "]
            ),
            (
                "/items/\(a.senateItem)", ["<h2>Pourquoi il est lié</h2>", "<h2>Révisions</h2>", "11 janvier 2024"],
                ["<h2>Why it is linked</h2>", "<h2>Revisions</h2>", "11 January 2024"]
            ),
            ("/search?q=bakou", ["<summary>Syntaxe des requêtes</summary>"], ["<summary>Query syntax</summary>"]),
            ("/sources", ["<th>Dernière erreur</th>"], ["<th>Last error</th>"]),
            ("/runs", ["<h1>Exécutions</h1>"], ["<h1>Runs</h1>"]),
        ]
        for (path, frenchLabels, englishLabels) in labels {
            let french = try fr.get(path).text
            let english = try en.get(path).text
            for l in frenchLabels { #expect(french.contains(l) && !english.contains(l), "\(path): \(l)") }
            for l in englishLabels { #expect(english.contains(l) && !french.contains(l), "\(path): \(l)") }
            #expect(!french.contains(">2024-01-11<") && !english.contains(">2024-01-11<"), "\(path)")
        }
        let json = ["Accept": "application/json"]
        let frenchJSON = try fr.get("/items/\(a.senateItem)", headers: json).text
        #expect(frenchJSON == (try en.get("/items/\(a.senateItem)", headers: json).text))
        #expect(frenchJSON.contains("\"date\":\"2024-01-11\"") && !frenchJSON.contains("janvier"))
        #expect(throws: ServeProcess.StartFailure.self) {
            try ServeProcess(a, listen: "127.0.0.1:0", ["--language", "de"])
        }
    }

    @Test func everyPageHasItsJSON() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        let json = ["Accept": "application/json"]
        let expected: [(String, [String])] = [
            ("/", ["campaigns", "actors", "chart", "latest_deltas", "sources_in_trouble", "runs", "generated_at"]),
            ("/campaigns/big", ["id", "name", "aliases", "attributed_to", "chart", "items", "next", "filter"]),
            ("/actors/azerbaijan", ["id", "name", "actor_kind", "campaigns", "items"]),
            (
                "/items/\(a.hostileItem)",
                [
                    "title", "title_segments", "text_segments", "evidence", "near_duplicates", "revisions", "diff",
                    "takedown", "snapshots", "deltas",
                ]
            ),
            ("/items/\(a.hostileItem)/snapshots/1", ["sha256", "length", "fetched_at", "http_status"]),
            ("/search?q=bakou", ["q", "hits", "error", "next"]),
            ("/sources", ["sources"]),
            ("/runs", ["runs", "next"]),
        ]
        for (path, keys) in expected {
            let r = try serve.get(path, headers: json)
            #expect(r.status == 200, "\(path)")
            #expect(r.values("Content-Type").first?.hasPrefix("application/json") == true, "\(path)")
            let object = try r.json()
            for k in keys where k != "next" && k != "error" && k != "diff" {
                #expect(object[k] != nil, "\(path) lacks \(k)")
            }
        }
        let item = try serve.get("/items/\(a.hostileItem)", headers: json).json()
        let evidence = item["evidence"] as? [[String: Any]] ?? []
        #expect(Set(evidence.compactMap { $0["name"] as? String }) == ["Baku Initiative Group", "Azerbaïdjan"])
        #expect((item["revisions"] as? [Any])?.count == 3)
        #expect((item["snapshots"] as? [Any])?.count == 2)
        #expect((item["takedown"] as? [String: Any])?["status"] as? String == "HTTP 410")
        let near = (item["near_duplicates"] as? [[String: Any]]) ?? []
        #expect(near.isEmpty)
        let wire = try serve.get("/items/\(a.wireA)", headers: json).json()
        #expect(((wire["near_duplicates"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int } == [Int(a.wireB)])
        let senate = try serve.get("/items/\(a.senateItem)", headers: json).json()
        let events = ((senate["senate"] as? [String: Any])?["events"] as? [[String: Any]]) ?? []
        #expect(events.compactMap { $0["kind"] as? String } == ["published", "answered"])
        #expect(events.last?["jo_page"] as? Int == 1234)
        let hits = (try serve.get("/search?q=bakou", headers: json).json()["hits"] as? [[String: Any]]) ?? []
        let ids = hits.compactMap { $0["item_id"] as? Int }
        #expect(Set(ids).count == ids.count && ids.contains(Int(a.wireA)) && ids.contains(Int(a.senateItem)))
    }

    @Test func unknownIdsAre404AndMalformedParameters400() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        let cases: [(String, Int)] = [
            ("/items/999999", 404), ("/campaigns/nope", 404), ("/actors/big", 404), ("/campaigns/azerbaijan", 404),
            ("/nowhere", 404), ("/items/\(a.hostileItem)/snapshots/9", 404), ("/items/\(a.wireA)/snapshots/1", 404),
            ("/items/abc", 400), ("/items/0", 400), ("/items/-3", 400), ("/items/99999999999999999999999", 400),
            ("/items/\(a.hostileItem)?a=9", 400), ("/items/\(a.hostileItem)?b=x", 400),
            ("/items/\(a.hostileItem)/snapshots/zero", 400), ("/campaigns/big?from=2024-13-01", 400),
            ("/campaigns/big?kind=bogus", 400), ("/campaigns/big?before=-1", 400), ("/search?q=x&entity=nobody", 400),
            ("/search?q=%22unclosed", 400), ("/search?q=AND", 400), ("/search?q=nosuchcolumn:x", 400),
            ("/runs?before=abc", 400),
        ]
        for (path, status) in cases {
            let html = try serve.get(path)
            #expect(html.status == status, "\(path)")
            #expect(html.text.contains("<html"), "\(path)")
            let json = try serve.get(path, headers: ["Accept": "application/json"])
            #expect(json.status == status, "\(path)")
            if !path.hasPrefix("/search") {
                #expect((try json.json()["error"] as? [String: Any])?["status"] as? Int == status, "\(path)")
            }
        }
        let malformed = try serve.get("/search?q=%22unclosed")
        #expect(malformed.text.contains("Cette requête ne peut pas être exécutée : unterminated string"))
    }

    @Test func hostileTextIsEscapedAndSnapshotsAreSandboxed() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        for path in [
            "/items/\(a.hostileItem)", "/", "/campaigns/big", "/search?q=bakou", "/items/\(a.hostileItem)?a=1&b=2",
        ] {
            let page = try serve.get(path).text
            #expect(!page.contains("<script"), "\(path)")
            #expect(!page.contains("<img"), "\(path)")
            #expect(!page.lowercased().contains("href=\"javascript:"), "\(path)")
            #expect(!page.contains("<b>nos"), "\(path)")
        }
        let item = try serve.get("/items/\(a.hostileItem)")
        #expect(item.text.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
        #expect(item.text.contains("<mark title=\"Baku Initiative Group\">Baku Initiative Group</mark>"))
        #expect(item.text.contains("<mark title=\"Azerbaïdjan\">Bakou</mark>"))
        #expect(item.text.contains("<del>accuse la France </del>") || item.text.contains("<del>accuse la France</del>"))
        #expect(item.text.contains("javascript:alert(4)")) // shown as text, never as a link
        #expect(!item.headers.contains { $0.0.lowercased() == "set-cookie" })
        let plain = try serve.get("/items/\(a.hostileItem)/snapshots/1")
        #expect(plain.values("Content-Type") == ["text/plain; charset=utf-8"])
        #expect(plain.text == SeededArchive.snapshotHTML)
        let render = try serve.get("/items/\(a.hostileItem)/snapshots/1/render")
        #expect(render.values("Content-Security-Policy").contains("sandbox"))
        #expect(render.values("Content-Security-Policy").contains(Self.csp))
        let view = try serve.get("/items/\(a.hostileItem)/snapshots/1/view").text
        #expect(view.contains("<iframe class=\"snapshot\" sandbox src=\"/items/\(a.hostileItem)/snapshots/1/render\""))
        let download = try serve.get("/items/\(a.hostileItem)/snapshots/1/download")
        let sha = SHA256Hex.of(Array(SeededArchive.snapshotHTML.utf8))
        #expect(
            download.values("Content-Disposition") == [
                "attachment; filename=\"item-\(a.hostileItem)-snapshot-1-sha256-\(sha).html\""
            ])
        #expect(download.text == SeededArchive.snapshotHTML)
    }

    @Test func servesWhileARunWritesAndSeesItWhenItCommits() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        // A run's transaction held open on another thread while the pages are read.
        let writer = try DatabaseQueue(path: a.db)
        let inserted = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let committed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO item(sourceId, guid, title, text, firstSeenAt, lastSeenAt) VALUES ('wire-a', 'during', 'Zanzibar pendant la run', 'zanzibar', ?, ?)
                        """, arguments: [Date(), Date()])
                inserted.signal()
                release.wait()
            }
            committed.signal()
        }
        inserted.wait()
        let during = try serve.get("/search?q=zanzibar", headers: ["Accept": "application/json"])
        #expect(during.status == 200)
        #expect((try during.json()["hits"] as? [Any])?.isEmpty == true)
        #expect(try serve.get("/").status == 200)
        release.signal()
        committed.wait()
        let after = try serve.get("/search?q=zanzibar", headers: ["Accept": "application/json"])
        #expect((try after.json()["hits"] as? [Any])?.count == 1)
    }

    @Test func aForeignHostNameIsRefused() throws {
        let a = try SeededArchive.create()
        let serve = try ServeProcess(a)
        defer { serve.stop() }
        #expect(try serve.get("/", host: "evil.example:\(serve.port)").status == 400)
        #expect(try serve.get("/", host: "localhost:\(serve.port)").status == 200)
    }

    @Test func aNonLoopbackListenNeedsAToken() throws {
        let a = try SeededArchive.create()
        do {
            _ = try ServeProcess(a, listen: "0.0.0.0:0")
            Issue.record("serve started on 0.0.0.0 without a token")
        } catch let e as ServeProcess.StartFailure {
            #expect(e.code == 2)
            #expect(e.stderr.contains("--token-file"))
        }
        let tokenFile = a.dir.appendingPathComponent("token").path
        let token = "s3cret-token-0123456789"
        try (token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let serve = try ServeProcess(a, listen: "0.0.0.0:0", ["--token-file", tokenFile])
        defer { serve.stop() }
        let none = try serve.get("/")
        #expect(none.status == 401)
        #expect(none.values("Content-Security-Policy").contains(Self.csp))
        #expect(try serve.get("/", headers: ["Authorization": "Bearer wrong-token-0123456789"]).status == 401)
        #expect(try serve.get("/", headers: ["Authorization": "Bearer " + token]).status == 200)
        let basic = Data("analyst:\(token)".utf8).base64EncodedString()
        #expect(try serve.get("/", headers: ["Authorization": "Basic " + basic]).status == 200)
    }

    @Test(arguments: ["missing", "corrupt", "old"])
    func anUnusableDatabaseExits4(_ kind: String) throws {
        var a = try SeededArchive.create()
        switch kind {
        case "missing":
            a.db = a.dir.appendingPathComponent("absent.sqlite").path
        case "corrupt":
            a.db = a.dir.appendingPathComponent("corrupt.sqlite").path
            try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: a.db))
        default:
            let queue = try DatabaseQueue(path: a.db)
            try queue.write { db in
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'indexLinksByEntityAndItem'")
            }
        }
        do {
            _ = try ServeProcess(a)
            Issue.record("serve started on a \(kind) database")
        } catch let e as ServeProcess.StartFailure {
            #expect(e.code == 4, "\(kind): \(e.stderr)")
            #expect(e.stderr.contains(a.db))
            if kind == "old" { #expect(e.stderr.contains("veille run")) }
        }
    }
}

/// SHA-256 of test bytes through the project's own implementation.
enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String { VeilleCore.SHA256.hex(bytes) }
}
