import Foundation
import VeilleCore

/// The JSON printed by `veille match FILE` and `veille match --batch` (issue 5's contract).
///
/// `{"file","campaigns":[ids],"actors":[ids],"matches":[{"id","alias","found","field","start","end","snippet"}]}`
/// where the text is one field, `text`; group-term hits of a satisfied `all` rule carry `"rule":"all"`;
/// links in the text to a listed domain come last with `"field":"link"`; vetoed hits are not listed. Keys are always in this order, ids sorted, one line per object.
public enum MatchBatch {
    /// The object for one text, without `file` (`veille match FILE`).
    ///
    /// - Parameters:
    ///   - text: the file's content.
    ///   - compiled: the watchlist in use.
    /// - Returns: one line of JSON.
    public static func object(forText text: String, compiled: CompiledWatchlist) -> String {
        render(file: nil, matches: compiled.match(title: nil, text: text, url: nil, canonicalURL: nil))
    }

    /// The JSON Lines record for one path of `veille match --batch`: the file is read here.
    ///
    /// A file that cannot be read gives `{"file":…,"error":…}` so that one bad path does not stop a batch.
    /// Offsets are exact for valid UTF-8; invalid bytes are replaced while decoding.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - compiled: the watchlist in use.
    /// - Returns: one line of JSON.
    public static func line(forPath path: String, compiled: CompiledWatchlist) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "{\"file\":\(quote(path)),\"error\":\"cannot read the file\"}"
        }
        return line(file: path, text: String(decoding: data, as: UTF8.self), compiled: compiled)
    }

    /// The JSON Lines record for a text already read (pure).
    public static func line(file: String, text: String, compiled: CompiledWatchlist) -> String {
        render(file: file, matches: compiled.match(title: nil, text: text, url: nil, canonicalURL: nil))
    }

    static func render(file: String?, matches: [EntityMatch]) -> String {
        var out = "{"
        if let file { out += "\"file\":\(quote(file))," }
        let campaigns = Set(matches.filter { $0.entityKind == .campaign }.map(\.entityID)).sorted()
        let actors = Set(matches.filter { $0.entityKind == .actor }.map(\.entityID)).sorted()
        out += "\"campaigns\":[\(campaigns.map(quote).joined(separator: ","))],"
        out += "\"actors\":[\(actors.map(quote).joined(separator: ","))],\"matches\":["
        out += matches.map { m in
            var o = "{\"id\":\(quote(m.entityID)),\"alias\":\(quote(m.alias)),\"found\":\(quote(m.found)),"
            o +=
                "\"field\":\"\(m.field.rawValue)\",\"start\":\(m.start),\"end\":\(m.end),\"snippet\":\(quote(m.snippet))"
            if m.rule == .all { o += ",\"rule\":\"all\"" }
            return o + "}"
        }.joined(separator: ",")
        return out + "]}"
    }

    /// A JSON string literal (the project's one escaper).
    static func quote(_ s: String) -> String { JSONValue.quoted(s) }
}
