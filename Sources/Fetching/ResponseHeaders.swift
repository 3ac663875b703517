import Foundation

/// The headers of one HTTP response, collected line by line from libcurl's header callback.
struct ResponseHeaders: Sendable {
    /// Name (lowercased) and value, in order.
    private(set) var fields: [(name: String, value: String)] = []

    /// Adds one raw header line. A status line (`HTTP/…`) starts a new response (after a `100
    /// Continue`, say), so earlier fields are dropped. Read on the bytes: the name up to the first colon,
    /// lowercased (ASCII), the value without the spaces and tabs around it (RFC 9110 §5.5).
    mutating func add(line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        if end >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F {
            fields.removeAll()
            return
        }
        guard let colon = line[0..<end].firstIndex(of: 0x3A) else { return }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var nameStart = 0
        var nameEnd = colon
        while nameStart < nameEnd, isSpace(line[nameStart]) { nameStart += 1 }
        while nameEnd > nameStart, isSpace(line[nameEnd - 1]) { nameEnd -= 1 }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, isSpace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, isSpace(line[valueEnd - 1]) { valueEnd -= 1 }
        let name = String(
            decoding: line[nameStart..<nameEnd].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        fields.append((name, String(decoding: line[valueStart..<valueEnd], as: UTF8.self)))
    }

    /// The last value of a header (names are case-insensitive).
    subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.last { $0.name == key }?.value
    }

    /// `Content-Type` split into its media type (lowercased) and its `charset` parameter.
    var contentType: (type: String, charset: String?)? {
        guard let raw = self["content-type"] else { return nil }
        let parts = raw.split(separator: ";")
        guard let first = parts.first else { return nil }
        let type = first.trimmingCharacters(in: .whitespaces).lowercased()
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            charset = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
        }
        return (type, charset?.isEmpty == true ? nil : charset)
    }
}
