import Foundation

/// The headers of one HTTP response, collected line by line from libcurl's header callback.
struct ResponseHeaders: Sendable {
    /// Name (lowercased) and value, in order.
    private(set) var fields: [(name: String, value: String)] = []

    /// Adds one raw header line. A status line (`HTTP/…`) starts a new response (after a `100
    /// Continue`, say), so earlier fields are dropped.
    mutating func add(line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: line[0..<end], as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            fields.removeAll()
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        fields.append((name, value))
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
