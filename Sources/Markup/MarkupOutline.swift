import CLibXML2
import VeilleCore

/// A canonical text outline of a parsed tree, to compare two parsers (veille's own and libxml2's) or a
/// parser with a golden file: equal outlines, equal trees.
public enum MarkupOutline {
    /// The version of the libxml2 the process runs with, as libxml2 spells it (`20914` for 2.9.14).
    public static var libxml2Version: String { String(cString: veille_xml_parser_version()) }

    /// An XML tree: `<{namespace}prefix:name[{ns}attr=value,…]>` per element (attributes sorted), `</>` at
    /// its end, `T(text)` for text (adjacent pieces merged) and `&name;` for an entity node. With `ids`,
    /// each element also shows its name number (``XMLCursor/nameID``), which depends on the names the
    /// process met before: for comparing two trees in one process, not for golden files.
    public static func xml(_ tree: XMLTree, ids: Bool = false) -> String {
        var out = ""
        var pendingText = [UInt8]()
        func flush() {
            if !pendingText.isEmpty {
                out += "T(" + String(decoding: pendingText, as: UTF8.self) + ")"
                pendingText = []
            }
        }
        func element(_ c: XMLCursor) -> String {
            var attributes: [String] = []
            let n = c.node
            for k in Int(n.attrStart)..<Int(n.attrStart + n.attrCount) {
                let a = tree.attributes[k]
                let ns = a.ns < 0 ? "" : tree.namespaceURI(a.ns)
                attributes.append(
                    "{\(ns)}\(tree.string(a.nameStart, a.nameCount))=\(tree.string(a.valueStart, a.valueCount))")
            }
            return (ids ? "#\(c.nameID)" : "")
                + "{\(c.namespaceURI ?? "")}\(c.prefix ?? "-"):\(c.localName)[\(attributes.sorted().joined(separator: ","))]"
        }
        _ = tree.withRootCursor { root in
            out += "<" + element(root) + ">"
            root.walk { event in
                switch event {
                case .start(let c):
                    flush()
                    out += "<" + element(c) + ">"
                case .end:
                    flush()
                    out += "</>"
                case .text(let b): pendingText.append(contentsOf: b)
                case .entity(let name):
                    flush()
                    out += "&" + name + ";"
                }
            }
            flush()
        }
        return out
    }

    /// An HTML tree: `tag[attr=value](children)` per element, texts quoted.
    public static func html(_ t: HTMLTree) -> String {
        var out = ""
        var closing: [Int32] = []
        for i in 1..<t.nodes.count {
            while let e = closing.last, Int(e) <= i {
                out += ")"
                closing.removeLast()
            }
            let node = t.nodes[i]
            if node.kind == .text {
                out +=
                    "\"" + String(decoding: t.bytes[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self)
                    + "\""
                continue
            }
            out += node.tag.name
            for a in t.attributes[Int(node.start)..<Int(node.start + node.count)] {
                let name = String(decoding: t.bytes[Int(a.nameStart)..<Int(a.nameStart + a.nameCount)], as: UTF8.self)
                let value = String(
                    decoding: t.bytes[Int(a.valueStart)..<Int(a.valueStart + a.valueCount)], as: UTF8.self)
                out += "[\(name)=\(value)]"
            }
            out += "("
            closing.append(node.end)
        }
        out += String(repeating: ")", count: closing.count)
        return out
    }

    /// libxml2's tree of UTF-8 XML bytes, read as veille reads a feed libxml2 has to read (recover mode,
    /// `NONET`, no entity substitution).
    public static func libxml2XMLTree(_ bytes: [UInt8]) -> XMLTree? {
        MarkupDocument.libxml2Outcome(bytes, label: "utf-8", encoding: "utf-8").tree
    }

    /// Where veille's own XML parser and libxml2 disagree on UTF-8 bytes: nil when they agree, or when the
    /// own parser declines the document or had to recover it (libxml2 reads those in production). The
    /// differential fuzz target calls it on every input.
    public static func xmlDisagreement(_ bytes: [UInt8]) -> (own: String, libxml2: String)? {
        guard let (own, recovered) = XMLTreeParser.parseReporting(bytes), !recovered else { return nil }
        let reference = libxml2XMLTree(bytes).map { xml($0, ids: true) } ?? "(no tree)"
        let mine = xml(own, ids: true)
        return mine == reference ? nil : (mine, reference)
    }
}
