import CLibXML2

/// A lightweight, non-owning view of one element of an ``XMLTree``, for one fast pass.
///
/// It holds no counted reference to its tree and allocates nothing until a value is asked for, so a feed
/// is walked at the speed of array reads. It is only valid inside ``XMLTree/withRootCursor(_:)``, which
/// keeps the tree alive.
public struct XMLCursor {
    @usableFromInline unowned(unsafe) let tree: XMLTree
    @usableFromInline let index: Int32

    @usableFromInline var node: XMLTree.Node { tree.nodeBase[Int(index)] }

    @usableFromInline init(tree: XMLTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    /// The local name (`item`, `title`); a qualified name whose prefix was undeclared keeps its colon.
    public var localName: String {
        let n = node
        return tree.string(n.start, n.count)
    }

    /// The declared prefix of the element's namespace, nil when none.
    public var prefix: String? {
        let ns = node.ns
        return ns < 0 ? nil : tree.namespacePrefix(ns)
    }

    /// A number for the element's namespace and local name, the same for every element of the tree that
    /// shares both, below ``distinctNames``: a key to cache what an element name means.
    public var nameID: Int { Int(node.name) }

    /// How many distinct ``nameID`` values the tree has.
    public var distinctNames: Int { tree.nameCount }

    /// Runs `body` on the bytes that name the element, without making Strings: its namespace URI and
    /// declared prefix (nil when it has none) and its local name. Not generic (a generic function called
    /// from another module is not specialised, and pays for type metadata on every call): `body` answers
    /// a number, such as an index into the caller's own table.
    public func withNameBytes(
        _ body: (
            _ uri: UnsafeBufferPointer<UInt8>?, _ prefix: UnsafeBufferPointer<UInt8>?,
            _ local: UnsafeBufferPointer<UInt8>
        ) -> Int
    ) -> Int {
        let n = node
        return tree.bytes.withUnsafeBufferPointer { b in
            func slice(_ start: Int32, _ count: Int32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: b[Int(start)..<Int(start + count)])
            }
            let local = slice(n.start, n.count)
            guard n.ns >= 0 else { return body(nil, nil, local) }
            if n.ns == 0 { // the built-in xml namespace
                var uri = XMLTree.xmlNamespaceURI
                var prefix = "xml"
                return uri.withUTF8 { u in prefix.withUTF8 { p in body(u, p, local) } }
            }
            let d = tree.namespaces[Int(n.ns)]
            return body(
                slice(d.uriStart, d.uriCount), d.prefixCount < 0 ? nil : slice(d.prefixStart, d.prefixCount), local)
        }
    }

    /// An identity for the element's namespace declaration, 0 when the element has no namespace.
    ///
    /// Two declarations of the same URI have different keys: use it to cache a classification of
    /// ``namespaceURI``, never as the namespace itself.
    public var namespaceKey: UInt { UInt(Int(node.ns) + 1) }

    /// The namespace URI, nil when none.
    public var namespaceURI: String? {
        let ns = node.ns
        return ns < 0 ? nil : tree.namespaceURI(ns)
    }

    /// The value of an attribute without namespace (or, failing that, with any namespace), nil when absent.
    ///
    /// Entity references inside the value are not expanded.
    public func attribute(_ name: String) -> String? {
        let n = node
        guard n.attrCount > 0 else { return nil }
        var fallback: XMLTree.Attribute?
        for k in Int(n.attrStart)..<Int(n.attrStart + n.attrCount) {
            let a = tree.attributes[k]
            guard tree.equals(a.nameStart, a.nameCount, name) else { continue }
            if a.ns < 0 { return tree.string(a.valueStart, a.valueCount) }
            if fallback == nil { fallback = a }
        }
        return fallback.map { tree.string($0.valueStart, $0.valueCount) }
    }

    /// The value of `xml:base` on this element, nil when absent.
    var xmlBase: String? {
        let n = node
        guard n.attrCount > 0 else { return nil }
        for k in Int(n.attrStart)..<Int(n.attrStart + n.attrCount) {
            let a = tree.attributes[k]
            if a.ns == 0, tree.equals(a.nameStart, a.nameCount, "base") {
                return tree.string(a.valueStart, a.valueCount)
            }
        }
        return nil
    }

    /// True when the element carries an `xml:base` attribute.
    public var hasXMLBase: Bool { xmlBase != nil }

    /// The child elements, in document order.
    public var elements: XMLCursorChildren { XMLCursorChildren(tree: tree, first: index + 1, end: node.end) }

    /// The parent element, nil at the root.
    public var parent: XMLCursor? {
        let p = node.parent
        return p < 0 ? nil : XMLCursor(tree: tree, index: p)
    }

    /// True when the element has at least one child element.
    public var hasElementChildren: Bool {
        var i = Int(index) + 1
        let end = Int(node.end)
        while i < end {
            let c = tree.nodeBase[i]
            if c.kind == .element { return true }
            i = Int(c.end)
        }
        return false
    }

    /// Walks the element's descendants in document order, one event per start, end, text or entity.
    public func walk(_ body: (XMLWalkEvent) -> Void) {
        var open: [Int32] = []
        var i = Int32(index) + 1
        let end = node.end
        while i < end {
            while let top = open.last, tree.nodeBase[Int(top)].end <= i {
                open.removeLast()
                body(.end(XMLCursor(tree: tree, index: top)))
            }
            let c = tree.nodeBase[Int(i)]
            switch c.kind {
            case .element:
                body(.start(XMLCursor(tree: tree, index: i)))
                if c.end == i + 1 { body(.end(XMLCursor(tree: tree, index: i))) } else { open.append(i) }
            case .text:
                tree.bytes.withUnsafeBufferPointer {
                    body(.text(UnsafeBufferPointer(rebasing: $0[Int(c.start)..<Int(c.start + c.count)])))
                }
            case .entity:
                body(.entity(tree.string(c.start, c.count)))
            }
            i += 1
        }
        while let top = open.popLast() { body(.end(XMLCursor(tree: tree, index: top))) }
    }

    /// Resolves `reference` against the `xml:base` in effect on this element (itself or its ancestors).
    ///
    /// The bases combine as libxml2's `xmlNodeGetBase` combines them: from the element outwards, each
    /// inner base resolved against the next outer one, stopping at the first absolute `http:`, `ftp:` or
    /// `urn:` base.
    /// - Returns: the reference unchanged when no `xml:base` applies or it cannot be resolved.
    public func resolve(_ reference: String) -> String {
        guard tree.hasXMLBase, !XMLCursor.hasScheme(reference) else { return reference }
        var base: String?
        var cursor: XMLCursor? = self
        while let c = cursor {
            if let b = c.xmlBase {
                if let inner = base {
                    guard let combined = XMLCursor.build(inner, against: b) else { return reference }
                    base = combined
                } else {
                    base = b
                }
                if let s = base, s.hasPrefix("http://") || s.hasPrefix("ftp://") || s.hasPrefix("urn:") { break }
            }
            cursor = c.parent
        }
        guard let base else { return reference }
        return XMLCursor.resolve(reference, against: base)
    }

    /// Resolves a URI reference against a base URI with libxml2's RFC 3986 resolver.
    public static func resolve(_ reference: String, against base: String) -> String {
        build(reference, against: base) ?? reference
    }

    /// True when `reference` starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`): then
    /// libxml2's resolver returns it as it is whatever the base (an absolute URI is not modified; one it
    /// cannot parse gives no result, and the reference is kept), so it need not be called. Most links in
    /// feeds with `xml:base` are absolute.
    static func hasScheme(_ reference: String) -> Bool {
        var first = true
        for c in reference.utf8 {
            let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if first {
                guard letter else { return false }
                first = false
                continue
            }
            if c == 0x3A { return true }
            guard letter || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E else { return false }
        }
        return false
    }

    static func build(_ reference: String, against base: String) -> String? {
        guard let built = xmlBuildURI(reference, base) else { return nil }
        defer { veille_xml_free(built) }
        return String(cString: built)
    }
}

/// One step of ``XMLCursor/walk(_:)``.
public enum XMLWalkEvent {
    /// An element opens.
    case start(XMLCursor)
    /// An element closes.
    case end(XMLCursor)
    /// Text or CDATA, as UTF-8 bytes valid only during the call.
    case text(UnsafeBufferPointer<UInt8>)
    /// A named entity reference the parser did not expand (`&eacute;` in a feed without DTD).
    case entity(String)
}

/// The child elements of a cursor, walked without building an array.
public struct XMLCursorChildren: Sequence {
    unowned(unsafe) let tree: XMLTree
    let first: Int32
    let end: Int32

    /// Iterates over element children only, jumping over each child's subtree.
    public struct Iterator: IteratorProtocol {
        unowned(unsafe) let tree: XMLTree
        var position: Int32
        let end: Int32
        /// The next element child, nil after the last.
        public mutating func next() -> XMLCursor? {
            while position < end {
                let i = position
                let n = tree.nodeBase[Int(i)]
                position = n.end
                if n.kind == .element { return XMLCursor(tree: tree, index: i) }
            }
            return nil
        }
    }

    /// An iterator from the first child.
    public func makeIterator() -> Iterator { Iterator(tree: tree, position: first, end: end) }
}
