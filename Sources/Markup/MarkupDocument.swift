import CLibXML2
import VeilleCore

/// A parsed HTML or XML document, owning libxml2's tree and freeing it when released.
///
/// Nodes (``MarkupNode``) keep their document alive, so a node can never outlive its tree (Kanna's
/// ownership model). Parsing never touches the network (`NONET`), never substitutes entities (no `NOENT`),
/// never loads a DTD (no `DTDLOAD`) and never lifts libxml2's size limits (no `HUGE`).
public final class MarkupDocument {
    let doc: xmlDocPtr

    init(doc: xmlDocPtr) { self.doc = doc }

    deinit { xmlFreeDoc(doc) }

    /// The root element, nil for an empty document.
    public var root: MarkupNode? {
        guard let r = xmlDocGetRootElement(doc) else { return nil }
        return MarkupNode(ptr: r, document: self)
    }

    /// Parses HTML bytes with libxml2's HTML parser, in the encoding decided by the project's charset rule.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - httpCharset: the HTTP `charset`, if any.
    /// - Returns: nil when libxml2 could build no tree at all.
    public static func html(_ bytes: [UInt8], httpCharset: String? = nil) -> MarkupDocument? {
        MarkupLibrary.initialize()
        let decision = Charset.decide(bytes, httpCharset: httpCharset, kind: .html)
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let doc: htmlDocPtr? = withEncodedBytes(bytes, decision) { ptr, count, encoding in
            htmlReadMemory(ptr, count, nil, encoding, options)
        }
        return doc.map(MarkupDocument.init(doc:))
    }

    /// Parses XML bytes in recover mode, in the encoding decided by the project's charset rule.
    ///
    /// - Returns: nil when libxml2 could build no tree at all.
    public static func xml(_ bytes: [UInt8], httpCharset: String? = nil) -> MarkupDocument? {
        MarkupLibrary.initialize()
        let decision = Charset.decide(bytes, httpCharset: httpCharset, kind: .xml)
        let options = Int32(
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)
        let doc: xmlDocPtr? = withEncodedBytes(bytes, decision) { ptr, count, encoding in
            xmlReadMemory(ptr, count, nil, encoding, options)
        }
        return doc.map(MarkupDocument.init(doc:))
    }

    /// Hands libxml2 the bytes and the encoding label. Labels libxml2 may not know (windows-1252 fallback
    /// for invalid UTF-8) are transcoded to UTF-8 in Swift first.
    static func withEncodedBytes<R>(
        _ bytes: [UInt8], _ d: Charset.Decision,
        _ body: (UnsafePointer<CChar>, Int32, String) -> R?
    ) -> R? {
        var data = bytes
        var label = d.label
        if label == "windows-1252" || label == "iso-8859-1" || label == "us-ascii" {
            // windows-1252 is read by the project's own table (browsers read ISO-8859-1 labels the same way).
            data = Charset.windows1252ToUTF8(bytes[...])
            label = "utf-8"
        } else if d.bomLength > 0, label == "utf-8" {
            data = Array(bytes[d.bomLength...])
        }
        guard !data.isEmpty, data.count < Int(Int32.max) else { return nil }
        return data.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                body(p, Int32(buf.count), label)
            }
        }
    }
}

/// One-time libxml2 set-up: initialise the library and silence its default error printer.
enum MarkupLibrary {
    private static let once: Void = {
        xmlInitParser()
        veille_xml_install_quiet_handlers()
    }()

    static func initialize() { _ = once }
}
