import Glibc

/// veille's own XML parser: one pass over UTF-8 bytes into an ``XMLTree``, for the documents it reads as
/// libxml2 does.
///
/// Feeds are mostly well-formed, and libxml2 spends most of its time building and freeing a tree of
/// its own; this parser builds the flat tree directly, pointing into the bytes wherever the text needs no
/// decoding. It returns nil at the first thing it does not read exactly as libxml2 would, and the caller
/// (``MarkupDocument/xmlOutcome(_:httpCharset:htmlReferences:repair:)``) parses the document with libxml2 in
/// recover mode instead:
/// - ill-formed content: an element left open at the end, a `<` in an attribute value, a duplicate
///   attribute, an undeclared namespace prefix, `]]>` or `--` where they may not appear, characters XML
///   forbids, content outside the root element, an empty document;
/// - in a document type's internal subset, anything but declarations, comments, processing instructions
///   and parameter-entity references; more than ``maxDeclaredEntities`` declared entities; a declared
///   entity in an attribute value, or an undeclared name where entities are declared;
/// - a named reference but the five XML predefines and the declared entities (unless `htmlReferences`
///   reads it, see ``reference(_:)``);
/// - non-ASCII names, nesting deeper than libxml2's limit, a text larger than libxml2's limit, more than
///   ``maxAttributes`` attributes on an element.
///
/// What it reads, as libxml2 does without `NOENT`: line ends normalised (`\r\n`, `\r` → `\n`), attribute
/// whitespace normalised to spaces, character references and the five predefined entities decoded,
/// namespace declarations resolved (they are not attributes), comments, processing instructions and the
/// document type skipped; a declared entity's reference becomes an entity node, never expanded.
///
/// Where it reads differently from libxml2, on purpose: an end tag naming an element open further out
/// closes the elements left open inside it, and an end tag naming no open element is ignored (``endTag(_:)``);
/// the document is then reported as recovered (not well-formed), and the tree is the one feed readers and
/// browsers would build.
public struct XMLTreeParser {
    let p: UnsafePointer<UInt8>
    let n: Int
    var tree: XMLTree.Builder
    /// Feeds' reading of references (HTML names, bare ampersands), nil for XML's.
    let htmlReferences: ReferenceLookup?
    /// Byte classes of character data and attribute values (``textClass``, ``attributeClass``, ``nameClass``),
    /// read through pointers: a static array read in a loop costs a lazy-initialisation check per byte.
    let textTable: UnsafePointer<UInt8>
    let attributeTable: UnsafePointer<UInt8>
    let nameTable: UnsafePointer<UInt8>
    /// Open elements: node index, the qualified name's range in the input, and `scope.count` when the
    /// element started (its declarations go out of scope with it).
    var open: [(index: Int32, nameStart: Int32, nameCount: Int32, scopeMark: Int32)] = []
    /// Namespace declarations in scope, innermost last: prefix range in the input (count -1: default) and
    /// the declaration's index in the tree (-1: the default namespace undeclared).
    var scope: [(prefixStart: Int32, prefixCount: Int32, ns: Int32)] = []
    /// The default namespace in scope (the innermost default declaration's, -1 for none): kept as `scope`
    /// changes, so that unprefixed names need no search.
    var defaultNamespace: Int32 = -1
    /// Open-addressing table of element names: slot → name number + 1 (0: empty); capacity a power of two.
    /// Empty until the document has more than ``linearNames`` names (small feeds search ``names`` directly).
    var nameSlots: [Int32] = []
    /// Names looked up by a plain scan while there are at most this many.
    static let linearNames = 16
    /// Per name number: namespace and local name's range in the input.
    var names: [(ns: Int32, start: Int32, count: Int32)] = []
    /// True once an end tag had to be matched loosely (see ``endTag(_:)``): the document was not well-formed.
    var recovered = false
    /// True when the document type declares entities (any `<!ENTITY`).
    var declaresEntities = false
    /// The general entities the internal subset declares (name ranges in the input): their references
    /// become entity nodes, never expanded.
    var declaredEntities: [(start: Int32, count: Int32)] = []
    /// The attributes of the tag being read: qualified name (colon offset, -1 when none) and value.
    var pending: [(nameStart: Int32, nameCount: Int32, colon: Int32, valueStart: Int32, valueCount: Int32)] = []

    /// libxml2's depth limit without `HUGE`.
    static let maxDepth = 255
    /// libxml2's text node limit without `HUGE`.
    static let maxText = 10_000_000
    /// Attributes per element past which the duplicate check (quadratic in them) would cost too much:
    /// libxml2 takes over. Feeds use a handful.
    static let maxAttributes = 64
    /// Declared entities past which looking a reference up (linear in them) would cost too much.
    static let maxDeclaredEntities = 256

    /// Looks up an HTML character reference name (UTF-8 bytes between `&` and `;`).
    public typealias ReferenceLookup = (UnsafeBufferPointer<UInt8>) -> UInt32?

    /// The tree, or nil when the document is not one this parser reads exactly (see the type's doc).
    ///
    /// - Parameter htmlReferences: read references as feeds mean them (see ``reference(_:)``); nil for XML's rules.
    static func parse(_ input: [UInt8], htmlReferences: ReferenceLookup? = nil) -> XMLTree? {
        parseReporting(input, htmlReferences: htmlReferences)?.tree
    }

    /// ``parse(_:htmlReferences:)``, and whether an end tag had to be matched loosely.
    static func parseReporting(_ input: [UInt8], htmlReferences: ReferenceLookup? = nil) -> (
        tree: XMLTree, recovered: Bool
    )? {
        guard !input.isEmpty, input.count < Int(Int32.max) / 2 else { return nil }
        return input.withUnsafeBufferPointer { buf -> (tree: XMLTree, recovered: Bool)? in
            guard let base = buf.baseAddress else { return nil }
            var parser = XMLTreeParser(
                p: base, n: buf.count, tree: XMLTree.Builder(bytes: input), htmlReferences: htmlReferences,
                textTable: Tables.shared.text, attributeTable: Tables.shared.attribute,
                nameTable: Tables.shared.name)
            parser.tree.nodes.reserveCapacity(max(16, buf.count / 40)) // one allocation for small feeds
            // References or carriage returns mean decoded text will follow the input in the buffer: room for
            // all of it at once (decoding never lengthens a text, so twice the input is enough), instead of
            // the copy of the shared input at the first append and one more at each doubling.
            if memchr(base, 0x26, buf.count) != nil || memchr(base, 0x0D, buf.count) != nil {
                parser.tree.bytes.reserveCapacity(2 * buf.count)
            }
            return parser.run() ? (XMLTree(parser.tree), parser.recovered) : nil
        }
    }

    // MARK: - Document

    mutating func run() -> Bool {
        var i = 0
        var seenRoot = false
        while i < n {
            if p[i] != 0x3C { // text
                if open.isEmpty {
                    guard Self.isSpace(p[i]) else { return false }
                    i += 1
                    continue
                }
                guard let next = text(from: i) else { return false }
                i = next
                continue
            }
            guard i + 1 < n else { return false }
            let c = p[i + 1]
            var next: Int?
            if c == 0x2F { // </
                guard !open.isEmpty else { return false }
                next = endTag(i + 2)
            } else if c == 0x21 { // <!
                next = markupDeclaration(i, inContent: !open.isEmpty, beforeRoot: !seenRoot)
            } else if c == 0x3F { // <?
                next = processingInstruction(i + 2)
            } else {
                guard open.isEmpty ? !seenRoot : true else { return false } // a second root
                seenRoot = true
                next = startTag(i + 1)
            }
            guard let after = next else { return false }
            i = after
        }
        return seenRoot && open.isEmpty
    }

    // MARK: - Tags

    mutating func startTag(_ from: Int) -> Int? {
        guard open.count < Self.maxDepth, let (nameStart, nameCount, colon) = name(from) else { return nil }
        var i = from + Int(nameCount)
        if !pending.isEmpty { pending.removeAll(keepingCapacity: true) } // most elements have no attribute
        var selfClosing = false
        while true {
            let spaced = skipSpace(&i)
            guard i < n else { return nil }
            if p[i] == 0x3E {
                i += 1
                break
            }
            if p[i] == 0x2F {
                guard i + 1 < n, p[i + 1] == 0x3E else { return nil }
                i += 2
                selfClosing = true
                break
            }
            guard spaced, let (aStart, aCount, aColon) = name(i) else { return nil }
            i += Int(aCount)
            skipSpace(&i)
            guard i < n, p[i] == 0x3D else { return nil }
            i += 1
            skipSpace(&i)
            guard i < n, p[i] == 0x22 || p[i] == 0x27, let (vStart, vCount, after) = attributeValue(i + 1, quote: p[i])
            else { return nil }
            i = after
            guard pending.count < Self.maxAttributes else { return nil }
            for other in pending where other.nameCount == aCount && same(other.nameStart, aStart, Int(aCount)) {
                return nil
            }
            pending.append((aStart, aCount, aColon, vStart, vCount))
        }
        let mark = scope.count
        guard declareNamespaces() else { return nil }
        let index = Int32(tree.nodes.count)
        let parent = open.last?.index ?? -1
        guard let (ns, localStart, localCount) = resolve(nameStart, nameCount, colon, isAttribute: false) else {
            return nil
        }
        let attrStart = Int32(tree.attributes.count)
        for a in pending where !isDeclaration(a.nameStart, a.nameCount, a.colon) {
            guard let (ans, aLocal, aLocalCount) = resolve(a.nameStart, a.nameCount, a.colon, isAttribute: true) else {
                return nil
            }
            tree.attributes.append(
                XMLTree.Attribute(
                    nameStart: aLocal, nameCount: aLocalCount, ns: ans,
                    valueStart: a.valueStart, valueCount: a.valueCount))
        }
        tree.nodes.append(
            XMLTree.Node(
                kind: .element, parent: parent, end: index + 1, start: localStart, count: localCount,
                ns: ns, attrStart: attrStart, attrCount: Int32(tree.attributes.count) - attrStart,
                name: nameID(ns, localStart, localCount)))
        if selfClosing {
            popScope(to: mark)
        } else {
            open.append((index, nameStart, nameCount, Int32(mark)))
        }
        return i
    }

    /// An end tag. One that names an element open further out closes the elements left open inside it
    /// (`<description>Un <b>texte</description>`: the `b` ends with the description, as feed readers and
    /// browsers read it, where libxml2's recovery would nest the rest of the feed inside the `b`); one
    /// that names no open element is ignored. Either marks the document as recovered.
    mutating func endTag(_ from: Int) -> Int? {
        if let top = open.last {
            // The usual case, the innermost element's end tag: its name compared, not scanned again.
            let after = from + Int(top.nameCount)
            if after < n, nameTable[Int(p[after])] == NameByte.end, p[after] < 0x80,
                same(top.nameStart, Int32(from), Int(top.nameCount))
            {
                var i = after
                skipSpace(&i)
                guard i < n, p[i] == 0x3E else { return nil }
                closeTop()
                return i + 1
            }
        }
        guard let (_, nameCount, _) = name(from) else { return nil }
        let count = Int(nameCount)
        var i = from + count
        skipSpace(&i)
        guard i < n, p[i] == 0x3E else { return nil }
        var k = open.count - 1
        while k >= 0, !(Int(open[k].nameCount) == count && same(open[k].nameStart, Int32(from), count)) { k -= 1 }
        if k != open.count - 1 { recovered = true }
        if k >= 0 {
            while open.count > k { closeTop() }
        }
        return i + 1
    }

    /// Ends the innermost open element.
    mutating func closeTop() {
        guard let top = open.popLast() else { return }
        tree.nodes[Int(top.index)].end = Int32(tree.nodes.count)
        popScope(to: Int(top.scopeMark))
    }

    /// A name at `from`: ASCII only, at most one colon, neither first nor last.
    func name(_ from: Int) -> (Int32, Int32, Int32)? {
        guard from < n, nameTable[Int(p[from])] == NameByte.start else { return nil }
        var i = from + 1
        var colon: Int32 = -1
        while i < n {
            let k = nameTable[Int(p[i])]
            if k == NameByte.end { break }
            if k == NameByte.colon {
                guard colon < 0 else { return nil }
                colon = Int32(i - from)
            }
            i += 1
        }
        guard i < n, nameTable[Int(p[i])] == NameByte.end, p[i] < 0x80, colon != Int32(i - from - 1) else { return nil }
        return (Int32(from), Int32(i - from), colon)
    }

    // MARK: - Helpers

    /// True when the input bytes at `a` and `b` agree over `count` bytes.
    func same(_ a: Int32, _ b: Int32, _ count: Int) -> Bool {
        var k = 0
        let x = p + Int(a)
        let y = p + Int(b)
        while k < count {
            if x[k] != y[k] { return false }
            k += 1
        }
        return true
    }

    /// Skips XML white space; true when there was some.
    @discardableResult
    func skipSpace(_ i: inout Int) -> Bool {
        let from = i
        while i < n, Self.isSpace(p[i]) { i += 1 }
        return i > from
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    /// The classes of a byte in a name (``nameClass``).
    enum NameByte {
        /// Ends the name (anything else; `name` gives up on a name ended by a non-ASCII byte).
        static let end: UInt8 = 0
        /// May start a name: an ASCII letter or `_`.
        static let start: UInt8 = 1
        /// May continue one: a digit, `-` or `.`.
        static let inner: UInt8 = 2
        /// `:`, between a prefix and a local name.
        static let colon: UInt8 = 3
    }

    /// Each byte's ``NameByte`` class (a byte that may start a name may continue one too).
    static let nameClass: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: return NameByte.start
        case 0x30...0x39, 0x2D, 0x2E: return NameByte.inner
        case 0x3A: return NameByte.colon
        default: return NameByte.end
        }
    }

    /// The byte-class tables, allocated once and never freed.
    final class Tables: @unchecked Sendable {
        let text: UnsafePointer<UInt8>
        let attribute: UnsafePointer<UInt8>
        let name: UnsafePointer<UInt8>
        static let shared = Tables()

        private init() {
            func copy(_ a: [UInt8]) -> UnsafePointer<UInt8> {
                let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
                p.initialize(from: a, count: 256)
                return UnsafePointer(p)
            }
            text = copy(XMLTreeParser.textClass)
            attribute = copy(XMLTreeParser.attributeClass)
            name = copy(XMLTreeParser.nameClass)
        }
    }
}
