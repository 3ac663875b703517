import CLibXML2
import VeilleCore

/// Copies libxml2's recovered tree into an ``XMLTree``, in one iterative walk (no recursion, whatever the
/// nesting): the path for documents veille's own parser declines (ill-formed, DTD entities, legacy
/// multi-byte charsets).
struct XMLTreeConverter {
    var tree = XMLTree.Builder(bytes: [])
    /// libxml2's namespace declarations (by address) and their index in the tree.
    var namespaceIndex: [UnsafeRawPointer: Int32] = [:]
    /// Element names (namespace index and local name) and their number.
    var nameIDs: [String: Int32] = [:]

    /// The tree under `doc`'s root element.
    static func convert(_ doc: xmlDocPtr) -> XMLTree {
        var converter = XMLTreeConverter()
        if let root = xmlDocGetRootElement(doc) { converter.walk(root) }
        return XMLTree(converter.tree)
    }

    mutating func walk(_ root: xmlNodePtr) {
        var open: [Int32] = []
        var node: xmlNodePtr? = root
        while let n = node {
            var descend = false
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                let index = addElement(n, parent: open.last ?? -1)
                if n.pointee.children != nil {
                    open.append(index)
                    descend = true
                } else {
                    tree.nodes[Int(index)].end = index + 1
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let c = n.pointee.content { addLeaf(.text, c, parent: open.last ?? -1) }
            case XML_ENTITY_REF_NODE:
                if let name = n.pointee.name { addLeaf(.entity, name, parent: open.last ?? -1) }
            default:
                break
            }
            if descend, let first = n.pointee.children {
                node = first
                continue
            }
            if n == root { break }
            // Next sibling, or climb out of finished elements.
            var m = n
            node = nil
            while true {
                if let sibling = m.pointee.next {
                    node = sibling
                    break
                }
                guard let up = m.pointee.parent, let index = open.popLast() else { break }
                tree.nodes[Int(index)].end = Int32(tree.nodes.count)
                if up == root { break }
                m = up
            }
        }
        while let index = open.popLast() { tree.nodes[Int(index)].end = Int32(tree.nodes.count) }
    }

    mutating func addElement(_ n: xmlNodePtr, parent: Int32) -> Int32 {
        let index = Int32(tree.nodes.count)
        let name = appendC(n.pointee.name)
        let ns = namespace(n.pointee.ns)
        let attrStart = Int32(tree.attributes.count)
        var attr = n.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            let attrName = appendC(a.pointee.name)
            let valueStart = Int32(tree.bytes.count)
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content { _ = appendC(content) }
                child = c.pointee.next
            }
            let valueCount = Int32(tree.bytes.count) - valueStart
            let ns = namespace(a.pointee.ns) // after the value is measured: a first sight appends the URI
            tree.attributes.append(
                XMLTree.Attribute(
                    nameStart: attrName.0, nameCount: attrName.1, ns: ns,
                    valueStart: valueStart, valueCount: valueCount))
        }
        let key =
            "\(ns) "
            + tree.bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(name.0)..<Int(name.0 + name.1)]), as: UTF8.self)
            }
        let id: Int32
        if let known = nameIDs[key] {
            id = known
        } else {
            id = Int32(tree.nameCount)
            tree.nameCount += 1
            nameIDs[key] = id
        }
        tree.nodes.append(
            XMLTree.Node(
                kind: .element, parent: parent, end: index + 1, start: name.0, count: name.1, ns: ns,
                attrStart: attrStart, attrCount: Int32(tree.attributes.count) - attrStart, name: id))
        return index
    }

    mutating func addLeaf(_ kind: XMLTree.Kind, _ p: UnsafePointer<xmlChar>, parent: Int32) {
        let (start, count) = appendC(p)
        let index = Int32(tree.nodes.count)
        tree.nodes.append(
            XMLTree.Node(
                kind: kind, parent: parent, end: index + 1, start: start, count: count, ns: -1,
                attrStart: 0, attrCount: 0))
    }

    /// The tree's index for a libxml2 namespace declaration, added on first sight; -1 for none.
    mutating func namespace(_ ns: xmlNsPtr?) -> Int32 {
        guard let ns else { return -1 }
        let key = UnsafeRawPointer(ns)
        if let known = namespaceIndex[key] { return known }
        var index: Int32 = -1
        if let href = ns.pointee.href {
            if let p = ns.pointee.prefix, String(cString: p) == "xml", String(cString: href) == XMLTree.xmlNamespaceURI
            {
                index = 0
            } else {
                let uri = appendC(href)
                let prefix = ns.pointee.prefix.map { appendC($0) } ?? (0, -1)
                index = Int32(tree.namespaces.count)
                tree.namespaces.append(
                    XMLTree.Namespace(prefixStart: prefix.0, prefixCount: prefix.1, uriStart: uri.0, uriCount: uri.1))
            }
        }
        namespaceIndex[key] = index
        return index
    }

    /// Appends one of libxml2's strings to the tree's buffer. The tree holds UTF-8 only (its readers rely
    /// on it): libxml2 in recover mode passes bytes it could not convert through as they are (a document
    /// in an encoding it does not know), so a string that is not UTF-8 is repaired with U+FFFD here.
    mutating func appendC(_ p: UnsafePointer<xmlChar>?) -> (Int32, Int32) {
        guard let p else { return (Int32(tree.bytes.count), 0) }
        let bytes = UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p)))
        guard Charset.isValidUTF8(bytes) else { return tree.append(Array(String(decoding: bytes, as: UTF8.self).utf8)) }
        return tree.append(bytes)
    }
}
