/// A parsed XML document flattened into arrays: the root element's subtree in document order, every name,
/// text and attribute value in one UTF-8 buffer.
///
/// Built either by veille's own parser (``XMLTreeParser``, one pass over UTF-8 bytes, for well-formed
/// documents: most feeds) or from libxml2's recovered tree (``XMLTreeConverter``, for everything else), so
/// the feed readers walk one structure whatever parsed the bytes. A node's subtree is `i ..< end`; node 0
/// is the root element. Read it through ``XMLCursor``.
public final class XMLTree {
    /// What a node is.
    @usableFromInline enum Kind: UInt8 { case element, text, entity }

    /// One node, no references.
    @usableFromInline struct Node {
        @usableFromInline var kind: Kind
        /// Index of the parent element (-1 for the root).
        var parent: Int32
        /// One past the last node of this node's subtree.
        @usableFromInline var end: Int32
        /// Element or entity: start of its (local) name in ``bytes``; text: start of the text.
        @usableFromInline var start: Int32
        /// Length of the name or text in bytes.
        @usableFromInline var count: Int32
        /// Element: index of its namespace declaration in ``namespaces``, -1 for none.
        var ns: Int32
        /// Element: first index in ``attributes``.
        var attrStart: Int32
        /// Element: the number of attributes.
        var attrCount: Int32
        /// Element: its name's number, the same for every element of this tree with the same namespace and
        /// local name (``XMLCursor/nameID``); -1 for other nodes.
        var name: Int32 = -1
    }

    /// One attribute (namespace declarations are not attributes).
    struct Attribute {
        var nameStart: Int32, nameCount: Int32
        /// Index in ``namespaces``, -1 for none.
        var ns: Int32
        var valueStart: Int32, valueCount: Int32
    }

    /// One namespace declaration: two declarations of the same URI are two entries.
    struct Namespace {
        /// Start of the prefix in ``bytes``; `prefixCount` is -1 for a default namespace.
        var prefixStart: Int32, prefixCount: Int32
        var uriStart: Int32, uriCount: Int32
    }

    /// Names, texts, values and URIs, UTF-8, back to back (the parsed bytes themselves come first).
    @usableFromInline let bytes: [UInt8]
    /// The nodes, in document order, in storage the tree owns: cursors read them without retaining an
    /// array at every step (reading a class's array property retains its buffer; cursors walk in tight loops).
    @usableFromInline let nodeBase: UnsafeMutablePointer<Node>
    /// How many nodes there are.
    @usableFromInline let nodeCount: Int
    let attributes: [Attribute]
    /// Entry 0 is the `xml` prefix, bound by definition to ``xmlNamespaceURI`` (its ranges are unused).
    let namespaces: [Namespace]
    /// How many distinct element names (namespace and local name) the tree has.
    let nameCount: Int
    /// True when some element carries `xml:base` (most feeds have none: then nothing needs resolving).
    let hasXMLBase: Bool

    /// The namespace the `xml` prefix is bound to (`xml:base`, `xml:lang`).
    static let xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"

    /// The tree a ``Builder`` built (immutable: reads need no exclusivity checks).
    init(_ b: Builder) {
        bytes = b.bytes
        nodeCount = b.nodes.count
        attributes = b.attributes
        namespaces = b.namespaces
        nameCount = b.nameCount
        let copy = UnsafeMutablePointer<Node>.allocate(capacity: max(1, b.nodes.count))
        b.nodes.withUnsafeBufferPointer {
            if let base = $0.baseAddress { copy.initialize(from: base, count: $0.count) }
        }
        nodeBase = copy
        hasXMLBase = b.attributes.contains { $0.ns == 0 && XMLTree.equals(b.bytes, $0.nameStart, $0.nameCount, "base") }
    }

    deinit {
        nodeBase.deinitialize(count: nodeCount)
        nodeBase.deallocate()
    }

    /// The prefix of namespace declaration `ns`, nil for a default namespace.
    func namespacePrefix(_ ns: Int32) -> String? {
        if ns == 0 { return "xml" }
        let d = namespaces[Int(ns)]
        return d.prefixCount < 0 ? nil : string(d.prefixStart, d.prefixCount)
    }

    /// The URI of namespace declaration `ns`.
    func namespaceURI(_ ns: Int32) -> String {
        if ns == 0 { return Self.xmlNamespaceURI }
        let d = namespaces[Int(ns)]
        return string(d.uriStart, d.uriCount)
    }

    /// The arrays of a tree under construction.
    struct Builder {
        var bytes: [UInt8]
        var nodes: [Node] = []
        var attributes: [Attribute] = []
        /// Entry 0, the `xml` prefix, is built in: nothing is appended for it, so the parsed bytes are
        /// shared, not copied, until decoded text must be appended.
        var namespaces: [Namespace] = [Namespace(prefixStart: 0, prefixCount: 0, uriStart: 0, uriCount: 0)]
        var nameCount = 0

        /// A tree over `bytes`.
        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Appends bytes to the buffer and returns their range as (start, count).
        @discardableResult
        mutating func append<S: Sequence>(_ s: S) -> (Int32, Int32) where S.Element == UInt8 {
            let start = bytes.count
            bytes.append(contentsOf: s)
            return (Int32(start), Int32(bytes.count - start))
        }

        /// True when the bytes `start ..< start + count` spell `name`.
        func equals(_ start: Int32, _ count: Int32, _ name: String) -> Bool {
            XMLTree.equals(bytes, start, count, name)
        }
    }

    /// The bytes `start ..< start + count` as a String.
    func string(_ start: Int32, _ count: Int32) -> String {
        guard count > 0 else { return "" }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)]), as: UTF8.self)
        }
    }

    /// True when the bytes `start ..< start + count` spell `name`.
    func equals(_ start: Int32, _ count: Int32, _ name: String) -> Bool {
        XMLTree.equals(bytes, start, count, name)
    }

    static func equals(_ bytes: [UInt8], _ start: Int32, _ count: Int32, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { want in
            guard want.count == Int(count) else { return false }
            return bytes.withUnsafeBufferPointer { b in
                var k = 0
                while k < want.count {
                    if b[Int(start) + k] != want[k] { return false }
                    k += 1
                }
                return true
            }
        }
    }

    /// Runs `body` with a cursor on the root element, keeping the tree alive meanwhile.
    ///
    /// - Returns: nil for a document without a root element.
    public func withRootCursor<R>(_ body: (XMLCursor) throws -> R) rethrows -> R? {
        try withExtendedLifetime(self) {
            guard nodeCount > 0 else { return nil }
            return try body(XMLCursor(tree: self, index: 0))
        }
    }
}
