import Markup

/// Repairs the ampersands feeds get wrong, before libxml2 sees them, without expanding any DTD entity.
///
/// Feeds use HTML's named references without declaring them (`&eacute;`, `&nbsp;`), leave bare ampersands
/// in URLs (`?a=1&b=2`) and write `&#X41;`. libxml2 drops all three in recover mode; feedparser keeps them.
/// This pass rewrites HTML names to numeric references, bare `&` to `&amp;`, `&#X` to `&#x`, and leaves
/// an unknown name to literal text when the document declares no entity (`&doesnotexist;` stays visible),
/// and everything else alone: the five XML names, and names a DTD declares (they stay unexpanded references).
/// CDATA sections and comments are copied untouched. Only for ASCII-compatible encodings.
enum EntityPrepass {
    /// The five names XML predefines.
    static let xmlNames: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// True for bytes in an ASCII-compatible encoding, the only ones this pass repairs (not UTF-16/32).
    static func applies(_ bytes: [UInt8]) -> Bool {
        !(bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || bytes[0] >= 0xFE))
    }

    /// The same reading for veille's own XML parser, which decodes references itself (no copy):
    /// an HTML name's code point.
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        HTMLEntities.codePoints[String(decoding: name, as: UTF8.self)]
    }

    /// The repaired bytes, or nil when nothing needed repair (the common case: no copy).
    static func repair(_ bytes: [UInt8]) -> [UInt8]? {
        guard applies(bytes) else { return nil } // UTF-16/32: not ours
        return bytes.withUnsafeBufferPointer { b -> [UInt8]? in
            guard let p = b.baseAddress else { return nil }
            var out: [UInt8]?
            var copied = 0 // bytes of `b` already copied to `out`
            var i = 0
            let n = b.count
            var declares: Bool? // whether the prolog declares entities, looked up at the first unknown name
            while i < n {
                let c = p[i]
                if c != UInt8(ascii: "<") && c != UInt8(ascii: "&") {
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "<") {
                    if i + 3 < n, p[i + 1] == UInt8(ascii: "!") {
                        if p[i + 2] == UInt8(ascii: "["), let end = find(b, "]]>", from: i) {
                            i = end
                            continue
                        }
                        if p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-"),
                            let end = find(b, "-->", from: i + 4)
                        {
                            i = end
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                guard let replacement = replacement(b, at: i, declaresEntities: &declares) else {
                    i += 1
                    continue
                }
                if out == nil {
                    out = []
                    out?.reserveCapacity(n + 64)
                }
                out?.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<i]))
                out?.append(contentsOf: replacement.bytes)
                copied = i + replacement.consumed
                i = copied
            }
            guard var result = out else { return nil }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
            return result
        }
    }

    /// What to write instead of the `&…` at `i`, nil to keep it.
    static func replacement(_ b: UnsafeBufferPointer<UInt8>, at i: Int, declaresEntities: inout Bool?) -> (
        bytes: [UInt8], consumed: Int
    )? {
        var j = i + 1
        if j < b.count, b[j] == UInt8(ascii: "#") {
            j += 1
            if j < b.count, b[j] == UInt8(ascii: "X") { return (Array("&#x".utf8), 3) }
            if j < b.count, b[j] == UInt8(ascii: "x") || PlainText.isWordByte(b[j]) { return nil }
            return (Array("&amp;".utf8), 1)
        }
        let start = j
        while j < b.count, j - start <= 32,
            PlainText.isWordByte(b[j]) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ".")
        { j += 1 }
        guard j > start, j < b.count, b[j] == UInt8(ascii: ";") else { return (Array("&amp;".utf8), 1) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
        if xmlNames.contains(name) { return nil }
        if let cp = HTMLEntities.codePoints[name] { return (Array("&#\(cp);".utf8), j - i + 1) }
        if declaresEntities == nil { declaresEntities = prologDeclaresEntities(b) }
        return declaresEntities == true ? nil : (Array("&amp;".utf8), 1)
    }

    /// True when `<!ENTITY` appears before the root element.
    static func prologDeclaresEntities(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "<") {
                if PlainText.isLetter(b[i + 1]) { return false } // the root element: the prolog is over
                if i + 8 <= b.count, b[(i + 1)..<(i + 8)].elementsEqual("!ENTITY".utf8) { return true }
            }
            i += 1
        }
        return false
    }

    /// The index just past the first `needle` at or after `from`.
    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = from
        while i + n <= b.count {
            if b[i] == p[0] {
                var k = 1
                while k < n, b[i + k] == p[k] { k += 1 }
                if k == n { return i + n }
            }
            i += 1
        }
        return nil
    }
}
