import Foundation
import CLibXML2

/// A lightweight, non-owning view of one element of an XML ``MarkupDocument``, for one fast pass.
///
/// Unlike ``MarkupNode`` it holds no reference to its document (no reference counting per node) and
/// allocates nothing until a value is asked for, so a feed can be walked at the speed of pointer reads.
/// It is only valid inside ``MarkupDocument/withRootCursor(_:)``, which keeps the tree alive.
public struct XMLCursor {
    let ptr: xmlNodePtr

    /// The local name (`item`, `title`); a qualified name whose prefix was undeclared keeps its colon.
    public var localName: String {
        guard let n = ptr.pointee.name else { return "" }
        return String(cString: n)
    }

    /// The declared prefix of the element's namespace, nil when none.
    public var prefix: String? {
        guard let ns = ptr.pointee.ns, let p = ns.pointee.prefix else { return nil }
        return String(cString: p)
    }

    /// An identity for the element's namespace declaration, 0 when the element has no namespace.
    ///
    /// Two declarations of the same URI have different keys: use it to cache a classification of
    /// ``namespaceURI``, never as the namespace itself.
    public var namespaceKey: UInt {
        guard let ns = ptr.pointee.ns else { return 0 }
        return UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(ns)))
    }

    /// The namespace URI, nil when none.
    public var namespaceURI: String? {
        guard let ns = ptr.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The value of an attribute without namespace (or, failing that, with any namespace), nil when absent.
    ///
    /// Entity references inside the value are not expanded.
    public func attribute(_ name: String) -> String? {
        var fallback: xmlAttrPtr?
        var attr = ptr.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, name.withCString({ strcmp($0, UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self)) }) == 0 {
                if a.pointee.ns == nil { return XMLCursor.attributeValue(a) }
                if fallback == nil { fallback = a }
            }
            attr = a.pointee.next
        }
        return fallback.map(XMLCursor.attributeValue)
    }

    /// True when the element carries an `xml:base` attribute.
    public var hasXMLBase: Bool {
        var attr = ptr.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, let ns = a.pointee.ns, let p = ns.pointee.prefix,
               strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), "base") == 0,
               strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), "xml") == 0 { return true }
            attr = a.pointee.next
        }
        return false
    }

    static func attributeValue(_ a: xmlAttrPtr) -> String {
        var out = ""
        var child = a.pointee.children
        while let c = child {
            if let content = c.pointee.content { out += String(cString: content) }
            child = c.pointee.next
        }
        return out
    }

    /// The child elements, in document order.
    public var elements: XMLCursorChildren { XMLCursorChildren(first: ptr.pointee.children) }

    /// The parent element, nil at the root.
    public var parent: XMLCursor? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLCursor(ptr: p)
    }

    /// True when the element has at least one child element.
    public var hasElementChildren: Bool {
        var child = ptr.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { return true }
            child = c.pointee.next
        }
        return false
    }

    /// The text of the element's descendants (text and CDATA), entity references left to `entity`.
    ///
    /// - Parameter entity: the replacement for a named entity reference the parser left unexpanded
    ///   (nil drops it). DTD entities are never expanded by libxml2 here.
    public func text(entity: (String) -> String?) -> String {
        String(decoding: textBytes(entity: entity), as: UTF8.self)
    }

    /// Runs `body` on the element's text as UTF-8 bytes: straight from libxml2's buffer when the element
    /// holds one text or CDATA node (no copy), else gathered as ``textBytes(entity:)`` gathers it.
    public func withText<R>(entity: (String) -> String?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let only = ptr.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            guard let c = only.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: c, count: strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))))
        }
        return textBytes(entity: entity).withUnsafeBufferPointer(body)
    }

    /// ``text(entity:)`` as UTF-8 bytes, without building a String.
    public func textBytes(entity: (String) -> String?) -> [UInt8] {
        // The common case, one text or CDATA child: copied straight from libxml2's buffer.
        if let only = ptr.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            guard let c = only.pointee.content else { return [] }
            return Array(UnsafeBufferPointer(start: c, count: strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))))
        }
        var bytes = [UInt8]()
        walk { event in
            switch event {
            case .text(let buffer): bytes.append(contentsOf: buffer)
            case .entity(let name): if let r = entity(name) { bytes.append(contentsOf: r.utf8) }
            case .start, .end: break
            }
        }
        return bytes
    }

    /// Walks the element's descendants in document order, one event per start, end, text or entity.
    public func walk(_ body: (XMLWalkEvent) -> Void) {
        guard var node = ptr.pointee.children else { return }
        while true {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                body(.start(XMLCursor(ptr: node)))
                if node.pointee.children != nil { descend = true } else { body(.end(XMLCursor(ptr: node))) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let c = node.pointee.content {
                    body(.text(UnsafeBufferPointer(start: c, count: strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self)))))
                }
            case XML_ENTITY_REF_NODE:
                if let n = node.pointee.name { body(.entity(String(cString: n))) }
            default: break
            }
            if descend, let first = node.pointee.children { node = first; continue }
            // Climb until a next sibling exists, closing the elements we leave.
            while node.pointee.next == nil {
                guard let up = node.pointee.parent, up != ptr else { return }
                node = up
                body(.end(XMLCursor(ptr: node)))
            }
            guard let next = node.pointee.next else { return }
            node = next
        }
    }

    /// Resolves `reference` against the `xml:base` in effect on this element (itself or its ancestors).
    ///
    /// - Returns: the reference unchanged when no `xml:base` applies or it cannot be resolved.
    public func resolve(_ reference: String) -> String {
        guard let doc = ptr.pointee.doc, let base = xmlNodeGetBase(doc, ptr) else { return reference }
        defer { veille_xml_free(base) }
        return XMLCursor.resolve(reference, against: String(cString: base))
    }

    /// Resolves a URI reference against a base URI with libxml2's RFC 3986 resolver.
    public static func resolve(_ reference: String, against base: String) -> String {
        guard let built = xmlBuildURI(reference, base) else { return reference }
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
    let first: xmlNodePtr?

    /// Iterates over element siblings only.
    public struct Iterator: IteratorProtocol {
        var node: xmlNodePtr?
        /// The next element sibling, nil after the last.
        public mutating func next() -> XMLCursor? {
            while let n = node {
                node = n.pointee.next
                if n.pointee.type == XML_ELEMENT_NODE { return XMLCursor(ptr: n) }
            }
            return nil
        }
    }

    /// An iterator from the first child element.
    public func makeIterator() -> Iterator { Iterator(node: first) }
}
