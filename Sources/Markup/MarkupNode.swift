import CLibXML2

/// A node of a ``MarkupDocument``; holds its document alive.
public struct MarkupNode {
    let ptr: xmlNodePtr
    /// Keeps the tree alive while this node is in use.
    public let document: MarkupDocument

    /// The kinds of node the stages care about.
    public enum Kind: Sendable { case element, text, cdata, comment, other }

    public var kind: Kind {
        switch ptr.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_TEXT_NODE: return .text
        case XML_CDATA_SECTION_NODE: return .cdata
        case XML_COMMENT_NODE: return .comment
        default: return .other
        }
    }

    /// The local name, lower-cased as libxml2's HTML parser leaves it (`p`, `div`; XML keeps its case).
    public var name: String {
        guard let n = ptr.pointee.name else { return "" }
        return String(cString: n)
    }

    /// The namespace URI of an element, nil when none.
    public var namespaceURI: String? {
        guard let ns = ptr.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The value of an attribute (no namespace), nil when absent.
    public func attribute(_ name: String) -> String? {
        guard let v = xmlGetProp(ptr, name) else { return nil }
        defer { veille_xml_free(v) }
        return String(cString: v)
    }

    /// The value of an attribute in a namespace.
    public func attribute(_ name: String, namespace: String) -> String? {
        guard let v = xmlGetNsProp(ptr, name, namespace) else { return nil }
        defer { veille_xml_free(v) }
        return String(cString: v)
    }

    /// Raw text of a text or CDATA node (empty for elements).
    public var content: String {
        guard let c = ptr.pointee.content else { return "" }
        return String(cString: c)
    }

    /// All text below this node, concatenated as libxml2 gives it.
    public var textContent: String {
        guard let c = xmlNodeGetContent(ptr) else { return "" }
        defer { veille_xml_free(c) }
        return String(cString: c)
    }

    /// The children, in document order.
    public var children: MarkupChildren { MarkupChildren(first: ptr.pointee.children, document: document) }

    /// Child elements only.
    public var elements: [MarkupNode] { children.filter { $0.kind == .element } }

    /// The parent element, nil at the root.
    public var parent: MarkupNode? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(ptr: p, document: document)
    }

    /// The base URI in effect here (xml:base on this node or its ancestors), nil when none.
    public var baseURI: String? {
        guard let b = xmlNodeGetBase(document.doc, ptr) else { return nil }
        defer { veille_xml_free(b) }
        return String(cString: b)
    }
}

/// The children of a node, walked without building an array.
public struct MarkupChildren: Sequence {
    let first: xmlNodePtr?
    let document: MarkupDocument

    /// Walks the sibling chain one node at a time.
    public struct Iterator: IteratorProtocol {
        var next_: xmlNodePtr?
        let document: MarkupDocument
        public mutating func next() -> MarkupNode? {
            guard let n = next_ else { return nil }
            next_ = n.pointee.next
            return MarkupNode(ptr: n, document: document)
        }
    }

    /// An iterator from the first child element.
    public func makeIterator() -> Iterator { Iterator(next_: first, document: document) }
}
