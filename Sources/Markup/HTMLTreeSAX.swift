import CLibXML2
import VeilleCore

/// Builds an ``HTMLTree`` straight from libxml2's HTML parser events (SAX), without libxml2 building and
/// freeing a tree of its own: the same parser, the same implied and auto-closed elements, a fraction of the
/// allocations. The builder is a struct reached through the parser's user-data pointer (no class, so no
/// dynamic exclusivity checks in the per-node callbacks).
struct HTMLTreeSAX: HTMLTreeSink {
    var tree = HTMLTree()
    let maxDepth: Int
    /// Materialised open elements; `open[0]` is the document.
    var open: [Int32] = [0]
    /// Per start event still open: was the element materialised?
    var entered: [Bool] = []
    /// Above 0 while inside an element whose content is not kept (style, template, non-JSON-LD script).
    var skipping = 0
    /// True while inside a JSON-LD script, whose text is kept.
    var inJSONScript = false
    var tagCache: [UnsafeRawPointer: HTMLTag] = [:]

    init(maxDepth: Int) { self.maxDepth = max(1, maxDepth) }

    /// Parses with libxml2's HTML parser (charset by the project's rule) and returns the flattened tree.
    ///
    /// One safety net: libxml2 stops at the first byte its converter rejects, so a page labelled with a
    /// legacy multi-byte charset (`gb2312`, `shift_jis`…) that is in fact UTF-8 would lose everything after
    /// its first non-ASCII character. When such a parse keeps almost nothing and the bytes are valid UTF-8,
    /// the page is read as UTF-8 (the rule's own fallback, in the other direction).
    static func parse(_ bytes: [UInt8], httpCharset: String?, maxDepth: Int) -> HTMLTree? {
        MarkupLibrary.initialize()
        let decision = Charset.decide(bytes, httpCharset: httpCharset, kind: .html)
        guard let tree = run(bytes, decision, maxDepth: maxDepth) else { return nil }
        let converted = !["utf-8", "us-ascii", "windows-1252", "iso-8859-1"].contains(decision.label)
        if converted, stoppedEarly(tree, bytes), Charset.isValidUTF8(bytes[...]) {
            return run(bytes, Charset.decide(bytes, httpCharset: "utf-8", kind: .html), maxDepth: maxDepth) ?? tree
        }
        return tree
    }

    /// A tree far smaller than the page's markup: the parser gave up on the way (a converter error).
    static func stoppedEarly(_ tree: HTMLTree, _ bytes: [UInt8]) -> Bool {
        var tags = 0
        for b in bytes where b == 0x3C { tags += 1 }
        return tree.nodes.count * 2 < tags || tree.bytes.count < bytes.count / 50
    }

    static func run(_ bytes: [UInt8], _ decision: Charset.Decision, maxDepth: Int) -> HTMLTree? {
        let builder = UnsafeMutablePointer<HTMLTreeSAX>.allocate(capacity: 1)
        builder.initialize(to: HTMLTreeSAX(maxDepth: maxDepth))
        defer {
            builder.deinitialize(count: 1)
            builder.deallocate()
        }
        builder.pointee.tree.nodes.reserveCapacity(bytes.count / 40)
        builder.pointee.tree.bytes.reserveCapacity(bytes.count / 2)
        builder.pointee.tree.nodes.append(
            HTMLTree.Node(kind: .document, tag: .other, parent: -1, end: 0, start: 0, count: 0))
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue
                | HTML_PARSE_IGNORE_ENC.rawValue) // the charset rule decided: a late <meta charset> must not switch it
        let parsed: Bool? = MarkupDocument.withEncodedBytes(bytes, decision) { ptr, count, encoding in
            guard let ctxt = htmlCreateMemoryParserCtxt(ptr, count) else { return false }
            defer {
                if let doc = ctxt.pointee.myDoc {
                    xmlFreeDoc(doc)
                    ctxt.pointee.myDoc = nil
                }
                htmlFreeParserCtxt(ctxt)
            }
            guard let sax = ctxt.pointee.sax else { return false }
            sax.pointee = HTMLTreeSAX.makeHandler()
            ctxt.pointee.userData = UnsafeMutableRawPointer(builder)
            _ = htmlCtxtUseOptions(ctxt, options)
            _ = veille_html_switch_encoding(ctxt, encoding)
            _ = htmlParseDocument(ctxt)
            return true
        }
        guard parsed == true else { return nil }
        builder.pointee.finish()
        return builder.pointee.tree
    }

    /// The SAX callbacks: elements, text and script/style blocks; everything else is ignored.
    static func makeHandler() -> htmlSAXHandler {
        var h = htmlSAXHandler()
        h.startElement = { ctx, name, atts in
            guard let ctx else { return }
            ctx.assumingMemoryBound(to: HTMLTreeSAX.self).pointee.start(name, atts)
        }
        h.endElement = { ctx, _ in
            guard let ctx else { return }
            ctx.assumingMemoryBound(to: HTMLTreeSAX.self).pointee.end()
        }
        h.characters = { ctx, ch, len in
            guard let ctx, let ch, len > 0 else { return }
            ctx.assumingMemoryBound(to: HTMLTreeSAX.self).pointee.text(ch, Int(len))
        }
        h.cdataBlock = { ctx, ch, len in
            guard let ctx, let ch, len > 0 else { return }
            let b = ctx.assumingMemoryBound(to: HTMLTreeSAX.self)
            if b.pointee.inJSONScript { b.pointee.text(ch, Int(len), force: true) }
        }
        return h
    }

    mutating func lookup(_ name: UnsafePointer<xmlChar>?) -> HTMLTag {
        guard let name else { return .other }
        let key = UnsafeRawPointer(name)
        if let t = tagCache[key] { return t }
        let t = HTMLTag.named(String(cString: name))
        tagCache[key] = t
        return t
    }

    mutating func start(_ name: UnsafePointer<xmlChar>?, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if skipping > 0 {
            skipping += 1
            entered.append(false)
            return
        }
        let tag = lookup(name)
        guard open.count <= maxDepth else {
            tree.truncatedDepth = true
            entered.append(false)
            return
        }
        let index = Int32(tree.nodes.count)
        let attrStart = Int32(tree.attributes.count)
        var attrCount: Int32 = 0
        if let atts {
            var k = 0
            while let attName = atts[k] {
                let (ns, nc) = append(attName, limit: 256)
                var vs = Int32(tree.bytes.count)
                var vc: Int32 = 0
                if let value = atts[k + 1] { (vs, vc) = append(value, limit: HTMLTree.maxAttributeBytes) }
                tree.attributes.append(HTMLTree.Attribute(nameStart: ns, nameCount: nc, valueStart: vs, valueCount: vc))
                attrCount += 1
                k += 2
            }
        }
        tree.nodes.append(
            HTMLTree.Node(
                kind: .element, tag: tag, parent: open[open.count - 1], end: 0,
                start: attrStart, count: attrCount))
        open.append(index)
        entered.append(true)
        didOpen(tag, at: index)
    }

    mutating func end() {
        guard let kept = entered.popLast() else { return }
        didClose(kept: kept)
    }

    mutating func text(_ ch: UnsafePointer<xmlChar>, _ len: Int, force: Bool = false) {
        guard skipping == 0 || force else { return }
        let parent = open[open.count - 1]
        // Adjacent chunks of one text run extend the last text node.
        if let last = tree.nodes.last, last.kind == .text, last.parent == parent,
            Int(last.start + last.count) == tree.bytes.count
        {
            tree.bytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: len))
            tree.nodes[tree.nodes.count - 1].count += Int32(len)
            return
        }
        let start = Int32(tree.bytes.count)
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: len))
        let index = Int32(tree.nodes.count)
        tree.nodes.append(
            HTMLTree.Node(kind: .text, tag: .other, parent: parent, end: index + 1, start: start, count: Int32(len)))
    }

    mutating func append(_ p: UnsafePointer<xmlChar>, limit: Int) -> (Int32, Int32) {
        let start = tree.bytes.count
        let len = min(Int(xmlStrlen(p)), limit)
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: len))
        return (Int32(start), Int32(len))
    }

    /// Closes what the parser left open.
    mutating func finish() {
        while open.count > 1, let index = open.popLast() { tree.nodes[Int(index)].end = Int32(tree.nodes.count) }
        tree.nodes[0].end = Int32(tree.nodes.count)
    }
}
