/// What is wrong with a zip archive, naming the entry when there is one.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case io(String)
    /// No end-of-central-directory record: not a zip, or a download cut short.
    case notAZip
    /// A structure points past the end of the file or does not carry its signature.
    case corrupt(String)
    /// More entries than ``ZipLimits/maxEntries``.
    case tooManyEntries(Int, limit: Int)
    /// An entry past ``ZipLimits/maxEntrySize``, or one that inflates to more than it declares.
    case entryTooLarge(String, size: UInt64, limit: UInt64)
    /// The sum of the declared sizes past ``ZipLimits/maxTotalSize``.
    case totalTooLarge(UInt64, limit: UInt64)
    /// An entry whose ratio of sizes is past ``ZipLimits/maxRatio``.
    case ratio(String, ratio: UInt64, limit: UInt64)
    /// Neither stored nor deflated, or encrypted.
    case unsupported(String, reason: String)
    /// The inflated bytes do not have the declared CRC-32 or size, or the deflate stream is broken.
    case damaged(String, reason: String)

    public var description: String {
        switch self {
        case .io(let m): return "zip: \(m)"
        case .notAZip: return "not a zip archive (no end of central directory: truncated or not a zip)"
        case .corrupt(let m): return "corrupt zip: \(m)"
        case .tooManyEntries(let n, let limit): return "zip refused: \(n) entries (limit \(limit))"
        case .entryTooLarge(let name, let size, let limit):
            return "zip refused: entry \(name) inflates to \(size) bytes (limit \(limit))"
        case .totalTooLarge(let size, let limit):
            return "zip refused: \(size) bytes uncompressed in all (limit \(limit))"
        case .ratio(let name, let ratio, let limit):
            return "zip refused: entry \(name) has a compression ratio of \(ratio) (limit \(limit))"
        case .unsupported(let name, let reason): return "zip entry \(name): \(reason)"
        case .damaged(let name, let reason): return "zip entry \(name): \(reason)"
        }
    }
}
