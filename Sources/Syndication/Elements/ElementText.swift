import Foundation
import Markup

/// Reads the text of a feed element as plain text, by its declared or default content type.
///
/// Atom says what a text construct holds (`type="text|html|xhtml"`, Atom 0.3 adds `mode`); RSS leaves it to
/// guessing: titles are plain text unless they look like HTML, descriptions are HTML.
enum ElementText {
    /// How a construct's content is to be read.
    enum Kind: Sendable { case plain, html, markup }

    /// The kind declared by `type` (and Atom 0.3 `mode`), or `defaultKind`; and whether it is base64.
    static func kind(of element: XMLCursor, default defaultKind: Kind) -> (Kind, base64: Bool) {
        let mode = element.attribute("mode")?.lowercased()
        if mode == "xml" { return (.markup, false) }
        guard let type = element.attribute("type")?.lowercased() else { return (defaultKind, mode == "base64") }
        switch type {
        case "text", "text/plain": return (.plain, mode == "base64")
        case "xhtml", "application/xhtml+xml": return (.markup, mode == "base64")
        case "html", "text/html": return (.html, mode == "base64")
        default:
            // Atom: a media type that is neither text nor XML holds base64 (RFC 4287 §4.1.3.3).
            let textual = type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml")
            return (.html, mode == "base64" || !textual)
        }
    }

    /// The plain text of `element`.
    ///
    /// - Parameters:
    ///   - defaultKind: the kind when the element declares none.
    ///   - guessHTML: plain text that looks like HTML is read as HTML (RSS, not Atom).
    ///   - forceHTML: read the text as HTML whatever its declared type.
    static func read(_ element: XMLCursor, default defaultKind: Kind, guessHTML: Bool, forceHTML: Bool = false)
        -> String?
    {
        var (kind, base64) = kind(of: element, default: defaultKind)
        if forceHTML, kind == .plain { kind = .html }
        if kind == .markup || element.hasElementChildren { return markupText(element) }
        if base64, let decoded = element.withText(entity: HTMLEntities.character, { decodeBase64($0) }) {
            return decoded.withUnsafeBufferPointer { convert($0, kind, guessHTML: guessHTML) }
        }
        return element.withText(entity: HTMLEntities.character) { convert($0, kind, guessHTML: guessHTML) }
    }

    /// Text of `kind` to plain text.
    static func convert(_ b: UnsafeBufferPointer<UInt8>, _ kind: Kind, guessHTML: Bool) -> String? {
        switch kind {
        case .html, .markup: return PlainText.fromHTML(bytes: b)
        case .plain:
            return guessHTML && PlainText.looksLikeHTML(bytes: b)
                ? PlainText.fromHTML(bytes: b) : PlainText.collapse(bytes: b)
        }
    }

    /// Base64 text decoded (valid UTF-8 only); nil (cheaply, at the first foreign byte) when it is not base64.
    static func decodeBase64(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // First a scan that allocates nothing: most texts offered here are not base64 and fail at once.
        var count = 0
        for c in text {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                count += 1
            default: return nil
            }
        }
        var compact = [UInt8]()
        compact.reserveCapacity(count)
        for c in text where c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { compact.append(c) }
        guard let data = Data(base64Encoded: Data(compact)), String(data: data, encoding: .utf8) != nil else {
            return nil
        }
        return [UInt8](data)
    }

    /// The raw text of `element` (entities the parser left are decoded), trimmed; nil when empty.
    static func raw(_ element: XMLCursor) -> String? {
        element.withText(entity: HTMLEntities.character) { PlainText.collapse(bytes: $0) }
    }

    /// Text of inline XHTML (or markup a feed embedded unescaped): the same rules, applied to the tree.
    static func markupText(_ element: XMLCursor) -> String? {
        var bytes = [UInt8]()
        var dropDepth = 0
        element.walk { event in
            switch event {
            case .start(let e):
                let name = e.localName.lowercased()
                if PlainText.droppedTags.contains(name) {
                    dropDepth += 1
                } else if PlainText.blockTags.contains(name) {
                    bytes.append(0x20)
                }
            case .end(let e):
                let name = e.localName.lowercased()
                if PlainText.droppedTags.contains(name) {
                    dropDepth = max(0, dropDepth - 1)
                } else if PlainText.blockTags.contains(name) {
                    bytes.append(0x20)
                }
            case .text(let buffer):
                if dropDepth == 0 { bytes.append(contentsOf: buffer) }
            case .entity(let name):
                if dropDepth == 0, let c = HTMLEntities.character(name) { bytes.append(contentsOf: c.utf8) }
            }
        }
        // feedparser re-reads escaped markup inside inline XHTML (`&lt;b&gt;` as a tag): so does veille.
        let text = String(decoding: bytes, as: UTF8.self)
        return PlainText.looksLikeHTML(text) ? PlainText.fromHTML(text) : PlainText.collapse(bytes: bytes)
    }
}
