import Foundation
import Matching

/// The JSON printed by `veille match FILE` and `veille match --batch` (issue 5's contract), written as bytes.
///
/// `{"file","campaigns":[ids],"actors":[ids],"matches":[{"id","alias","found","field","start","end","snippet"}]}`
/// where the text is one field, `text`; group-term hits of a satisfied `all` rule carry `"rule":"all"`;
/// links in the text to a listed domain come last with `"field":"link"`; vetoed hits are not listed. Keys are always in this order, ids sorted, one line per object. Strings are
/// escaped as ``JSONValue/quoted(_:)`` escapes them (`\u2028` and `\u2029` too), byte for byte.
enum MatchBatch {
    /// The object for one text, without `file` (`veille match FILE`).
    static func object(forText text: String, compiled: CompiledWatchlist) -> String {
        var out: [UInt8] = []
        render(file: nil, matches: compiled.match(title: nil, text: text, url: nil, canonicalURL: nil), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON Lines record for one path of `veille match --batch` and its newline to `out`; the
    /// file is read here.
    ///
    /// A file that cannot be read gives `{"file":…,"error":…}` so that one bad path does not stop a batch.
    /// Offsets are exact for valid UTF-8; invalid bytes are replaced (U+FFFD) while reading.
    static func line(forPath path: String, compiled: CompiledWatchlist, into out: inout [UInt8]) {
        if let matches = withContents(path, { compiled.match(utf8: $0) }) {
            render(file: path, matches: matches, into: &out)
        } else {
            out.append(contentsOf: #"{"file":"#.utf8)
            quote(path, into: &out)
            out.append(contentsOf: #","error":"cannot read the file"}"#.utf8)
        }
        out.append(0x0A)
    }

    /// Runs `body` with a file's bytes, read with one `read(2)` loop into one buffer (no String is made:
    /// ``CompiledWatchlist/match(utf8:)`` validates them in place); nil when the file cannot be read.
    static func withContents<R>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else {
            return FileManager.default.contents(atPath: path).map { data in
                data.withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) }
            }
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, count in
            var got = 0
            while got < buffer.count {
                let n = read(fd, buffer.baseAddress.map { $0 + got }, buffer.count - got)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failed = true }
                if n <= 0 { break }
                got += n
            }
            count = got
        }
        return failed ? nil : bytes.withUnsafeBufferPointer(body)
    }

    /// Appends the object for `matches` (with `file` when given), without a newline.
    static func render(file: String?, matches: [EntityMatch], into out: inout [UInt8]) {
        out.append(0x7B)
        if let file {
            out.append(contentsOf: #""file":"#.utf8)
            quote(file, into: &out)
            out.append(0x2C)
        }
        var campaigns = Set<String>()
        var actors = Set<String>()
        for m in matches {
            if m.entityKind == .campaign { campaigns.insert(m.entityID) } else { actors.insert(m.entityID) }
        }
        out.append(contentsOf: #""campaigns":["#.utf8)
        list(campaigns.sorted(), into: &out)
        out.append(contentsOf: #"],"actors":["#.utf8)
        list(actors.sorted(), into: &out)
        out.append(contentsOf: #"],"matches":["#.utf8)
        for (i, m) in matches.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"id":"#.utf8)
            quote(m.entityID, into: &out)
            out.append(contentsOf: #","alias":"#.utf8)
            quote(m.alias, into: &out)
            out.append(contentsOf: #","found":"#.utf8)
            quote(m.found, into: &out)
            out.append(contentsOf: #","field":""#.utf8)
            out.append(contentsOf: m.field.rawValue.utf8)
            out.append(contentsOf: #"","start":"#.utf8)
            decimal(m.start, into: &out)
            out.append(contentsOf: #","end":"#.utf8)
            decimal(m.end, into: &out)
            out.append(contentsOf: #","snippet":"#.utf8)
            quote(m.snippet, into: &out)
            if m.rule == .all { out.append(contentsOf: #","rule":"all""#.utf8) }
            out.append(0x7D)
        }
        out.append(contentsOf: "]}".utf8)
    }

    static func list(_ ids: [String], into out: inout [UInt8]) {
        for (i, id) in ids.enumerated() {
            if i > 0 { out.append(0x2C) }
            quote(id, into: &out)
        }
    }

    static func decimal(_ v: Int, into out: inout [UInt8]) {
        out.append(contentsOf: String(v).utf8)
    }

    /// Appends `s` as a JSON string literal: `"` and `\` escaped, `\n`, `\r`, `\t`, other control
    /// characters as `\u00xx`, and U+2028 and U+2029 as `\u2028` and `\u2029` (as ``JSONValue/quoted(_:)``).
    static func quote(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            out.append(0x22)
            var start = 0
            var i = 0
            let n = u.count
            while i < n {
                let c = u[i]
                let special =
                    c < 0x20 || c == 0x22 || c == 0x5C
                    || (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
                if !special {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0xE2:
                    out.append(contentsOf: #"\u202"#.utf8)
                    out.append(u[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 2
                default:
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex(c >> 4), hex(c & 0xF)])
                }
                i += 1
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n]))
            out.append(0x22)
        }
    }

    static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
