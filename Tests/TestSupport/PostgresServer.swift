import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real PostgreSQL server for tests and benchmarks: a cluster made with `initdb` under the
/// package's `.build/postgres-test/`, started with `pg_ctl` on a free loopback port, one throw-away
/// database per suite (``createDatabase(_:)``), stopped and removed when the process ends.
///
/// PostgreSQL refuses to run as root: when the tests run as root, the cluster belongs to the `postgres`
/// user (Debian's package creates it) and `initdb`/`pg_ctl` run through `runuser -u postgres`. The
/// superuser is `veille` with a password (``password``); host connections need it (SCRAM), so a wrong
/// password is refused as on a real server. Nothing is mocked, and nothing is skipped: when the server
/// cannot start, ``shared()`` throws ``PostgresServerError`` with the reason and the log's tail, and the
/// test that asked fails with it.
///
/// ```swift
/// let server = try await PostgresServer.shared()
/// let database = try server.createDatabase("claims")   // postgres://veille:…@127.0.0.1:PORT/claims_…
/// defer { database.drop() }
/// ```
///
/// The cluster ends with the process, even one killed with SIGKILL: a watchdog shell waits on a pipe
/// only this process holds, and on end-of-file stops the server (`pg_ctl stop -m immediate`) and
/// removes the folder.
public final class PostgresServer: @unchecked Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    /// The listening address.
    public let host = "127.0.0.1"
    /// The superuser the cluster was made with.
    public let user = "veille"
    /// The superuser's password.
    public let password: String
    /// The cluster's folder (data directory under it, plus the server log).
    public let directory: URL
    /// The folder of PostgreSQL's programs (`/usr/lib/postgresql/15/bin`).
    public let binaries: URL
    private let watchdog: Process
    private let keepAlive: Pipe
    private let lock = NSLock()
    private var stopped = false

    private init(
        port: Int, password: String, directory: URL, binaries: URL, watchdog: Process, keepAlive: Pipe
    ) {
        self.port = port
        self.password = password
        self.directory = directory
        self.binaries = binaries
        self.watchdog = watchdog
        self.keepAlive = keepAlive
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var sharedServer: PostgresServer?

    /// The process's one test cluster, started on first use (a few seconds), shared by every suite.
    /// - Throws: ``PostgresServerError`` naming why it could not start.
    public static func shared() throws -> PostgresServer {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let server = sharedServer { return server }
        let server = try start()
        sharedServer = server
        return server
    }

    /// Starts a new cluster (``shared()`` is what tests want; benchmarks may want their own, durable).
    ///
    /// - Parameter durable: keeps `fsync` and synchronous commits on (off by default: a test cluster
    ///   is thrown away, and durability only slows the tests).
    public static func start(durable: Bool = false) throws -> PostgresServer {
        let fm = FileManager.default
        let binaries = try findBinaries()
        let root = packageRoot.appendingPathComponent(".build/postgres-test")
        let directory = root.appendingPathComponent("\(getpid())-\(UUID().uuidString.prefix(8))")
        let data = directory.appendingPathComponent("data")
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let password = "pw-" + UUID().uuidString.prefix(12).lowercased()
        let passwordFile = directory.appendingPathComponent("password")
        try Data((password + "\n").utf8).write(to: passwordFile)
        let asRoot = geteuid() == 0
        if asRoot {
            try run("/bin/chown", ["-R", "postgres:postgres", directory.path], log: directory)
        }
        let initdb = [
            binaries.appendingPathComponent("initdb").path, "-D", data.path, "-U", "veille",
            "--pwfile=\(passwordFile.path)", "--auth-local=trust", "--auth-host=scram-sha-256",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ]
        try run(asPostgres(initdb, asRoot), log: directory, what: "initdb")
        let keepAlive = Pipe()
        let watchdog = try startWatchdog(
            directory: directory, binaries: binaries, asRoot: asRoot, keepAlive: keepAlive)
        var lastError: Error?
        for _ in 0..<5 {
            let port = try freePort()
            var options = [
                "-p \(port)", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''",
                "-c max_connections=300", "-c shared_buffers=64MB",
            ]
            if !durable { options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"] }
            let start = [
                binaries.appendingPathComponent("pg_ctl").path, "-D", data.path,
                "-l", directory.appendingPathComponent("server.log").path, "-w", "-t", "60",
                "-o", options.joined(separator: " "), "start",
            ]
            do {
                try run(asPostgres(start, asRoot), log: directory, what: "pg_ctl start")
                return PostgresServer(
                    port: port, password: password, directory: directory, binaries: binaries,
                    watchdog: watchdog, keepAlive: keepAlive)
            } catch {
                lastError = error
            }
        }
        try? keepAlive.fileHandleForWriting.close()
        throw lastError ?? PostgresServerError.start("pg_ctl start failed")
    }

    /// Stops the server now (`pg_ctl stop -m fast`) and removes its folder. Safe to call twice; without
    /// it the watchdog does the same when the process ends.
    public func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        lock.unlock()
        guard !already else { return }
        try? keepAlive.fileHandleForWriting.close()
        watchdog.waitUntilExit()
    }

    /// `postgres://veille:PASSWORD@127.0.0.1:PORT/database`.
    public func url(database: String) -> String {
        "postgres://\(user):\(password)@\(host):\(port)/\(database)"
    }

    /// Creates a new, empty database named `prefix` plus a random suffix, for one suite.
    public func createDatabase(_ prefix: String = "test") throws -> PostgresTestDatabase {
        let clean = prefix.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let name = String(clean.prefix(40)) + "_" + UUID().uuidString.prefix(8).lowercased()
        _ = try psql("CREATE DATABASE \(name)", database: "postgres")
        return PostgresTestDatabase(server: self, name: name)
    }

    /// Runs SQL with `psql` (unaligned, tuples only) and returns what it printed: for checks from
    /// outside the code under test.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        let arguments = [
            binaries.appendingPathComponent("psql").path, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", host, "-p", String(port), "-U", user, "-d", database, "-c", sql,
        ]
        return try Self.run(arguments, log: directory, what: "psql", environment: ["PGPASSWORD": password])
    }

    /// The server log's last lines, for failure messages.
    public func logTail(_ lines: Int = 20) -> String {
        Self.logTail(directory, lines)
    }
}

/// One suite's database on the test cluster.
public struct PostgresTestDatabase: Sendable {
    /// The cluster it lives on.
    public let server: PostgresServer
    /// Its name.
    public let name: String

    /// Its connection URL (with the password).
    public var url: String { server.url(database: name) }

    /// Runs SQL in this database with `psql`; see ``PostgresServer/psql(_:database:)``.
    @discardableResult
    public func psql(_ sql: String) throws -> String { try server.psql(sql, database: name) }

    /// Drops the database (its connections closed first). Errors are ignored: the cluster goes anyway.
    public func drop() {
        _ = try? server.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", database: "postgres")
    }
}

/// Why the PostgreSQL test server could not be used.
public enum PostgresServerError: Error, CustomStringConvertible {
    /// PostgreSQL's programs are not installed.
    case notInstalled(String)
    /// A program failed; the message has its output and the server log's tail.
    case start(String)

    public var description: String {
        switch self {
        case .notInstalled(let message):
            return "PostgreSQL test server: \(message) (install Debian's postgresql: `make deps`)"
        case .start(let message): return "PostgreSQL test server could not start: \(message)"
        }
    }
}

extension PostgresServer {
    /// The package's folder: this file is `Tests/TestSupport/PostgresServer.swift`.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Debian's `/usr/lib/postgresql/<newest>/bin`, else the folder of `initdb` on the `PATH`.
    static func findBinaries() throws -> URL {
        let fm = FileManager.default
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.compactMap(Int.init).sorted(by: >) {
            let bin = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
            if fm.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let bin = URL(fileURLWithPath: String(folder))
            if fm.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path)
                && fm.isExecutableFile(atPath: bin.appendingPathComponent("pg_ctl").path)
            {
                return bin
            }
        }
        throw PostgresServerError.notInstalled("initdb not found in /usr/lib/postgresql/*/bin nor on the PATH")
    }

    /// The command run as the `postgres` user when this process is root.
    static func asPostgres(_ command: [String], _ asRoot: Bool) -> [String] {
        asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command
    }

    /// A loopback port nobody listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerError.start("socket(): errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0 else { return -1 }
                return getsockname(fd, raw, &length)
            }
        }
        guard bound == 0 else { throw PostgresServerError.start("no free loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A shell that waits for end-of-file on `keepAlive` (this process's death or ``stop()``), then
    /// stops the server and removes its folder.
    static func startWatchdog(directory: URL, binaries: URL, asRoot: Bool, keepAlive: Pipe) throws -> Process {
        let data = directory.appendingPathComponent("data").path
        let stop = asPostgres(
            [binaries.appendingPathComponent("pg_ctl").path, "-D", data, "-m", "fast", "stop"], asRoot)
        let quoted = stop.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "cat >/dev/null; \(quoted) >/dev/null 2>&1; rm -rf '\(directory.path)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = keepAlive
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw PostgresServerError.start("watchdog: \(error)") }
        return process
    }

    /// Runs a program to its end; its output (stdout and stderr, through a file) is returned, or thrown
    /// with the server log's tail on failure.
    ///
    /// Spawned with `posix_spawn` and every descriptor above 2 closed, not with Foundation's `Process`:
    /// `pg_ctl start` leaves the server running as a daemon, which would inherit (and keep open) the
    /// descriptors Foundation watches to see its children end, so waiting on it, or on any process
    /// started before it, would never return.
    @discardableResult
    static func run(
        _ arguments: [String], log directory: URL, what: String? = nil, environment: [String: String] = [:]
    ) throws -> String {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "veille-pg-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let status = try spawnAndWait(
            arguments, output: outputURL.path,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw PostgresServerError.start(
                "\(what ?? arguments[0]) exited with \(status): \(text)\nserver log:\n" + logTail(directory, 20))
        }
        return text
    }

    /// `posix_spawn` with stdin from /dev/null, stdout and stderr to `output`, nothing else inherited;
    /// waits for the exit status.
    static func spawnAndWait(_ arguments: [String], output: String, environment: [String: String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Every other open descriptor closed in the child (glibc ignores one closed meanwhile).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw PostgresServerError.start("\(arguments[0]): posix_spawn failed with errno \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    static func run(_ program: String, _ arguments: [String], log directory: URL) throws {
        try run([program] + arguments, log: directory)
    }

    static func logTail(_ directory: URL, _ lines: Int) -> String {
        let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
