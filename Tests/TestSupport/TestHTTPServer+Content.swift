import Foundation

extension TestHTTPServer {
    /// Writes a served file (folders created as needed).
    ///
    /// - Parameters:
    ///   - path: relative to ``root`` (`feed.xml`, `news.example/feed.xml` for one host only).
    ///   - text: the content, UTF-8.
    ///   - modified: the file's mtime, which becomes `Last-Modified` (default: now).
    public func write(_ path: String, _ text: String, modified: Date? = nil) throws {
        try write(path, bytes: Array(text.utf8), modified: modified)
    }

    /// Writes a served file from raw bytes; see ``write(_:_:modified:)``.
    public func write(_ path: String, bytes: [UInt8], modified: Date? = nil) throws {
        let url = fileURL(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        }
    }

    /// Copies a file (a fixture) to a served path.
    public func copy(_ source: URL, to path: String, modified: Date? = nil) throws {
        try write(path, bytes: Array(Data(contentsOf: source)), modified: modified)
    }

    /// Removes a served file (it then answers 404).
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: fileURL(path))
    }

    private func fileURL(_ path: String) -> URL {
        root.appendingPathComponent(path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// Sets (or, with nil, removes) the route for a path; see ``TestRoute`` for keys.
    public func route(_ key: String, _ route: TestRoute?) throws {
        try updateConfig { routes, _, _ in routes[key] = route }
    }

    /// Adds `seconds` of latency before every answer (benchmarks of per-host politeness).
    public func setLatency(_ seconds: Double) throws {
        try updateConfig { _, latency, _ in latency = seconds }
    }

    /// Turns off (or back on) ETag, Last-Modified or compression for every file: keys `etag`,
    /// `lastModified`, `compress`.
    public func setDefault(_ key: String, _ value: Bool) throws {
        try updateConfig { _, _, defaults in defaults[key] = value }
    }

    /// Every request received so far, in arrival order.
    public func requests() -> [LoggedRequest] {
        guard let data = try? Data(contentsOf: state.appendingPathComponent("requests.jsonl")) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? decoder.decode(LoggedRequest.self, from: $0)
        }
    }

    /// How many requests for `path` (without query) have arrived, answered or not: a request still waiting
    /// out a delay counts here before it shows in ``requests()``.
    public func arrivals(path: String) -> Int {
        guard let data = try? Data(contentsOf: state.appendingPathComponent("arrived.jsonl")) else { return 0 }
        struct Line: Decodable { let path: String }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).filter {
            (try? decoder.decode(Line.self, from: $0)).map { $0.path.split(separator: "?").first == Substring(path) }
                ?? false
        }.count
    }

    /// The requests for one path (query included when `path` has one), in arrival order.
    public func requests(path: String) -> [LoggedRequest] {
        requests().filter {
            $0.path == path || (!path.contains("?") && $0.path.split(separator: "?").first.map(String.init) == path)
        }
    }

    /// When each request's answer was fully handed to the socket (server clock), by ``LoggedRequest/id``:
    /// the end of the request as the host sees it.
    public func finishTimes() -> [Int: Double] {
        guard let data = try? Data(contentsOf: state.appendingPathComponent("finished.jsonl")) else { return [:] }
        struct Line: Decodable {
            let id: Int
            let finished: Double
        }
        let decoder = JSONDecoder()
        var out: [Int: Double] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let entry = try? decoder.decode(Line.self, from: line) { out[entry.id] = entry.finished }
        }
        return out
    }

    /// The most requests the server had in flight at once.
    public var peakConcurrency: Int { requests().map(\.concurrent).max() ?? 0 }
}
