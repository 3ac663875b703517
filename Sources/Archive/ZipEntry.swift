/// One file of a zip archive, as its central directory describes it.
///
/// Spec: PKWARE APPNOTE.TXT 6.3.10, section 4.3.12 (central directory header) and 4.5.3 (Zip64 extra field).
public struct ZipEntry: Sendable, Equatable {
    /// The name as stored (UTF-8, or CP437 read as Latin-1 when bit 11 is clear), e.g. `json/QANR5L17QE1234.json`.
    public var name: String
    /// 0 stored, 8 deflated: the only two methods read.
    public var method: UInt16
    /// General-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor after the data).
    public var flags: UInt16
    /// CRC-32 of the uncompressed bytes.
    public var crc32: UInt32
    public var compressedSize: UInt64
    public var size: UInt64
    /// Offset of the entry's local header from the start of the file.
    public var localHeaderOffset: UInt64

    /// An entry; tests build them to check limits.
    public init(
        name: String, method: UInt16, flags: UInt16, crc32: UInt32, compressedSize: UInt64, size: UInt64,
        localHeaderOffset: UInt64
    ) {
        self.name = name
        self.method = method
        self.flags = flags
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.size = size
        self.localHeaderOffset = localHeaderOffset
    }

    /// A folder entry (`json/`): nothing to read.
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// A name that could escape a folder if it were extracted: `..` as a path component, a leading `/` or
    /// `\`, a drive letter, a NUL. Such entries are never read (nothing is ever extracted, but a name like
    /// this in an open-data archive is not one of its records).
    public var isUnsafeName: Bool {
        let n = name.replacingOccurrences(of: "\\", with: "/")
        if n.hasPrefix("/") || n.contains("\0") { return true }
        if n.count >= 2, n.dropFirst().first == ":" { return true }
        return n.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The last path component: `QANR5L17QE1234.json`.
    public var baseName: String {
        name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
    }
}

/// Caps that make a hostile archive a refusal instead of a full disk or an exhausted memory.
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the central directory at most (reason: the Assemblée's legislature has ~25,000 written
    /// questions after five years; 200,000 leaves room for the XML sibling archives and is still small).
    public var maxEntries: Int
    /// Uncompressed size of one entry at most (reason: a question record is a few KB; the longest answers
    /// with tables stay under 1 MB; 16 MB is far past any record and still cheap to hold once).
    public var maxEntrySize: UInt64
    /// Sum of the uncompressed sizes at most (reason: the 17th legislature's archive inflates to ~300 MB).
    public var maxTotalSize: UInt64
    /// Uncompressed / compressed size of one entry at most (reason: JSON deflates 5–20×; a ratio past 1,000
    /// is a bomb, not a record).
    public var maxRatio: UInt64

    /// The caps for an open-data archive of question records.
    public static let questions = ZipLimits(
        maxEntries: 200_000, maxEntrySize: 16_000_000, maxTotalSize: 4_000_000_000, maxRatio: 1_000)

    /// Caps, all given.
    public init(maxEntries: Int, maxEntrySize: UInt64, maxTotalSize: UInt64, maxRatio: UInt64) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
    }
}
