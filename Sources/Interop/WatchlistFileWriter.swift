import VeilleCore

/// Writes the entries of one import as a `watchlist.d` YAML file people can read.
///
/// Deterministic (same entries, same bytes, so a second import changes nothing): a header naming the input
/// and the report, the actors, then the campaigns, each campaign under a comment that names its actors and
/// counts its domains; every string double-quoted (JSON escapes are valid YAML), provenance as keys.
public enum WatchlistFileWriter {
    /// The YAML text.
    ///
    /// - Parameter entries: what the import produced.
    /// - Returns: the file's text, ending with a newline.
    public static func render(_ entries: ImportedEntries) -> String {
        let inputName = entries.input.split(separator: "/").last.map(String.init) ?? entries.input
        var out = "# Imported by `veille watchlist import` from \(inputName) (\(entries.format)).\n"
        out += "# Re-import to update; do not edit: entries of ../watchlist.yaml with the same id or stix_id win\n"
        out += "# for what they set, and their aliases are kept.\n"
        if let s = (entries.campaigns + entries.actors).compactMap(\.source).first {
            out += "# Report: \(oneLine(s.report))" + (s.published.map { " (\($0))" } ?? "") + "\n"
        }
        out += "\n"
        let names = Dictionary(
            (entries.actors + entries.campaigns).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if !entries.actors.isEmpty {
            out += "actors:\n"
            for a in entries.actors { out += entity(a) }
        }
        if !entries.campaigns.isEmpty {
            out += "campaigns:\n"
            for c in entries.campaigns {
                let by = c.actors.map { names[$0] ?? $0 }.map(oneLine).joined(separator: ", ")
                out += "  # --- \(oneLine(c.name))" + (by.isEmpty ? "" : ", attributed to \(by)")
                out += c.domains.isEmpty ? " ---\n" : ", \(c.domains.count) domain(s) ---\n"
                out += entity(c)
            }
        }
        if entries.actors.isEmpty && entries.campaigns.isEmpty { out += "actors: []\ncampaigns: []\n" }
        return out
    }

    static func entity(_ e: WatchEntity) -> String {
        var out = "  - id: \(e.id)\n    name: \(q(e.name))\n"
        if let k = e.kind { out += "    kind: \(k.rawValue)\n" }
        if !e.aliases.isEmpty { out += "    aliases: [\(e.aliases.map(q).joined(separator: ", "))]\n" }
        if !e.caseSensitive.isEmpty {
            out += "    case_sensitive: [\(e.caseSensitive.map(q).joined(separator: ", "))]\n"
        }
        if !e.actors.isEmpty { out += "    actors: [\(e.actors.joined(separator: ", "))]\n" }
        if let s = e.stixID { out += "    stix_id: \(s)\n" }
        if let s = e.source {
            var keys = ["report: \(q(s.report))"]
            if let p = s.published { keys.append("published: \(q(p))") }
            if let u = s.url { keys.append("url: \(q(u))") }
            out += "    source: {\(keys.joined(separator: ", "))}\n"
        }
        if !e.domains.isEmpty {
            out += "    domains:\n"
            for d in e.domains { out += "      - \(q(d))\n" }
        }
        return out
    }

    /// A double-quoted YAML scalar (JSON string syntax, which YAML's double-quoted style accepts).
    static func q(_ s: String) -> String { JSONValue.quoted(s) }

    /// Text for a comment: one line, no control characters.
    static func oneLine(_ s: String) -> String {
        String(
            s.unicodeScalars.map {
                $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0)
            })
    }
}
