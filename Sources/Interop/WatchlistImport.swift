import Foundation
import VeilleCore

/// `veille watchlist import`: bundles and domain lists → `watchlist.d/<name>.yaml`, checked before writing.
///
/// Each input gives one file of its own; the hand-written watchlist is never rewritten. The whole result —
/// the hand-written file, the other `watchlist.d` files and the new ones, merged as the loader merges them —
/// must load before anything is written.
public struct WatchlistImport {
    /// One file to write.
    public struct Output: Sendable, Equatable {
        /// Where it goes (`Feeds/watchlist.d/big-2024.yaml`).
        public var path: String
        /// Its text.
        public var text: String
        /// The entries, as imported.
        public var entries: ImportedEntries
        /// Whether the file already holds exactly this text.
        public var unchanged: Bool
    }

    /// The outcome of a plan: files to write, inputs that could not be used, and what the merge gains.
    public struct Plan: Sendable {
        public var outputs: [Output] = []
        /// Inputs skipped as a whole (not JSON, not a bundle, unreadable), each with its reason.
        public var failures: [String] = []
        /// The merged watchlist before and after.
        public var before = Watchlist(actors: [], campaigns: [])
        public var after = Watchlist(actors: [], campaigns: [])
    }

    /// The hand-written watchlist (`Feeds/watchlist.yaml`); `watchlist.d` is beside it.
    public var watchlistPath: String

    public init(watchlistPath: String) { self.watchlistPath = watchlistPath }

    /// Reads the inputs and checks the result; writes nothing.
    ///
    /// - Parameters:
    ///   - inputs: bundle (`.json`) and domain list (`.csv`) paths.
    ///   - campaign: the campaign id a domain list's domains go to (required for a CSV).
    /// - Returns: the plan.
    /// - Throws: ``InteropError/usage(_:)`` for a CSV without a known `--campaign`,
    ///   ``InteropError/invalidResult(file:reason:)`` when the merged result would not load, ``ConfigError``
    ///   when the existing watchlist does not load.
    public func plan(inputs: [String], campaign: String?) throws -> Plan {
        var plan = Plan()
        let dir = Watchlist.importDirectory(beside: watchlistPath)
        let targets = Set(inputs.map { dir + "/" + ImportedEntries.baseName(of: $0) + ".yaml" })
        let main = try Self.loadMain(watchlistPath)
        var others: [(String, Watchlist)] = []
        for f in Watchlist.importedFiles(beside: watchlistPath) where !targets.contains(f) {
            others.append((f, try Watchlist.decode(ConfigNode.load(path: f), file: f, checkReferences: false)))
        }
        let existing = try Self.merge(main, others, file: watchlistPath)
        plan.before = try Self.merge(
            main,
            Watchlist.importedFiles(beside: watchlistPath).map {
                ($0, try Watchlist.decode(ConfigNode.load(path: $0), file: $0, checkReferences: false))
            }, file: watchlistPath)
        var known = existing
        for input in inputs.filter({ !$0.lowercased().hasSuffix(".csv") })
            + inputs.filter({ $0.lowercased().hasSuffix(".csv") })
        {
            do {
                let entries = try read(input, campaign: campaign, existing: known)
                if let merged = try? known.merging(entries.watchlist, file: input) { known = merged }
                let path = dir + "/" + entries.name + ".yaml"
                let text = WatchlistFileWriter.render(entries)
                let old = try? String(contentsOfFile: path, encoding: .utf8)
                plan.outputs.append(Output(path: path, text: text, entries: entries, unchanged: old == text))
            } catch let e as InteropError {
                if case .usage = e { throw e }
                plan.failures.append(e.description)
            }
        }
        var files = others
        for o in plan.outputs {
            do {
                files.append(
                    (
                        o.path,
                        try Watchlist.decode(
                            ConfigNode.parse(o.text, file: o.path), file: o.path, checkReferences: false)
                    ))
            } catch {
                throw InteropError.invalidResult(file: o.path, reason: "\(error)")
            }
        }
        do { plan.after = try Self.merge(main, files, file: watchlistPath) } catch {
            throw InteropError.invalidResult(file: plan.outputs.first?.path ?? dir, reason: "\(error)")
        }
        return plan
    }

    /// Writes the plan's changed files (each through a temporary file and a rename).
    ///
    /// - Returns: the paths written.
    public func write(_ plan: Plan) throws -> [String] {
        let dir = Watchlist.importDirectory(beside: watchlistPath)
        if plan.outputs.contains(where: { !$0.unchanged }) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        var written: [String] = []
        for o in plan.outputs where !o.unchanged {
            let tmp = dir + "/.\(o.entries.name).yaml.tmp"
            do {
                try Data(o.text.utf8).write(to: URL(fileURLWithPath: tmp))
                if FileManager.default.fileExists(atPath: o.path) { try FileManager.default.removeItem(atPath: o.path) }
                try FileManager.default.moveItem(atPath: tmp, toPath: o.path)
            } catch {
                throw InteropError.unreadable(file: o.path, reason: "cannot write: \(error)")
            }
            written.append(o.path)
        }
        return written
    }

    /// The entries of one input: a CSV domain list, else a STIX bundle.
    func read(_ input: String, campaign: String?, existing: Watchlist) throws -> ImportedEntries {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw InteropError.unreadable(file: input, reason: "no such file or not readable")
        }
        let file = input.split(separator: "/").last.map(String.init) ?? input
        if input.lowercased().hasSuffix(".csv") {
            guard let campaign else {
                throw InteropError.usage(
                    "\(input): a domain list needs --campaign ID (the campaign its domains belong to)")
            }
            guard let target = existing.campaigns.first(where: { $0.id == campaign }) else {
                throw InteropError.usage(
                    "--campaign \(campaign): no such campaign in the watchlist (known: \(existing.campaigns.map(\.id).joined(separator: ", ")))"
                )
            }
            let (domains, warnings) = try DomainListReader.read(data, file: file)
            var e = WatchEntity(id: target.id, name: target.name, domains: domains, stixID: target.stixID)
            e.source = WatchSource(report: file)
            return ImportedEntries(
                name: ImportedEntries.baseName(of: input), input: input, format: "domain list", actors: [],
                campaigns: domains.isEmpty ? [] : [e], warnings: warnings)
        }
        let bundle = try STIXBundleDocument(data: data, file: file)
        return STIXImportAdapter(existing: existing).adapt(bundle, input: input)
    }

    static func loadMain(_ path: String) throws -> Watchlist {
        guard FileManager.default.fileExists(atPath: path) else { return Watchlist(actors: [], campaigns: []) }
        return try Watchlist.decode(ConfigNode.load(path: path), file: path)
    }

    /// Merges like the loader: the main file, then the others in name order, references checked at the end.
    static func merge(_ main: Watchlist, _ files: [(String, Watchlist)], file: String) throws -> Watchlist {
        var out = main
        for (f, w) in files.sorted(by: { $0.0 < $1.0 }) { out = try out.merging(w, file: f) }
        try out.checkReferences(file: file)
        return out
    }
}
