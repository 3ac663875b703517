import Foundation

/// The project's one charset rule, for feeds, pages and CSV files.
///
/// In order: the byte-order mark; else the HTTP `charset` parameter; else the document's own declaration
/// (the XML declaration, or `<meta charset>` / `<meta http-equiv>` anywhere in the first 64 KB of HTML);
/// else UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise. A declared UTF-8 (by HTTP or by the
/// document) that turns out invalid falls back to windows-1252 for that document.
public enum Charset {
    /// Where the decision came from, for diagnostics.
    public enum Origin: String, Sendable { case bom, http, declaration, sniffed, fallback }

    /// What kind of document is being decoded: it says where to look for a declaration.
    public enum DocumentKind: Sendable { case xml, html, text }

    /// A decided encoding.
    public struct Decision: Sendable, Equatable {
        /// Canonical lower-case label (`utf-8`, `windows-1252`, `iso-8859-15`, `utf-16le`, …).
        public var label: String
        public var origin: Origin
        /// Length of the byte-order mark to skip, 0 when there is none.
        public var bomLength: Int
    }

    /// How far into a document a declaration is looked for.
    static let declarationWindow = 65_536

    /// Decides the encoding of `bytes` by the project's rule.
    ///
    /// - Parameters:
    ///   - bytes: the document as received.
    ///   - httpCharset: the `charset` parameter of the HTTP `Content-Type`, if any.
    ///   - kind: where a declaration may be found.
    /// - Returns: the label to decode with, and where it came from.
    public static func decide(_ bytes: [UInt8], httpCharset: String?, kind: DocumentKind) -> Decision {
        if let bom = bomDecision(bytes) { return bom }
        if let http = httpCharset.flatMap(normalize) {
            return checked(Decision(label: http, origin: .http, bomLength: 0), bytes)
        }
        let declared: String?
        switch kind {
        case .xml: declared = xmlDeclaration(bytes)
        case .html: declared = htmlDeclaration(bytes) ?? xmlDeclaration(bytes)
        case .text: declared = nil
        }
        if let label = declared.flatMap(normalize) {
            return checked(Decision(label: label, origin: .declaration, bomLength: 0), bytes)
        }
        return isValidUTF8(bytes[...])
            ? Decision(label: "utf-8", origin: .sniffed, bomLength: 0)
            : Decision(label: "windows-1252", origin: .sniffed, bomLength: 0)
    }

    /// Decodes `bytes` into a String by the project's rule.
    public static func decode(_ bytes: [UInt8], httpCharset: String?, kind: DocumentKind) -> String {
        decode(bytes, with: decide(bytes, httpCharset: httpCharset, kind: kind))
    }

    /// Decodes `bytes` with a decision made by ``decide(_:httpCharset:kind:)``.
    public static func decode(_ bytes: [UInt8], with decision: Decision) -> String {
        let body = bytes[decision.bomLength...]
        switch decision.label {
        case "utf-8":
            return String(decoding: body, as: UTF8.self)
        case "windows-1252", "iso-8859-1", "us-ascii":
            return String(decoding: windows1252ToUTF8(body), as: UTF8.self)
        default:
            if decision.label == "utf-16le" || decision.label == "utf-16be",
                let utf8 = utf16ToUTF8(body, bigEndian: decision.label == "utf-16be")
            {
                return String(decoding: utf8, as: UTF8.self)
            }
            if let encoding = foundationEncoding(decision.label),
                let text = String(data: Data(body), encoding: encoding)
            {
                return text
            }
            return String(decoding: windows1252ToUTF8(body), as: UTF8.self)
        }
    }

    /// Normalizes a charset label (`UTF8`, `"latin1"`, `ISO_8859-1`) to a canonical lower-case one.
    ///
    /// - Returns: nil for an empty or absurd label.
    public static func normalize(_ raw: String) -> String? {
        var s: String
        if let plain = asciiLabel(raw) {
            s = plain
        } else {
            s = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
                .lowercased()
            guard !s.isEmpty, s.count <= 40 else { return nil }
            s = s.replacingOccurrences(of: "_", with: "-")
        }
        switch s {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "iso-ir-100", "cp819", "ibm819":
            return "iso-8859-1"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return "windows-1252"
        case "ascii", "us-ascii", "ansi-x3.4-1968": return "us-ascii"
        case "latin9", "latin-9", "iso8859-15", "iso-8859-15": return "iso-8859-15"
        case "utf16", "utf-16": return "utf-16"
        default: return s
        }
    }

    /// A label of plain ASCII name characters, lower-cased with `_` as `-`, without Foundation (the usual
    /// case: `UTF-8`, `iso-8859-1`); nil for anything else (spaces, quotes, non-ASCII), left to the general path.
    static func asciiLabel(_ raw: String) -> String? {
        var raw = raw
        return raw.withUTF8 { b -> String? in
            guard !b.isEmpty, b.count <= 40 else { return nil }
            var out = [UInt8](repeating: 0, count: b.count)
            for (i, c) in b.enumerated() {
                switch c {
                case 0x41...0x5A: out[i] = c | 0x20
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x3A: out[i] = c
                case 0x5F: out[i] = 0x2D
                default: return nil
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func bomDecision(_ b: [UInt8]) -> Decision? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            return Decision(label: "utf-8", origin: .bom, bomLength: 3)
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 {
            return Decision(label: "utf-32le", origin: .bom, bomLength: 4)
        }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF {
            return Decision(label: "utf-32be", origin: .bom, bomLength: 4)
        }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return Decision(label: "utf-16le", origin: .bom, bomLength: 2) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return Decision(label: "utf-16be", origin: .bom, bomLength: 2) }
        // UTF-16 without a BOM, recognised by "<?" spelled in two bytes.
        if b.count >= 4, b[0] == 0x3C, b[1] == 0, b[2] == 0x3F, b[3] == 0 {
            return Decision(label: "utf-16le", origin: .bom, bomLength: 0)
        }
        if b.count >= 4, b[0] == 0, b[1] == 0x3C, b[2] == 0, b[3] == 0x3F {
            return Decision(label: "utf-16be", origin: .bom, bomLength: 0)
        }
        return nil
    }

    /// A declared UTF-8 that is not valid UTF-8 falls back to windows-1252.
    static func checked(_ d: Decision, _ bytes: [UInt8]) -> Decision {
        if d.label == "utf-8" || d.label == "us-ascii", !isValidUTF8(bytes[...]) {
            return Decision(label: "windows-1252", origin: .fallback, bomLength: 0)
        }
        // A document cannot be UTF-16 when its first bytes are plain ASCII markup: the label lies.
        if d.label.hasPrefix("utf-16") || d.label.hasPrefix("utf-32"), bytes.count >= 2, bytes[0] == 0x3C, bytes[1] != 0
        {
            return isValidUTF8(bytes[...])
                ? Decision(label: "utf-8", origin: .fallback, bomLength: 0)
                : Decision(label: "windows-1252", origin: .fallback, bomLength: 0)
        }
        return d
    }

    /// The `encoding="…"` of an XML declaration at the very start of the document.
    public static func xmlDeclaration(_ b: [UInt8]) -> String? {
        guard b.count >= 5, b[0] == 0x3C, b[1] == 0x3F, b[2] == 0x78, b[3] == 0x6D, b[4] == 0x6C else { return nil }
        let end = min(b.count, 512)
        guard let close = b[0..<end].firstIndex(of: 0x3E) else { return nil }
        let word = Array("encoding".utf8)
        var i = 5
        while i + word.count <= close {
            if b[i] == word[0], b[i..<i + word.count].elementsEqual(word) {
                return quotedValue(after: Substring(String(decoding: b[(i + word.count)..<close], as: UTF8.self)))
            }
            i += 1
        }
        return nil
    }

    /// `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 64 KB.
    public static func htmlDeclaration(_ b: [UInt8]) -> String? {
        // Scans bytes for "<meta" (any case) and lower-cases only the tags found: the whole-window String
        // lower-casing cost more than parsing the page.
        let end = min(b.count, declarationWindow)
        var i = 0
        while i + 5 <= end {
            if b[i] == 0x3C, b[i + 1] | 0x20 == 0x6D, b[i + 2] | 0x20 == 0x65, b[i + 3] | 0x20 == 0x74,
                b[i + 4] | 0x20 == 0x61
            {
                var tagEnd = i + 5
                while tagEnd < end, b[tagEnd] != 0x3E { tagEnd += 1 }
                let tag = String(decoding: b[(i + 5)..<tagEnd], as: UTF8.self).lowercased()
                if let r = tag.range(of: "charset"), let v = quotedValue(after: tag[r.upperBound...]) { return v }
                i = tagEnd
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Reads `= "value"`, `='value'` or `=value` after a key.
    static func quotedValue(after s: Substring) -> String? {
        var rest = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if let q = rest.first, q == "\"" || q == "'" {
            rest = rest.dropFirst()
            let v = rest.prefix(while: { $0 != q })
            return v.isEmpty ? nil : String(v)
        }
        let v = rest.prefix(while: {
            !$0.isWhitespace && $0 != ";" && $0 != ">" && $0 != "\"" && $0 != "'" && $0 != "/"
        })
        return v.isEmpty ? nil : String(v)
    }

    static func foundationEncoding(_ label: String) -> String.Encoding? {
        switch label {
        case "utf-16": return .utf16
        case "utf-16le": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        case "utf-32": return .utf32
        case "utf-32le": return .utf32LittleEndian
        case "utf-32be": return .utf32BigEndian
        case "iso-8859-2", "latin2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "shift-jis", "shift_jis", "sjis": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "iso-2022-jp": return .iso2022JP
        default: return nil
        }
    }
}
