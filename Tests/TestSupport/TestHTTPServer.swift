import Foundation

/// A real HTTP/1.1 server on loopback for tests: files from a folder the test controls, plus routes
/// for redirects, fixed statuses, slow, huge and gzip-bomb answers, and a log of every request.
///
/// One instance per test (Swift Testing runs tests in parallel): ``start(bind:root:)`` launches a
/// Python standard-library server (`/usr/bin/python3`) on a port the OS chooses; ``stop()`` (or
/// dropping the last reference) ends it, and it also ends by itself when the test process dies.
///
/// Files under ``root`` are served with `ETag` (a content hash), `Last-Modified` (the file's mtime)
/// and `304 Not Modified` on a matching `If-None-Match` (or, without it, `If-Modified-Since`), gzip or
/// deflate when the request accepts them, and `404` when missing. A file under `root/<host name>/`
/// wins for requests to that host name (several "sites" on one server). The test may change files and
/// routes at any time; the server reads them on every request.
///
/// ```swift
/// let server = try await TestHTTPServer.start()
/// defer { server.stop() }
/// try server.write("feed.xml", "<rss>…</rss>")
/// try server.route("/old", .redirect(to: "/feed.xml"))
/// let url = server.url("/old")                      // http://127.0.0.1:PORT/old
/// let named = server.url("/feed.xml", host: "news.example")   // with resolveEntry("news.example")
/// #expect(server.requests(path: "/feed.xml").count == 1)
/// ```
public final class TestHTTPServer: @unchecked Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The address it listens on (`127.0.0.1` unless another loopback address was asked for).
    public let bindAddress: String
    /// The folder served; write files here (or with ``write(_:_:modified:)``).
    public let root: URL
    let state: URL
    private let process: Process
    private let keepAlive: Pipe
    private let lock = NSLock()
    private var routes: [String: TestRoute] = [:]
    private var latency: Double = 0
    private var defaults: [String: Bool] = [:]
    private var stopped = false

    private init(port: Int, bindAddress: String, root: URL, state: URL, process: Process, keepAlive: Pipe) {
        self.port = port
        self.bindAddress = bindAddress
        self.root = root
        self.state = state
        self.process = process
        self.keepAlive = keepAlive
    }

    deinit { stop() }

    /// Starts a server and waits until it listens.
    ///
    /// - Parameters:
    ///   - bind: the loopback address to listen on (`127.0.0.1`; `127.0.0.10` etc. for many-host tests).
    ///   - root: the folder to serve; by default a new temporary folder, removed by ``stop()``.
    /// - Throws: ``TestServerError`` when Python is missing or the server does not come up in 10 s.
    public static func start(bind: String = "127.0.0.1", root: URL? = nil) async throws -> TestHTTPServer {
        let fm = FileManager.default
        let state = fm.temporaryDirectory.appendingPathComponent("veille-test-server-\(UUID().uuidString)")
        let served = root ?? state.appendingPathComponent("root")
        try fm.createDirectory(at: served, withIntermediateDirectories: true)
        try fm.createDirectory(at: state, withIntermediateDirectories: true)
        let scriptURL = state.appendingPathComponent("server.py")
        try Data(script.utf8).write(to: scriptURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // -I -S: isolated from the environment (PYTHONPATH, user site), standard library only.
        process.arguments = ["-I", "-S", scriptURL.path, state.path, served.path, bind]
        let keepAlive = Pipe()
        process.standardInput = keepAlive
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: createFile(state.appendingPathComponent("stderr.log")))
        do { try process.run() } catch { throw TestServerError.launch("\(error)") }
        let portFile = state.appendingPathComponent("port")
        for _ in 0..<1000 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return TestHTTPServer(
                    port: port, bindAddress: bind, root: served, state: state,
                    process: process, keepAlive: keepAlive)
            }
            if !process.isRunning { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        process.terminate()
        let log = (try? String(contentsOf: state.appendingPathComponent("stderr.log"), encoding: .utf8)) ?? ""
        throw TestServerError.launch("the test server did not start: \(log)")
    }

    private static func createFile(_ url: URL) -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    /// Stops the server and removes its temporary folders. Safe to call twice.
    public func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        lock.unlock()
        guard !already else { return }
        try? keepAlive.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: state)
    }

    /// Applies a change to the routes, latency and defaults, and writes them where the server reads them.
    func updateConfig(_ change: (inout [String: TestRoute], inout Double, inout [String: Bool]) -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        change(&routes, &latency, &defaults)
        var object: [String: Any] = defaults
        object["latency"] = latency
        object["routes"] = routes.mapValues { $0.json }
        let data = try JSONSerialization.data(withJSONObject: object)
        try data.write(to: state.appendingPathComponent("routes.json"), options: .atomic)
    }

    /// `http://<bind address>:<port>`.
    public var baseURL: String { "http://\(bindAddress):\(port)" }

    /// A URL on this server: `path` (leading `/` optional) under ``baseURL``, or under `host` with this
    /// server's port (the host must then be mapped with ``resolveEntry(for:)``).
    public func url(_ path: String, host: String? = nil) -> String {
        let slashed = path.hasPrefix("/") ? path : "/" + path
        return "http://\(host ?? bindAddress):\(port)\(slashed)"
    }

    /// The `CURLOPT_RESOLVE` entry (`host:port:address`) that sends `host` to this server.
    public func resolveEntry(for host: String) -> String { "\(host):\(port):\(bindAddress)" }
}

/// Why the test server could not be used.
public enum TestServerError: Error, CustomStringConvertible {
    /// The server process did not start or did not listen.
    case launch(String)

    public var description: String {
        switch self {
        case .launch(let message): return "test server: \(message)"
        }
    }
}
