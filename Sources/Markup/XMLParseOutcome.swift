import CLibXML2
import Foundation
import VeilleCore

/// An XML document parsed into an ``XMLTree``, with what the parser had to say about its well-formedness.
///
/// Well-formed UTF-8 documents (most feeds) are read by veille's own parser (``XMLTreeParser``); the
/// others by libxml2 in recover mode, which still builds a tree from ill-formed feeds. The outcome says
/// whether the bytes ended before the document did (a truncated transfer) so a caller can name the problem
/// when the tree turns out useless.
public struct XMLParseOutcome {
    /// The tree, nil when no parser could build one.
    public let tree: XMLTree?
    /// True when the bytes were well-formed XML.
    public let wellFormed: Bool
    /// True when the document ended before its root element was closed (truncated bytes).
    public let endedEarly: Bool
    /// libxml2's first-line message for the last error, nil when none.
    public let lastError: String?
    /// The encoding the charset rule decided (`utf-8`, `windows-1252`, `koi8-r`…).
    public let encoding: String
}

extension MarkupDocument {
    /// libxml2 error codes meaning the bytes stopped before the document was complete.
    static let truncationCodes: Set<Int32> = [
        Int32(XML_ERR_TAG_NOT_FINISHED.rawValue), // "Premature end of data in tag"
        Int32(XML_ERR_CDATA_NOT_FINISHED.rawValue), // EOF inside a CDATA section
        Int32(XML_ERR_COMMENT_NOT_FINISHED.rawValue), // EOF inside a comment
        Int32(XML_ERR_LTSLASH_REQUIRED.rawValue), // EOF where an end tag was expected
        Int32(XML_ERR_GT_REQUIRED.rawValue), // EOF inside a start tag
    ]

    /// Parses XML bytes by the project's charset rule, reporting well-formedness: veille's own parser
    /// first when the bytes are (or were transcoded to) UTF-8, libxml2 in recover mode when it declines.
    ///
    /// libxml2 gets the options of ``xml(_:httpCharset:)``: `NONET`, no `NOENT`, no `DTDLOAD`, no `HUGE`.
    /// - Parameters:
    ///   - bytes: the document as received.
    ///   - httpCharset: the HTTP `charset`, if any.
    ///   - htmlReferences: when given, veille's parser reads references as feeds mean them: an HTML name
    ///     (looked up here) is its character, an unknown name or a bare `&` is literal text, `&#X` is `&#x`.
    ///   - repair: the same repair as bytes, for libxml2 (applied only when veille's parser declines).
    /// - Returns: the tree (if any) and the diagnostics.
    public static func xmlOutcome(
        _ bytes: [UInt8], httpCharset: String? = nil,
        htmlReferences: XMLTreeParser.ReferenceLookup? = nil,
        repair: ([UInt8]) -> [UInt8]? = { _ in nil }
    ) -> XMLParseOutcome {
        let decision = Charset.decide(bytes, httpCharset: httpCharset, kind: .xml)
        let (input, label) = utf32WithoutBOM(bytes) ?? utf8Input(bytes, decision)
        // A BOM is the one origin of a UTF-8 decision that did not check the bytes.
        if label == "utf-8", decision.origin != .bom || Charset.isValidUTF8(input[...]),
            let (tree, recovered) = XMLTreeParser.parseReporting(input, htmlReferences: htmlReferences)
        {
            return XMLParseOutcome(
                tree: tree, wellFormed: !recovered, endedEarly: false,
                lastError: recovered ? "an end tag closes elements left open" : nil, encoding: decision.label)
        }
        guard let repaired = repair(bytes) else { return libxml2Outcome(input, label: label, encoding: decision.label) }
        let again = Charset.decide(repaired, httpCharset: httpCharset, kind: .xml)
        let (fixed, fixedLabel) = utf32WithoutBOM(repaired) ?? utf8Input(repaired, again)
        return libxml2Outcome(fixed, label: fixedLabel, encoding: again.label)
    }

    /// Parses with libxml2 in recover mode and copies its tree.
    static func libxml2Outcome(_ input: [UInt8], label: String, encoding: String) -> XMLParseOutcome {
        MarkupLibrary.initialize()
        guard let ctxt = xmlNewParserCtxt() else {
            return XMLParseOutcome(
                tree: nil, wellFormed: false, endedEarly: false, lastError: "out of memory",
                encoding: encoding)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        // IGNORE_ENC: the charset rule has decided; the document's own declaration was one of its inputs.
        let options = Int32(
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        var doc: xmlDocPtr?
        if !input.isEmpty, input.count < Int(Int32.max) {
            doc = input.withUnsafeBufferPointer { buf in
                buf.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                        xmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, label, options)
                    }
                } ?? nil
            }
        }
        let wellFormed = ctxt.pointee.wellFormed != 0
        var message: String?
        var endedEarly = false
        if !wellFormed, let err = xmlCtxtGetLastError(ctxt) {
            endedEarly = truncationCodes.contains(err.pointee.code)
            if let m = err.pointee.message {
                message = String(cString: m).split(separator: "\n").first.map(String.init)
                if message?.contains("Premature end of data") == true { endedEarly = true }
            }
        }
        let tree = doc.map { d -> XMLTree in
            defer { xmlFreeDoc(d) }
            return XMLTreeConverter.convert(d)
        }
        return XMLParseOutcome(
            tree: tree, wellFormed: wellFormed, endedEarly: endedEarly, lastError: message,
            encoding: encoding)
    }

    /// The bytes libxml2 gets and their label: UTF-16/32 and windows-1252 are transcoded to UTF-8 in Swift
    /// (libxml2 would otherwise obey an `encoding=` that contradicts the bytes, or read ISO-8859-1 for
    /// windows-1252); a UTF-8 BOM is dropped; other labels go to libxml2's iconv as they are.
    static func utf8Input(_ bytes: [UInt8], _ d: Charset.Decision) -> ([UInt8], String) {
        switch d.label {
        case "windows-1252", "iso-8859-1", "us-ascii":
            return (Charset.windows1252ToUTF8(bytes[...]), "utf-8")
        case let l where l.hasPrefix("utf-16") || l.hasPrefix("utf-32"):
            if l == "utf-16le" || l == "utf-16be",
                let utf8 = Charset.utf16ToUTF8(bytes[d.bomLength...], bigEndian: l == "utf-16be")
            {
                return (utf8, "utf-8")
            }
            return (Array(Charset.decode(bytes, with: d).utf8), "utf-8")
        case "utf-8":
            return (d.bomLength > 0 ? Array(bytes[d.bomLength...]) : bytes, "utf-8")
        default:
            return (bytes, d.label)
        }
    }

    /// UTF-32 without a byte-order mark, recognised by `<` spelled in four bytes, transcoded to UTF-8.
    static func utf32WithoutBOM(_ b: [UInt8]) -> ([UInt8], String)? {
        guard b.count >= 8 else { return nil }
        let encoding: String.Encoding
        if b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0x3C {
            encoding = .utf32BigEndian
        } else if b[0] == 0x3C, b[1] == 0, b[2] == 0, b[3] == 0 {
            encoding = .utf32LittleEndian
        } else {
            return nil
        }
        guard let text = String(data: Data(b), encoding: encoding) else { return nil }
        return (Array(text.utf8), "utf-8")
    }
}
