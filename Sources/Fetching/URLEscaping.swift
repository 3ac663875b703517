/// Makes a URL found in content fetchable the way browsers do: surrounding whitespace trimmed, the
/// fragment dropped, and in the path and query every byte a URL cannot carry raw (spaces, controls,
/// non-ASCII, `"<>\^`{|}`) percent-encoded. Existing `%XX` escapes are kept; the host is left to
/// libcurl (which converts international names itself).
enum URLEscaping {
    /// Bytes that are percent-encoded in the path and query: the WHATWG URL standard's path set.
    static let escaped: Set<UInt8> = Set("\"<>\\^`{|} ".utf8)

    static func fetchable(_ url: String) -> String {
        let trimmed = url.trimmingASCIIWhitespace()
        let bytes = Array(trimmed.utf8)
        guard let schemeEnd = find(Array("://".utf8), in: bytes) else { return trimmed }
        let authorityStart = schemeEnd + 3
        let pathStart =
            bytes[authorityStart...].firstIndex {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            }
            ?? bytes.endIndex
        var out = Array(bytes[..<pathStart])
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in bytes[pathStart...] {
            if byte == UInt8(ascii: "#") { break }
            if byte < 0x20 || byte >= 0x7F || escaped.contains(byte) {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF, FF).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{0C}"
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
