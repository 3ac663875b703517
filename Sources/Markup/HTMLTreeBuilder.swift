import CLibXML2

/// Walks libxml2's tree once, iteratively (no recursion, whatever the nesting), into an ``HTMLTree``.
struct HTMLTreeBuilder {
    var tree = HTMLTree()
    let maxDepth: Int
    /// libxml2 interns element names in the document's dictionary: one lookup per distinct name pointer.
    var tagCache: [UnsafeRawPointer: HTMLTag] = [:]

    init(maxDepth: Int) { self.maxDepth = max(1, maxDepth) }

    mutating func walk(_ doc: xmlDocPtr) {
        tree.nodes.reserveCapacity(4096)
        tree.bytes.reserveCapacity(1 << 16)
        tree.nodes.append(HTMLTree.Node(kind: .document, tag: .other, parent: -1, end: 0, start: 0, count: 0))
        var open: [Int32] = [0]          // materialised open elements; open[0] is the document
        var entered: [Bool] = []          // per entered libxml2 element: was it materialised?
        var next = doc.pointee.children
        while let n = next {
            if n.pointee.type == XML_ELEMENT_NODE {
                let tag = lookup(n.pointee.name)
                let keep = open.count <= maxDepth
                var index: Int32 = -1
                if keep {
                    index = Int32(tree.nodes.count)
                    let attrStart = Int32(tree.attributes.count)
                    let attrCount = addAttributes(n)
                    tree.nodes.append(HTMLTree.Node(kind: .element, tag: tag, parent: open[open.count - 1], end: 0,
                                                    start: attrStart, count: attrCount))
                } else {
                    tree.truncatedDepth = true
                }
                if n.pointee.children != nil, keepsContent(tag, index) {
                    if keep { open.append(index) }
                    entered.append(keep)
                    next = n.pointee.children
                    continue
                }
                if keep { tree.nodes[Int(index)].end = Int32(tree.nodes.count) }
            } else if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE {
                addText(n, parent: open[open.count - 1])
            }
            // Next sibling, or climb out of finished elements.
            var m = n
            next = nil
            while true {
                if let sibling = m.pointee.next { next = sibling; break }
                guard let up = m.pointee.parent, let wasKept = entered.popLast() else { break }
                if wasKept, let index = open.popLast() { tree.nodes[Int(index)].end = Int32(tree.nodes.count) }
                m = up
            }
        }
        tree.nodes[0].end = Int32(tree.nodes.count)
    }

    /// Script bodies other than JSON-LD, styles and templates are never read: they are not kept.
    func keepsContent(_ tag: HTMLTag, _ index: Int32) -> Bool {
        switch tag {
        case .style, .template: return false
        case .script:
            guard index >= 0, let type = tree.attribute(Int(index), "type") else { return false }
            return String(decoding: tree.bytes[type], as: UTF8.self).lowercased().contains("ld+json")
        default: return true
        }
    }

    mutating func lookup(_ name: UnsafePointer<xmlChar>?) -> HTMLTag {
        guard let name else { return .other }
        let key = UnsafeRawPointer(name)
        if let t = tagCache[key] { return t }
        let t = HTMLTag.named(String(cString: name))
        tagCache[key] = t
        return t
    }

    mutating func append(_ p: UnsafePointer<xmlChar>, limit: Int) -> (Int32, Int32) {
        let start = tree.bytes.count
        let len = min(Int(xmlStrlen(p)), limit)
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: len))
        return (Int32(start), Int32(len))
    }

    mutating func addAttributes(_ n: xmlNodePtr) -> Int32 {
        var count: Int32 = 0
        var a = n.pointee.properties
        while let attr = a {
            a = attr.pointee.next
            guard let name = attr.pointee.name else { continue }
            let (ns, nc) = append(name, limit: 256)
            var vs = Int32(tree.bytes.count), vc: Int32 = 0
            var child = attr.pointee.children
            while let c = child {
                if let content = c.pointee.content {
                    let (s, l) = append(content, limit: HTMLTree.maxAttributeBytes - Int(vc))
                    if vc == 0 { vs = s }
                    vc += l
                }
                child = c.pointee.next
            }
            tree.attributes.append(HTMLTree.Attribute(nameStart: ns, nameCount: nc, valueStart: vs, valueCount: vc))
            count += 1
        }
        return count
    }

    mutating func addText(_ n: xmlNodePtr, parent: Int32) {
        guard let content = n.pointee.content else { return }
        let (s, l) = append(content, limit: Int(Int32.max / 4))
        guard l > 0 else { return }
        let index = Int32(tree.nodes.count)
        tree.nodes.append(HTMLTree.Node(kind: .text, tag: .other, parent: parent, end: index + 1, start: s, count: l))
    }
}
