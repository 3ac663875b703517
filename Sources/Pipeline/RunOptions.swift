import Foundation

/// What one invocation of the pipeline should do.
public struct RunOptions: Sendable {
    /// `run` (due sources), `crawl` (named sources) or `demo`.
    public enum Command: String, Sendable { case run, crawl, demo }

    public var command: Command
    /// The config folder (`Feeds`).
    public var configDir: String
    /// The SQLite file.
    public var databasePath: String
    /// The digest folder.
    public var outDir: String
    /// Every enabled source now, due or not.
    public var all: Bool
    /// Ignore stored validators (re-process; deltas only for real differences).
    public var force: Bool
    /// Sources named on the command line (`crawl --source`).
    public var sourceIDs: [String]
    /// Failed sources turn the exit code into 1.
    public var strict: Bool
    /// CURLOPT_RESOLVE entries (`host:port:address`), for tests that map public-looking names to loopback.
    public var resolve: [String]
    /// The clock; tests inject one.
    public var now: @Sendable () -> Date
    /// How a `run` on PostgreSQL shares the night with other workers (``WorkerSettings``).
    public var worker = WorkerSettings()
    /// Called as each source finishes: its outcome, sources done, sources in the run (a live line).
    public var progress: (@Sendable (SourceOutcome, Int, Int) -> Void)?

    public init(
        command: Command = .run, configDir: String = "Feeds", databasePath: String = "veille.sqlite",
        outDir: String = "digests", all: Bool = false, force: Bool = false, sourceIDs: [String] = [],
        strict: Bool = false, resolve: [String] = [], now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.command = command
        self.configDir = configDir
        self.databasePath = databasePath
        self.outDir = outDir
        self.all = all
        self.force = force
        self.sourceIDs = sourceIDs
        self.strict = strict
        self.resolve = resolve
        self.now = now
    }

    /// `Feeds/sources.yaml`.
    public var sourcesPath: String { (configDir as NSString).appendingPathComponent("sources.yaml") }
    /// `Feeds/sites.yaml`.
    public var sitesPath: String { (configDir as NSString).appendingPathComponent("sites.yaml") }
    /// `Feeds/watchlist.yaml`.
    public var watchlistPath: String { (configDir as NSString).appendingPathComponent("watchlist.yaml") }
}
