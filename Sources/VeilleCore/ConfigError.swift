/// A configuration file that cannot be used: names the file, the entry and the key (exit code 2).
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file, as given (`Feeds/sources.yaml`).
    public var file: String
    /// The entry (`sources[3] (lemonde-international)`), nil for a file-level problem.
    public var entry: String?
    /// The key, nil when the problem is the entry as a whole.
    public var key: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong, in words a user can act on.
    public var problem: String

    public init(file: String, entry: String? = nil, key: String? = nil, line: Int? = nil, problem: String) {
        self.file = file
        self.entry = entry
        self.key = key
        self.line = line
        self.problem = problem
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if let entry { where_ += ": \(entry)" }
        if let key { where_ += ": key '\(key)'" }
        return "\(where_): \(problem)"
    }
}
