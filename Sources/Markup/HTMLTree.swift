import CLibXML2
import VeilleCore

/// A parsed HTML page flattened into arrays: nodes in document order, every text and attribute value in one
/// UTF-8 buffer.
///
/// Built in one pass over the page's bytes by ``HTMLTreeParser`` (libxml2's HTML rules; libxml2 itself for
/// charsets other than UTF-8 and windows-1252), so that the stages that score whole pages (Extraction)
/// work on plain Swift arrays without a String per node and without recursion. Node 0 is the document itself; a node's subtree is the index range `i ..< end`.
/// The walk is bounded: elements deeper than `maxDepth` are not materialised (their content is attached to
/// the deepest kept ancestor), and the text of `<script>` (other than JSON-LD), `<style>` and `<template>`
/// is not kept. Attribute values are cut at `maxAttributeBytes`.
public struct HTMLTree: Sendable {
    /// What a node is.
    public enum Kind: UInt8, Sendable { case document, element, text }

    /// One node: 16 bytes, no references.
    public struct Node: Sendable {
        /// Element, text or the document node.
        public var kind: Kind
        /// The element's tag (``HTMLTag/other`` for text and unknown tags).
        public var tag: HTMLTag
        /// Index of the parent node (-1 for the document).
        public var parent: Int32
        /// One past the last node of this node's subtree.
        public var end: Int32
        /// Text nodes: start of the text in ``HTMLTree/bytes``. Elements: first index in ``HTMLTree/attributes``.
        public var start: Int32
        /// Text nodes: the text's length in bytes. Elements: the number of attributes.
        public var count: Int32
    }

    /// One attribute: its name and value as ranges of ``HTMLTree/bytes`` (names lower-cased by the parser).
    public struct Attribute: Sendable {
        /// Start of the name in ``HTMLTree/bytes``.
        public var nameStart: Int32
        /// Length of the name in bytes.
        public var nameCount: Int32
        /// Start of the value in ``HTMLTree/bytes``.
        public var valueStart: Int32
        /// Length of the value in bytes (0 for a bare attribute such as `hidden`).
        public var valueCount: Int32
    }

    /// All texts and attribute names and values, UTF-8, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// The nodes in document (pre-)order; node 0 is the document.
    public internal(set) var nodes: [Node] = []
    /// The attributes of all elements; an element's are contiguous.
    public internal(set) var attributes: [Attribute] = []
    /// True when elements were flattened because the page nested deeper than the limit.
    public internal(set) var truncatedDepth = false

    /// Default depth past which elements are flattened (browsers cap around 512).
    public static let defaultMaxDepth = 256
    /// Attribute values longer than this are cut (data: URLs, inline styles); nothing read needs more.
    public static let maxAttributeBytes = 4096

    /// The value of attribute `name` (lower-case ASCII) on element `node`, as a range of ``bytes``.
    public func attribute(_ node: Int, _ name: StaticString) -> Range<Int>? {
        let n = nodes[node]
        guard n.kind == .element, n.count > 0 else { return nil }
        let want = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return bytes.withUnsafeBufferPointer { b in
            attributes.withUnsafeBufferPointer { attrs in
                var i = Int(n.start)
                let end = Int(n.start + n.count)
                while i < end {
                    let a = attrs[i]
                    i += 1
                    guard Int(a.nameCount) == want.count else { continue }
                    var k = 0
                    while k < want.count, b[Int(a.nameStart) + k] == want[k] { k += 1 }
                    if k == want.count { return Int(a.valueStart)..<Int(a.valueStart + a.valueCount) }
                }
                return nil
            }
        }
    }

    /// The value of attribute `name` on element `node` as a String, nil when absent.
    public func attributeString(_ node: Int, _ name: StaticString) -> String? {
        attribute(node, name).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The text of a text node, or all text below an element concatenated, as a String.
    public func text(_ node: Int) -> String {
        String(decoding: textBytes(node), as: UTF8.self)
    }

    /// The text below `node` as UTF-8 bytes (text nodes concatenated in document order).
    public func textBytes(_ node: Int) -> [UInt8] {
        var out = [UInt8]()
        var i = node
        let end = Int(nodes[node].end)
        while i < end {
            let n = nodes[i]
            if n.kind == .text { out.append(contentsOf: bytes[Int(n.start)..<Int(n.start + n.count)]) }
            i += 1
        }
        return out
    }

    /// Parses HTML bytes (charset by the project's rule) into a tree.
    ///
    /// UTF-8 pages are parsed in place, and windows-1252, ISO-8859-1 and US-ASCII ones after transcoding to
    /// UTF-8, by veille's own parser (``HTMLTreeParser``, libxml2's HTML rules in one pass); pages in any
    /// other charset go through libxml2's converters and parser events (``HTMLTreeSAX``).
    ///
    /// - Returns: nil for empty input, or when libxml2 built no tree.
    public static func parse(_ bytes: [UInt8], httpCharset: String? = nil, maxDepth: Int = defaultMaxDepth) -> HTMLTree?
    {
        let decision = Charset.decide(bytes, httpCharset: httpCharset, kind: .html)
        switch decision.label {
        case "utf-8":
            guard bytes.count > decision.bomLength else { return nil }
            return bytes.withUnsafeBufferPointer { buf in
                HTMLTreeParser.parse(UnsafeBufferPointer(rebasing: buf[decision.bomLength...]), maxDepth: maxDepth)
            }
        case "windows-1252", "iso-8859-1", "us-ascii":
            let utf8 = Charset.windows1252ToUTF8(bytes[...])
            guard !utf8.isEmpty else { return nil }
            return utf8.withUnsafeBufferPointer { HTMLTreeParser.parse($0, maxDepth: maxDepth) }
        default:
            return HTMLTreeSAX.parse(bytes, httpCharset: httpCharset, maxDepth: maxDepth)
        }
    }

    /// Parses with libxml2's HTML parser events (``HTMLTreeSAX``) whatever the charset: the reference the
    /// own parser is compared with.
    public static func parseWithLibXML2(
        _ bytes: [UInt8], httpCharset: String? = nil,
        maxDepth: Int = defaultMaxDepth
    ) -> HTMLTree? {
        HTMLTreeSAX.parse(bytes, httpCharset: httpCharset, maxDepth: maxDepth)
    }

    init() {}
}
