import Foundation
import GRDB
import Storage
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A seeded archive on a real SQLite file, written through Storage's own API (and plain SQL for the Sénat
/// rows a crawl would write), with hostile text everywhere an outlet controls it.
struct SeededArchive {
    var dir: URL
    var db: String
    var config: String
    var hostileItem: Int64
    var wireA: Int64
    var wireB: Int64
    var senateItem: Int64
    var escapeItem: Int64

    static let hostileTitle =
        "<script>alert('title')</script> Bakou et le \"Baku Initiative Group\"\r\nSet-Cookie: pwned=1"
    static let hostileText =
        "Selon <b>nos</b> sources, le Baku Initiative Group <img src=x onerror=alert(1)> relaie javascript:alert(2) "
        + "et accuse la France de « néocolonialisme » en Nouvelle-Calédonie."
    /// The snapshot: a page whose script would mark the parent page and the frame if it ran.
    static let snapshotHTML =
        "<!DOCTYPE html><html><head><title>BIG</title></head><body><p id=\"p\">Baku Initiative Group</p>"
        + "<script>document.getElementById('p').textContent='SCRIPT RAN';try{parent.document.title='pwned'}catch(e){}</script>"
        + "</body></html>"
    static let wireText =
        "Le groupe d'initiative de Bakou a organisé une conférence sur la décolonisation des territoires "
        + "français d'outre-mer, réunissant des militants indépendantistes venus de Nouvelle-Calédonie, de "
        + "Polynésie, de Guadeloupe et de Martinique, selon un communiqué publié par les organisateurs mardi soir."

    static func create() throws -> SeededArchive {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("Feeds")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
        actors:
          - id: azerbaijan
            name: Azerbaïdjan
            kind: state
            aliases: [Azerbaïdjan, Bakou]
        campaigns:
          - id: big
            name: Baku Initiative Group
            aliases: [Baku Initiative Group]
            references: [https://example.org/report]
            actors: [azerbaijan]
        """.write(to: config.appendingPathComponent("watchlist.yaml"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("veille.sqlite").path
        let store = try Store(path: db)
        try store.syncSources([
            ("hostile", .feed, "https://hostile.example/feed"), ("wire-a", .feed, "https://a.example/feed"),
            ("wire-b", .feed, "https://b.example/feed"), ("senat", .senateQuestions, "https://www.senat.fr/q.csv"),
        ])
        let now = Date()
        let run = try store.beginRun(command: "run", at: now.addingTimeInterval(-4_000))
        func fetch(_ source: String, _ items: [IncomingItem], at: TimeInterval, articles: Bool = false) throws
            -> [Int64]
        {
            try store.applyFetch(
                source: source, run: run, fetch: FetchLog(url: "https://\(source).example/feed", httpStatus: 200),
                items: items, at: now.addingTimeInterval(at), nextDue: now, keepTextOnUpdate: articles
            ).deltas.map(\.itemID)
        }
        // Baselines first, so the seeded items are news.
        _ = try fetch("hostile", [IncomingItem(guid: "old", title: "old")], at: -3_900, articles: true)
        _ = try fetch("wire-a", [IncomingItem(guid: "old", title: "old")], at: -3_900)
        _ = try fetch("wire-b", [IncomingItem(guid: "old", title: "old")], at: -3_900)
        _ = try fetch("senat", [IncomingItem(guid: "old", title: "old")], at: -3_900)
        let hostile = try fetch(
            "hostile",
            [
                IncomingItem(
                    guid: "h1", url: "https://hostile.example/a", canonicalURL: "javascript:alert(4)",
                    title: hostileTitle, text: hostileText, published: now.addingTimeInterval(-7_200))
            ], at: -3_600, articles: true)[0]
        func article(_ text: String, raw: String) -> ArticleResult {
            ArticleResult(
                raw: Array(raw.utf8), status: 200, etag: "\"v1\"", lastModified: "Sun, 06 Dec 2026 10:00:00 GMT",
                text: text, title: nil, canonicalURL: nil, byline: nil, language: "fr", published: nil,
                extractorVersion: 1)
        }
        try store.storeFirstArticle(
            item: hostile, url: "https://hostile.example/a", result: article(hostileText, raw: snapshotHTML),
            at: now.addingTimeInterval(-3_000))
        let edited = hostileText.replacingOccurrences(of: "accuse la France", with: "dénonce Paris")
        try store.recordArticleRecheck(
            item: hostile, source: "hostile", run: run, url: "https://hostile.example/a",
            result: article(edited, raw: snapshotHTML + "<!-- v2 -->"), at: now.addingTimeInterval(-2_000))
        try store.recordArticleRemoved(
            item: hostile, source: "hostile", run: run, status: 410, at: now.addingTimeInterval(-1_000))
        let wireA = try fetch(
            "wire-a",
            [IncomingItem(guid: "w", url: "https://a.example/w", title: "Conférence à Bakou", text: wireText)],
            at: -1_800)[0]
        let wireB = try fetch(
            "wire-b",
            [IncomingItem(guid: "w", url: "https://b.example/w", title: "Bakou : une conférence", text: wireText)],
            at: -1_700)[0]
        let escape = try fetch(
            "wire-a",
            [IncomingItem(guid: "e", title: "\u{1B}[31mRED\u{1B}[0m Bakou", text: "Bakou\u{1B}]0;owned\u{07}")],
            at: -1_600)[0]
        let senate = try fetch(
            "senat",
            [
                IncomingItem(
                    guid: "qSEQ240109012", url: "https://www.senat.fr/questions/base/2024/qSEQ240109012.html",
                    title: "Ingérences de l'Azerbaïdjan en Nouvelle-Calédonie",
                    text: "M. X attire l'attention du ministre sur Bakou.")
            ], at: -1_500)[0]
        // Links with evidence as the matcher writes it (UTF-8 byte offsets in the field).
        func evidence(_ text: String, _ found: String, field: String, alias: String) -> String {
            let start =
                text.utf8.count - (text.range(of: found).map { String(text[$0.lowerBound...]) } ?? "").utf8.count
            return """
                [{"alias":"\(alias)","found":"\(found)","field":"\(field)","start":\(start),"end":\(start + found.utf8.count),"snippet":"… \(found) …","rule":"alias"}]
                """
        }
        try store.replaceLinks(
            [
                hostile: [
                    ItemLink(
                        entityID: "big", entityKind: "campaign",
                        evidence: evidence(
                            edited, "Baku Initiative Group", field: "text", alias: "Baku Initiative Group")),
                    ItemLink(
                        entityID: "azerbaijan", entityKind: "actor",
                        evidence: evidence(hostileTitle, "Bakou", field: "title", alias: "Bakou")),
                ],
                wireA: [
                    ItemLink(
                        entityID: "azerbaijan", entityKind: "actor",
                        evidence: evidence(wireText, "Bakou", field: "text", alias: "Bakou"))
                ],
                wireB: [
                    ItemLink(
                        entityID: "azerbaijan", entityKind: "actor",
                        evidence: evidence(wireText, "Bakou", field: "text", alias: "Bakou"))
                ],
                senate: [
                    ItemLink(
                        entityID: "azerbaijan", entityKind: "actor",
                        evidence: evidence(
                            "M. X attire l'attention du ministre sur Bakou.", "Bakou", field: "text", alias: "Bakou"))
                ],
            ], watchlistHash: "seed", at: now.addingTimeInterval(-1_400))
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO senateQuestion(sourceId, reference, itemId, number, state, snapshot, updatedAt)
                    VALUES ('senat', 'qSEQ240109012', ?, '09012', 'answered', '{}', ?);
                    INSERT INTO delta(runId, itemId, sourceId, kind, baseline, at, detail)
                    VALUES (?, ?, 'senat', 'published', 0, ?, '{"date":"2024-01-11"}'),
                           (?, ?, 'senat', 'answered', 0, ?, '{"date":"2024-02-22","ministry":"Ministère de l''Europe et des affaires étrangères","jo_page":1234}');
                    """, arguments: [senate, now, run, senate, now, run, senate, now])
        }
        try store.finishRun(run, status: .completed, summary: "{\"items\": 5}", at: now.addingTimeInterval(-1_300))
        return SeededArchive(
            dir: dir, db: db, config: config.path, hostileItem: hostile, wireA: wireA, wireB: wireB,
            senateItem: senate, escapeItem: escape)
    }
}

/// `veille serve` started as a user starts it, on 127.0.0.1 and a port the OS picks.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let port: Int

    /// The built `veille` beside the test bundle.
    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("veille").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/veille").path
    }

    struct StartFailure: Error, CustomStringConvertible {
        var code: Int32
        var stderr: String
        var description: String { "serve exited \(code): \(stderr)" }
    }

    /// Starts `veille serve --db DB --config CONFIG --listen 127.0.0.1:0 ARGS` and waits for its
    /// "listening on" line; throws ``StartFailure`` (with the exit code and stderr) when it exits instead.
    init(_ archive: SeededArchive, listen: String = "127.0.0.1:0", _ args: [String] = []) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["serve", "--db", archive.db, "--config", archive.config, "--listen", listen] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let killer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: killer)
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        killer.cancel()
        let text = String(decoding: line, as: UTF8.self)
        let address = text.range(of: "http://").map { text[$0.upperBound...].prefix { $0 != "/" } } ?? ""
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            p.waitUntilExit()
            throw StartFailure(
                code: p.terminationStatus,
                stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        process = p
        self.port = port
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// `GET path` over a plain socket to 127.0.0.1 (so tests control every header, Host included).
    func get(_ path: String, headers: [String: String] = [:], host: String? = nil) throws -> HTTPReply {
        try HTTPReply.get(port: port, path: path, headers: headers, host: host)
    }
}

/// One HTTP/1.1 answer read off a socket.
struct HTTPReply {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Every value of a header (case-insensitive name).
    func values(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
    }

    struct Failure: Error { var message: String }

    static func get(port: Int, path: String, headers: [String: String], host: String?) throws -> HTTPReply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(message: "connect to 127.0.0.1:\(port)") }
        var request = "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (k, v) in headers { request += "\(k): \(v)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw Failure(message: "write") }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        guard
            let split = (0..<max(0, data.count - 3)).first(where: { data[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) })
        else {
            throw Failure(message: "no header end in \(data.count) bytes")
        }
        let head = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        let fields = head.dropFirst().compactMap { line -> (String, String)? in
            guard let c = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<c]), line[line.index(after: c)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(data[(split + 4)...])
        if fields.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") })
        {
            body = dechunk(body)
        }
        return HTTPReply(status: status, headers: fields, body: body)
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            guard let eol = (i..<b.count - 1).first(where: { b[$0] == 13 && b[$0 + 1] == 10 }) else { break }
            let size = Int(String(decoding: b[i..<eol], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            if size == 0 { break }
            out += b[(eol + 2)..<min(b.count, eol + 2 + size)]
            i = eol + 2 + size + 2
        }
        return out
    }
}
