/// A robots.txt path pattern (RFC 9309 §2.2.2–2.2.3): a path prefix where `*` matches any sequence
/// and a final `$` anchors the end, compared after percent-encoding normalisation.
struct RobotsPattern: Sendable, Equatable {
    /// The literal pieces between `*`s.
    let parts: [[UInt8]]
    /// Whether the pattern ended with `$`.
    let anchored: Bool
    /// The normalised pattern's length in bytes: the longest match wins.
    let length: Int

    init(_ text: String) {
        var bytes = RobotsPattern.normalize(text)
        length = bytes.count
        anchored = bytes.last == UInt8(ascii: "$")
        if anchored { bytes.removeLast() }
        parts = bytes.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether a normalised path (see ``normalize(_:)``) matches.
    func matches(_ path: [UInt8]) -> Bool {
        guard let first = parts.first, path.starts(with: first) else { return false }
        if parts.count == 1 { return anchored ? path.count == first.count : true }
        var position = first.count
        for part in parts.dropFirst().dropLast() {
            guard let found = Self.find(part, in: path, from: position) else { return false }
            position = found + part.count
        }
        let last = parts[parts.count - 1]
        if anchored {
            return path.count - last.count >= position && path.suffix(last.count).elementsEqual(last)
        }
        return Self.find(last, in: path, from: position) != nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// RFC 9309 §2.2.2 normalisation, for patterns and paths alike: `%XX` of an unreserved character is
    /// decoded, other `%XX` get uppercase hex, and bytes outside printable US-ASCII are percent-encoded.
    static func normalize(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "%"), i + 2 < input.count, let hi = hex(input[i + 1]), let lo = hex(input[i + 2]) {
                let value = hi << 4 | lo
                if isUnreserved(value) { out.append(value) } else { appendEncoded(value, to: &out) }
                i += 3
                continue
            }
            if byte <= 0x20 || byte >= 0x7F { appendEncoded(byte, to: &out) } else { out.append(byte) }
            i += 1
        }
        return out
    }

    private static func appendEncoded(_ byte: UInt8, to out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out.append(UInt8(ascii: "%"))
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
