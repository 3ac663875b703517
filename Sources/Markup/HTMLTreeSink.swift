/// What both HTML tree builders (veille's parser, ``HTMLTreeParser``, and libxml2's events,
/// ``HTMLTreeSAX``) do alike as elements open and close: which content is kept (not the bodies of
/// `<style>`, `<template>` and scripts other than JSON-LD) and how the open elements end.
protocol HTMLTreeSink {
    /// The tree being built.
    var tree: HTMLTree { get set }
    /// Materialised open elements; `open[0]` is the document.
    var open: [Int32] { get set }
    /// Above 0 while inside an element whose content is not kept.
    var skipping: Int { get set }
    /// True while inside a JSON-LD script, whose text is kept.
    var inJSONScript: Bool { get set }
}

/// What becomes of an element's content in the tree.
enum HTMLContent { case kept, skipped, jsonLD }

extension HTMLTreeSink {
    /// Notes that element `tag`, node `index`, just opened: its content is skipped or read as JSON-LD.
    mutating func didOpen(_ tag: HTMLTag, at index: Int32) {
        switch Self.content(of: tag, at: index, in: tree) {
        case .skipped: skipping = 1
        case .jsonLD: inJSONScript = true
        case .kept: break
        }
    }

    /// Closes the innermost element; `kept` says whether it was materialised.
    mutating func didClose(kept: Bool) {
        if skipping > 0 {
            skipping -= 1
            if kept, skipping == 0, let index = open.popLast() { tree.nodes[Int(index)].end = Int32(tree.nodes.count) }
            return
        }
        if kept, let index = open.popLast() {
            if tree.nodes[Int(index)].tag == .script { inJSONScript = false }
            tree.nodes[Int(index)].end = Int32(tree.nodes.count)
        }
    }

    /// Script bodies other than JSON-LD, styles and templates are never read: they are not kept.
    static func content(of tag: HTMLTag, at index: Int32, in tree: HTMLTree) -> HTMLContent {
        switch tag {
        case .style, .template: return .skipped
        case .script:
            if let type = tree.attribute(Int(index), "type"), isJSONLD(tree.bytes[type]) { return .jsonLD }
            return .skipped
        default: return .kept
        }
    }

    /// `application/ld+json`, in any case.
    static func isJSONLD(_ type: ArraySlice<UInt8>) -> Bool {
        let want = Array("ld+json".utf8)
        guard type.count >= want.count else { return false }
        let tail = type.suffix(want.count + 8)
        var i = tail.startIndex
        while i + want.count <= tail.endIndex {
            var k = 0
            while k < want.count, tail[i + k] | 0x20 == want[k] | 0x20 { k += 1 }
            if k == want.count { return true }
            i += 1
        }
        return false
    }
}
