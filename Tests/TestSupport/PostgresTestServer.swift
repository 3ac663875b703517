import Foundation

/// A real PostgreSQL server for the tests: Debian's `postgresql` (installed by `make deps`), one cluster
/// per test process under `.build/pg-test/`, started with `pg_ctl` on a free loopback port and stopped
/// when the process exits. Password authentication (SCRAM) over TCP, one superuser `veille`.
///
/// Nothing is skipped: when the server cannot start, ``shared()`` throws with the reason and the tests
/// that need it fail.
public final class PostgresTestServer: @unchecked Sendable {
    public let port: Int
    public let user = "veille"
    public let password: String
    let dir: String
    let bin: String

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<PostgresTestServer, Error>?

    /// The process's server, started on first use.
    public static func shared() throws -> PostgresTestServer {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try start() }
        started = result
        if case .success = result { atexit { PostgresTestServer.stopShared() } }
        return try result.get()
    }

    private init(port: Int, password: String, dir: String, bin: String) {
        self.port = port
        self.password = password
        self.dir = dir
        self.bin = bin
    }

    /// A new, empty database for one suite or test: its `postgres://` URL (password included).
    public func makeDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try run(bin + "/createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, name], asPostgres: false)
        return url(database: name)
    }

    /// The URL of `database` (with the password, or with `password` instead).
    public func url(database: String, password: String? = nil) -> String {
        "postgres://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)"
    }

    /// Runs `psql -c sql` on `database`, returning its output (unaligned, tuples only).
    public func psql(_ database: String, _ sql: String) throws -> String {
        try run(
            bin + "/psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c",
                sql,
            ],
            asPostgres: false)
    }

    static func start() throws -> PostgresTestServer {
        let fm = FileManager.default
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }).last else {
            throw PostgresTestError("PostgreSQL is not installed (/usr/lib/postgresql is empty): run `make deps`")
        }
        let bin = "/usr/lib/postgresql/\(version)/bin"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/pg-test").path
        let dir = root + "/cluster-\(getpid())"
        try? fm.removeItem(atPath: dir)
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let password = UUID().uuidString
        try Data(password.utf8).write(to: URL(fileURLWithPath: dir + "/pwfile"))
        if getuid() == 0 { try run("/bin/chown", ["-R", "postgres:postgres", dir], asPostgres: false) }
        _ = try run(
            bin + "/initdb",
            [
                "-D", dir + "/data", "-U", "veille", "--pwfile=" + dir + "/pwfile", "--auth=scram-sha-256", "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            asPostgres: true)
        var lastError = ""
        for _ in 0..<20 {
            let port = Int.random(in: 20000..<60000)
            do {
                _ = try run(
                    bin + "/pg_ctl",
                    [
                        "-D", dir + "/data", "-l", dir + "/log", "-w", "-t", "30", "-o",
                        "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
                    ],
                    asPostgres: true)
                return PostgresTestServer(port: port, password: password, dir: dir, bin: bin)
            } catch {
                lastError = "\(error)" + ((try? String(contentsOfFile: dir + "/log", encoding: .utf8)) ?? "")
                if !lastError.contains("ould not bind") && !lastError.contains("in use") { break }
            }
        }
        throw PostgresTestError("PostgreSQL did not start: \(lastError)")
    }

    static func stopShared() {
        guard case .success(let server) = started else { return }
        _ = try? run(
            server.bin + "/pg_ctl", ["-D", server.dir + "/data", "-m", "immediate", "-w", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(atPath: server.dir)
    }

    @discardableResult
    func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws -> String {
        try Self.run(tool, arguments, asPostgres: asPostgres, password: password)
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], asPostgres: Bool, password: String? = nil) throws
        -> String
    {
        let p = Process()
        if asPostgres && getuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            p.arguments = ["-u", "postgres", "--", tool] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["PGPASSWORD"] = password
        env["LC_ALL"] = "C.UTF-8"
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        // Output to a file, not a pipe: the server pg_ctl starts inherits the descriptors and would hold a
        // pipe open for ever.
        let outPath = NSTemporaryDirectory() + "veille-pg-\(UUID().uuidString).out"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        defer { try? out.close() }
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0 else {
            throw PostgresTestError("\(tool) \(arguments.joined(separator: " ")): exit \(p.terminationStatus): \(text)")
        }
        return text
    }
}

/// Why the test server could not be used.
public struct PostgresTestError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
