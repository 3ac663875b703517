/// Helpers shared by the fuzz targets: the raw input as bytes, and an HTTP charset label taken from it.
enum FuzzInput {
    /// HTTP charset labels a server might send: none, honest ones, lying and unknown ones.
    /// Why: the charset rule has a branch per source of truth, and a lie must still give a best effort.
    static let labels: [String?] = [
        nil, "utf-8", "windows-1252", "iso-8859-1", "utf-16", "utf-16be", "shift_jis",
        "x-no-such-charset", "",
    ]

    /// Copies libFuzzer's buffer (which may be null when empty).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The label chosen by the first byte when it is a control byte below 0x09 (else no label), and the
    /// remaining bytes; a seed file therefore parses as itself.
    static func charsetLabel(_ bytes: [UInt8]) -> (String?, [UInt8]) {
        guard let first = bytes.first, first < 0x09 else { return (nil, bytes) }
        return (labels[Int(first) % labels.count], Array(bytes.dropFirst()))
    }
}
