import VeilleCore

/// Text, raw text (`script`, `style`) and character references.
extension HTMLTreeParser {
    /// What a byte can be, as bits (one table lookup per byte in the scanning loops).
    enum ByteClass {
        /// Space, tab, line feed, carriage return (libxml2's `IS_BLANK_CH`).
        static let blank: UInt8 = 1
        /// Ends a run of text: `<`, `&`, and control bytes libxml2 drops from text (C0 other than tab, LF, CR).
        static let textStop: UInt8 = 2
        /// May continue a tag or attribute name: letters, digits, `:`, `-`, `_`, `.`.
        static let tagName: UInt8 = 4
        /// May continue an entity name (XML Name characters; bytes ≥ 0x80 included).
        static let entityName: UInt8 = 8
    }

    /// The byte classes, built once (256 entries).
    nonisolated(unsafe) static let byteClasses: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            var c: UInt8 = 0
            let u = UInt8(b)
            if u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D { c |= ByteClass.blank }
            if u == 0x3C || u == 0x26 || (u < 0x20 && u != 0x09 && u != 0x0A && u != 0x0D) { c |= ByteClass.textStop }
            let alnum = isLetter(u) || (u >= 0x30 && u <= 0x39)
            if alnum || u == 0x3A || u == 0x2D || u == 0x5F || u == 0x2E {
                c |= ByteClass.tagName | ByteClass.entityName
            }
            if u >= 0x80 { c |= ByteClass.entityName }
            t[b] = c
        }
        return UnsafePointer(t)
    }()

    /// Broadcasts a byte to the eight lanes of a word.
    @inline(__always) static func lanes(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }
    /// High bit set in each lane of `v` that is zero (exact for the first such lane, enough as a filter).
    @inline(__always) static func zeroLanes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// The index of the first `<` at or after `i` (or `n`), eight bytes at a time.
    @inline(__always)
    func nextLessThan(_ from: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        let lt = HTMLTreeParser.lanes(0x3C)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let hit = HTMLTreeParser.zeroLanes(w ^ lt)
            if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n, p[i] != 0x3C { i += 1 }
        return i
    }

    /// The index of the first `a` or `b` at or after `from` (or `n`), eight bytes at a time.
    @inline(__always)
    func nextOf(_ a: UInt8, _ b: UInt8, from: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        let la = HTMLTreeParser.lanes(a)
        let lb = HTMLTreeParser.lanes(b)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if HTMLTreeParser.zeroLanes(w ^ la) | HTMLTreeParser.zeroLanes(w ^ lb) != 0 { break }
            i += 8
        }
        while i < n, p[i] != a, p[i] != b { i += 1 }
        return i
    }

    /// A run of text up to the next `<` or `&`; control bytes are dropped.
    mutating func charData() {
        var i = pos
        let raw = UnsafeRawPointer(p)
        let lt = HTMLTreeParser.lanes(0x3C)
        let amp = HTMLTreeParser.lanes(0x26)
        let space = HTMLTreeParser.lanes(0x20)
        scan: while i < n {
            // Words free of `<`, `&` and bytes below 0x20 are skipped eight bytes at a time.
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let control = (w &- space) & ~w & 0x8080_8080_8080_8080
                if control | HTMLTreeParser.zeroLanes(w ^ lt) | HTMLTreeParser.zeroLanes(w ^ amp) != 0 { break }
                i += 8
            }
            let limit = min(n, i + 8)
            while i < limit {
                let b = p[i]
                if classes[Int(b)] & ByteClass.textStop != 0 {
                    if b == 0x3C || b == 0x26 { break scan }
                    if i > pos { emitCharData(pos, i) }
                    pos = i + 1
                }
                i += 1
            }
        }
        if i > pos { emitCharData(pos, i) }
        pos = i
    }

    /// Emits `p[from ..< to]` as text, opening an implied `p` first where libxml2 does.
    @inline(__always)
    mutating func emitCharData(_ from: Int, _ to: Int) {
        if needsParagraphCheck {
            // libxml2's areBlanks: a blank run followed by a tag (or the end) needs no paragraph.
            var blank = true
            for k in from..<to where classes[Int(p[k])] & ByteClass.blank == 0 {
                blank = false
                break
            }
            let next = at(to)
            if !blank || (next != 0x3C && to < n) { checkParagraph() }
        }
        text(p + from, to - from)
    }

    /// True when text here would get an implied `p` (no open element, or `html`/`head` open).
    var needsParagraphCheck: Bool {
        guard let top = stack.last else { return true }
        return top.id == HTMLTreeParser.idHTML || top.id == HTMLTreeParser.idHead
    }

    /// libxml2's `htmlCheckParagraph`: text outside any element, or directly in `html`/`head`, opens a `p`.
    mutating func checkParagraph() {
        guard needsParagraphCheck else { return }
        if !stack.isEmpty { autoClose(HTMLTreeParser.idP) }
        push(HTMLTreeParser.idP, attributesFrom: tree.attributes.count, bytesFrom: tree.bytes.count)
    }

    /// The content of `script` or `style` up to `</` followed by the element's name (any case).
    mutating func rawText() {
        guard let top = stack.last else { return }
        let name: StaticString = top.id == HTMLTreeParser.idScript ? "script" : "style"
        let len = name.utf8CodeUnitCount
        var i = nextLessThan(pos)
        scan: while i < n {
            if i + 1 < n, p[i + 1] == 0x2F, i + 2 + len <= n {
                var k = 0
                while k < len, p[i + 2 + k] | 0x20 == name.utf8Start[k] { k += 1 }
                if k == len { break scan }
            }
            i = nextLessThan(i + 1)
        }
        if i > pos, inJSONScript { text(p + pos, i - pos, force: true) }
        pos = i
    }

    /// A character reference in text (libxml2's `htmlParseReference`); unknown ones stay as written.
    mutating func reference() {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let r = decodeReference()
        if r.consumed == 0 { // a lone '&'
            checkParagraph()
            text(p + pos, 1)
            pos += 1
            return
        }
        pos += r.consumed
        guard r.scalar != 0 else { return } // an invalid numeric reference vanishes, as in libxml2
        checkParagraph()
        let count = Charset.encodeUTF8(r.scalar, into: &buffer)
        withUnsafeBytes(of: &buffer) { raw in
            guard let base = raw.baseAddress else { return }
            text(base.assumingMemoryBound(to: UInt8.self), count)
        }
    }

    /// A character reference inside an attribute value, appended decoded (or as written) to the tree's bytes.
    mutating func appendReference() {
        let r = decodeReference()
        if r.consumed == 0 {
            tree.bytes.append(0x26)
            pos += 1
            return
        }
        pos += r.consumed
        guard r.scalar != 0 else { return }
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = Charset.encodeUTF8(r.scalar, into: &buffer)
        withUnsafeBytes(of: &buffer) { raw in
            tree.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }

    /// Reads the reference at `pos` (`&`) without moving.
    ///
    /// - Returns: the bytes it spans and its scalar; `consumed` 0 when it is not a reference libxml2 decodes
    ///   (then `&` is literal text); `scalar` 0 for a numeric reference to an invalid character (dropped).
    func decodeReference() -> (consumed: Int, scalar: UInt32) {
        if at(pos + 1) == 0x23 {
            var i = pos + 2
            var value: UInt32 = 0
            let hex = at(i) | 0x20 == 0x78
            if hex { i += 1 }
            while i < n, p[i] != 0x3B {
                let c = p[i]
                var digit: UInt32
                if c >= 0x30, c <= 0x39 {
                    digit = UInt32(c - 0x30)
                } else if hex, c | 0x20 >= 0x61, c | 0x20 <= 0x66 {
                    digit = UInt32(c | 0x20) - 0x61 + 10
                } else {
                    break
                }
                if value < 0x110000 { value = value * (hex ? 16 : 10) + digit }
                i += 1
            }
            if i < n, p[i] == 0x3B { i += 1 }
            return (i - pos, HTMLTreeParser.checkedScalar(value))
        }
        let start = pos + 1
        guard start < n else { return (0, 0) }
        let first = p[start]
        guard HTMLTreeParser.isLetter(first) || first == 0x5F || first == 0x3A || first >= 0x80 else { return (0, 0) }
        var i = start + 1
        while i < n, classes[Int(p[i])] & ByteClass.entityName != 0 { i += 1 }
        guard i < n, p[i] == 0x3B,
            let scalar = HTMLEntityTable.codePoint(UnsafeBufferPointer(start: p + start, count: i - start))
        else { return (0, 0) }
        return (i + 1 - pos, scalar)
    }

    /// libxml2's `IS_CHAR` check on a numeric reference (0 when refused); 128–159 read as windows-1252.
    static func checkedScalar(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x80...0x9F: return Charset.cp1252High[Int(v - 0x80)]
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return v
        default: return 0
        }
    }

    /// Appends text to the current element (adjacent text merges into one node); dropped inside elements
    /// whose content is not kept, unless `force` (JSON-LD script text).
    @inline(__always)
    mutating func text(_ bytes: UnsafePointer<UInt8>, _ count: Int, force: Bool = false) {
        guard count > 0, skipping == 0 || force else { return }
        let parent = open[open.count - 1]
        let last = tree.nodes.count - 1
        let l = tree.nodes[last]
        if l.kind == .text, l.parent == parent, Int(l.start + l.count) == tree.bytes.count {
            tree.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            tree.nodes[last].count += Int32(count)
            return
        }
        let start = Int32(tree.bytes.count)
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        let index = Int32(tree.nodes.count)
        tree.nodes.append(
            HTMLTree.Node(kind: .text, tag: .other, parent: parent, end: index + 1, start: start, count: Int32(count)))
    }
}
