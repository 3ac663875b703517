import VeilleCore

/// Turns feed text into the plain text veille stores: markup removed, entities decoded, whitespace collapsed.
///
/// One pass over UTF-8 bytes. The rules are the `feed --batch` contract's: block-level tags become a space,
/// inline tags vanish, `<script>`/`<style>` content is dropped, entities are decoded, and every run of
/// Unicode whitespace (U+00A0 included) becomes one space, trimmed.
enum PlainText {
    /// Tags that separate words when removed (the contract's list).
    static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt",
        "dl", "figure", "figcaption", "img", "tbody", "thead",
    ]
    /// Tags whose content is code or invisible, never text (feedparser's sanitizer drops `applet` too).
    static let droppedTags: Set<String> = ["script", "style", "applet"]

    /// Collapses whitespace runs to one space and trims; nil when nothing is left.
    static func collapse(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { collapse(bytes: $0) }
    }

    /// ``collapse(_:)`` on valid UTF-8 bytes (C1 controls read as windows-1252 punctuation).
    static func collapse(bytes b: UnsafeBufferPointer<UInt8>, blockCopy: Bool = true) -> String? {
        TextWriter.build(capacity: TextWriter.capacity(forInput: b.count)) { w in
            w.blockCopy = blockCopy
            w.write(b)
        }
    }

    /// ``collapse(_:)`` on an array of valid UTF-8 bytes.
    static func collapse(bytes b: [UInt8]) -> String? {
        b.withUnsafeBufferPointer { collapse(bytes: $0) }
    }

    /// Python's `\s` for text: the whitespace the contract collapses.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { isWhitespace(value: s.value) }

    /// ``isWhitespace(_:)`` on a code point value.
    @inline(__always)
    static func isWhitespace(value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }

    /// feedparser's guess that plain text is in fact HTML: a closing tag or a known character reference.
    static func looksLikeHTML(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { looksLikeHTML(bytes: $0) }
    }

    /// ``looksLikeHTML(_:)`` on UTF-8 bytes.
    static func looksLikeHTML(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return false }
        var i = 0
        while i < b.count {
            // Most titles hold neither `<` nor `&`: sixteen bytes at a time to the next one.
            i = ByteBlock.skip(p, from: i, to: b.count) { v in
                (v .== ByteBlock.splat(0x3C)) .| (v .== ByteBlock.splat(0x26))
            }
            guard i < b.count else { return false }
            if b[i] == UInt8(ascii: "<"), i + 2 < b.count, b[i + 1] == UInt8(ascii: "/") {
                var j = i + 2
                while j < b.count, isWordByte(b[j]) { j += 1 }
                if j > i + 2, j < b.count, b[j] == UInt8(ascii: ">") { return true }
            } else if b[i] == UInt8(ascii: "&") {
                var j = i + 1
                let numeric = j < b.count && b[j] == UInt8(ascii: "#")
                if numeric { j += 1 }
                let start = j
                while j < b.count, isWordByte(b[j]) { j += 1 }
                if j > start, j < b.count, b[j] == UInt8(ascii: ";") {
                    if numeric { return true }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
                    if HTMLEntities.codePoints[name] != nil { return true }
                }
            }
            i += 1
        }
        return false
    }

    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// Converts HTML (escaped markup from a feed) to plain text; nil when nothing is left.
    static func fromHTML(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { fromHTML(bytes: $0) }
    }

    /// ``fromHTML(_:)`` on valid UTF-8 bytes: one pass, straight into the result's storage.
    static func fromHTML(bytes b: UnsafeBufferPointer<UInt8>, blockCopy: Bool = true) -> String? {
        guard let p = b.baseAddress else { return nil }
        return TextWriter.build(capacity: TextWriter.capacity(forInput: b.count)) { w in
            w.blockCopy = blockCopy
            var i = 0
            let n = b.count
            while i < n {
                let c = p[i]
                if i + 16 <= n, c != UInt8(ascii: "<"), c != UInt8(ascii: "&"), TextWriter.startsBlockCopy(c) {
                    let before = i
                    w.copyBlocks(p, &i, n, markup: true)
                    if i > before { continue }
                }
                if c == UInt8(ascii: "<"), i + 1 < n, let next = markupEnd(b, at: i, into: &w) {
                    i = next
                    continue
                }
                if c == UInt8(ascii: "&"), let (scalar, next) = decodeReference(b, at: i) {
                    w.scalar(scalar)
                    i = next
                    continue
                }
                if c > 0x20, c < 0x7F, c != UInt8(ascii: "<"), c != UInt8(ascii: "&") {
                    let j = TextWriter.printableRunEnd(p, i + 1, n, UInt8(ascii: "<"), UInt8(ascii: "&"))
                    w.printable(p + i, j - i)
                    i = j
                    continue
                }
                if c < 0x80 {
                    w.ascii(c)
                    i += 1
                    continue
                }
                let len = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2)
                guard i + len <= n else { return }
                w.sequence(p + i, len)
                i += len
            }
        }
    }

    /// Consumes the tag, comment or declaration at `i` (appending a space for a block tag): the index
    /// after it, or nil when `<` starts no markup or the markup never ends (then it is text, as Python's
    /// HTML parser reads it).
    static func markupEnd(_ b: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout TextWriter) -> Int? {
        let n = b.count
        let next = b[i + 1]
        if next == UInt8(ascii: "!") {
            if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                return skipComment(b, from: i)
            }
            guard i + 2 < n, isLetter(b[i + 2]) else { return nil }
            return indexOf(UInt8(ascii: ">"), in: b, from: i).map { $0 + 1 }
        }
        if next == UInt8(ascii: "?") { return indexOf(UInt8(ascii: ">"), in: b, from: i).map { $0 + 1 } }
        let closing = next == UInt8(ascii: "/")
        let nameStart = closing ? i + 2 : i + 1
        guard nameStart < n, isLetter(b[nameStart]) else { return nil }
        var j = nameStart
        while j < n, !isTagNameEnd(b[j]) { j += 1 }
        guard let end = tagEnd(b, from: j) else { return nil }
        switch tagKind(UnsafeBufferPointer(rebasing: b[nameStart..<j])) {
        case .dropped where !closing:
            let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
            return skipRawText(b, name: name, from: end)
        case .block: out.space()
        default: break
        }
        return end
    }

    /// How a tag name reads in text.
    enum TagKind { case inline, block, dropped }

    /// Up to 8 bytes, lower-cased, little-endian in a UInt64.
    static func pack(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        for j in 0..<min(name.count, 8) { v |= UInt64(lower(name[j])) << (8 * UInt64(j)) }
        return v
    }

    /// The kind of the tag named by `name` (any case): ``blockTags`` and ``droppedTags`` as a switch on the
    /// lower-cased name packed little-endian into a UInt64, so that a tag is classified without hashing or
    /// a lazy global in the loop; the two block names longer than 8 bytes are checked apart. A test checks
    /// the switch against the sets.
    static func tagKind(_ name: UnsafeBufferPointer<UInt8>) -> TagKind {
        guard name.count <= 8 else {
            let lowered = String(decoding: name.map(lower), as: UTF8.self)
            return lowered == "blockquote" || lowered == "figcaption" ? .block : .inline
        }
        switch pack(name) {
        case 0x70 /* p */, 0x7262 /* br */, 0x766964 /* div */, 0x696C /* li */, 0x6C75 /* ul */, 0x6C6F /* ol */,
            0x3168 /* h1 */, 0x3268 /* h2 */, 0x3368 /* h3 */, 0x3468 /* h4 */, 0x3568 /* h5 */, 0x3668 /* h6 */,
            0x7274 /* tr */, 0x6474 /* td */, 0x6874 /* th */, 0x656C626174 /* table */, 0x657270 /* pre */,
            0x7268 /* hr */, 0x6E6F6974636573 /* section */, 0x656C6369747261 /* article */,
            0x726564616568 /* header */, 0x7265746F6F66 /* footer */, 0x6464 /* dd */, 0x7464 /* dt */,
            0x6C64 /* dl */, 0x657275676966 /* figure */, 0x676D69 /* img */, 0x79646F6274 /* tbody */,
            0x6461656874 /* thead */:
            return .block
        case 0x747069726373 /* script */, 0x656C797473 /* style */, 0x74656C707061 /* applet */: return .dropped
        default: return .inline
        }
    }

    @inline(__always)
    static func isTagNameEnd(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == UInt8(ascii: "/")
            || c == UInt8(ascii: ">")
    }

    static func indexOf(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i < b.count {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// The index after the `>` that closes a tag, skipping quoted attribute values; nil when none does.
    /// Sixteen bytes at a time to the next byte that matters (attribute values, URLs above all, are long).
    static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let p = b.baseAddress else { return nil }
        let n = b.count
        var i = from
        var quote: UInt8 = 0
        while i < n {
            i = ByteBlock.skip(p, from: i, to: n) { v in
                quote != 0
                    ? v .== ByteBlock.splat(quote)
                    : (v .== ByteBlock.splat(0x3E)) .| (v .== ByteBlock.splat(0x22)) .| (v .== ByteBlock.splat(0x27))
            }
            guard i < n else { break }
            let c = p[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// Skips `<!-- … -->` (to the end of the text when it is never closed).
    static func skipComment(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from + 4
        while i + 2 < b.count {
            if b[i] == UInt8(ascii: "-"), b[i + 1] == UInt8(ascii: "-"), b[i + 2] == UInt8(ascii: ">") { return i + 3 }
            i += 1
        }
        return b.count
    }

    /// Skips the content of `<script>`/`<style>` up to and including its end tag.
    static func skipRawText(_ b: UnsafeBufferPointer<UInt8>, name: String, from: Int) -> Int {
        let needle = Array(("</" + name).utf8)
        var i = from
        while i + needle.count <= b.count {
            var k = 0
            while k < needle.count, lower(b[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return tagEnd(b, from: i + k) ?? b.count }
            i += 1
        }
        return b.count
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c + 32 : c }
}
