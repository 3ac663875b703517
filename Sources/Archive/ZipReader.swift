import CZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a zip file from disk one entry at a time: the central directory first (limits checked before any
/// byte is inflated), then each entry's data streamed through zlib in 64 KiB blocks, its CRC-32 and size
/// checked. Stored and deflated entries, Zip64 sizes and offsets, data descriptors (sizes taken from the
/// central directory). Nothing is extracted to disk, and at most one entry is ever held in memory.
///
/// Spec: PKWARE APPNOTE.TXT 6.3.10 (<https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT>).
public final class ZipReader {
    /// The entries of the central directory, in its order (folders and unsafe names included: callers skip
    /// them with ``ZipEntry/isDirectory`` and ``ZipEntry/isUnsafeName``).
    public let entries: [ZipEntry]
    /// The caps checked when opening and while inflating.
    public let limits: ZipLimits
    private let fd: Int32
    private let fileSize: UInt64
    /// Where the central directory starts: no entry's data may run past it.
    private let dataEnd: UInt64

    /// Block size for reading and inflating.
    static let block = 65_536

    /// Opens a zip file and reads its central directory.
    ///
    /// - Throws: ``ZipError``: not a zip (or truncated), corrupt structures, too many entries, an entry or a
    ///   total past the caps, an absurd compression ratio.
    public init(path: String, limits: ZipLimits = .questions) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ZipError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw ZipError.io("cannot stat \(path)")
        }
        self.fd = fd
        self.limits = limits
        fileSize = UInt64(st.st_size)
        do {
            let (entries, cdOffset) = try Self.centralDirectory(fd: fd, fileSize: fileSize, limits: limits)
            self.entries = entries
            dataEnd = cdOffset
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// Calls `body` with the entry's uncompressed bytes, block by block, then checks its size and CRC-32.
    ///
    /// - Throws: ``ZipError`` (unsupported method, encrypted, broken stream, more bytes than declared,
    ///   wrong CRC); whatever `body` throws.
    public func stream(_ entry: ZipEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard entry.flags & 1 == 0 else { throw ZipError.unsupported(entry.name, reason: "encrypted") }
        let start = try dataStart(entry)
        var crc: uLong = 0
        var produced: UInt64 = 0
        let emit: (UnsafeRawBufferPointer) throws -> Void = { chunk in
            produced += UInt64(chunk.count)
            guard produced <= entry.size else {
                throw ZipError.entryTooLarge(entry.name, size: produced, limit: entry.size)
            }
            crc = crc32(crc, chunk.bindMemory(to: Bytef.self).baseAddress, uInt(chunk.count))
            try body(chunk)
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else {
                throw ZipError.damaged(entry.name, reason: "stored entry with two different sizes")
            }
            try readRaw(from: start, count: entry.compressedSize, emit)
        case 8: try inflate(entry, from: start, emit)
        default: throw ZipError.unsupported(entry.name, reason: "compression method \(entry.method)")
        }
        guard produced == entry.size else {
            throw ZipError.damaged(entry.name, reason: "\(produced) bytes where \(entry.size) were declared")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw ZipError.damaged(entry.name, reason: "CRC-32 mismatch")
        }
    }

    /// The entry's uncompressed bytes (one entry, at most ``ZipLimits/maxEntrySize``).
    public func data(_ entry: ZipEntry) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Int(entry.size))
        try stream(entry) { out.append(contentsOf: $0) }
        return out
    }

    /// Reads every safe file entry through to its CRC without keeping its bytes: a zip that passes is whole.
    ///
    /// - Throws: the first entry's ``ZipError``.
    public func validate() throws {
        for entry in entries where !entry.isDirectory && !entry.isUnsafeName { try stream(entry) { _ in } }
    }

    /// Where an entry's data begins, after its local header (whose name and extra lengths may differ from
    /// the central directory's).
    private func dataStart(_ entry: ZipEntry) throws -> UInt64 {
        let header = try Self.read(fd: fd, at: entry.localHeaderOffset, count: 30, fileSize: fileSize)
        guard Self.u32(header, 0) == 0x0403_4B50 else {
            throw ZipError.corrupt("entry \(entry.name): no local header at offset \(entry.localHeaderOffset)")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
        guard start + entry.compressedSize <= dataEnd else {
            throw ZipError.corrupt("entry \(entry.name): data runs past the central directory")
        }
        return start
    }

    private func readRaw(from start: UInt64, count: UInt64, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var offset = start
        var left = count
        var buffer = [UInt8](repeating: 0, count: Self.block)
        while left > 0 {
            let n = Int(min(UInt64(Self.block), left))
            let got = try buffer.withUnsafeMutableBytes { b in try Self.pread(fd, b.baseAddress, n, offset) }
            guard got == n else { throw ZipError.corrupt("unexpected end of file at offset \(offset)") }
            try buffer.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += UInt64(n)
            left -= UInt64(n)
        }
    }

    private func inflate(_ entry: ZipEntry, from start: UInt64, _ emit: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        var stream = z_stream()
        guard veille_inflate_init_raw(&stream) == Z_OK else { throw ZipError.io("zlib: inflateInit failed") }
        defer { inflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: Self.block)
        var output = [UInt8](repeating: 0, count: Self.block)
        var offset = start
        var left = entry.compressedSize
        var finished = false
        while !finished {
            let n = Int(min(UInt64(Self.block), left))
            if n > 0 {
                let got = try input.withUnsafeMutableBytes { b in try Self.pread(fd, b.baseAddress, n, offset) }
                guard got == n else { throw ZipError.corrupt("unexpected end of file at offset \(offset)") }
                offset += UInt64(n)
                left -= UInt64(n)
            } else if stream.avail_in == 0 {
                throw ZipError.damaged(entry.name, reason: "deflate stream ends before its end marker")
            }
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(n)
                repeat {
                    let status = output.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(Self.block)
                        return CZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    let made = Self.block - Int(stream.avail_out)
                    if made > 0 {
                        try output.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<made])) }
                    }
                    if status == Z_STREAM_END {
                        finished = true
                        return
                    }
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw ZipError.damaged(entry.name, reason: "deflate: \(reason)")
                    }
                    if status == Z_BUF_ERROR { break } // no progress possible without more input
                } while stream.avail_in > 0 || stream.avail_out == 0
                stream.avail_in = 0
            }
        }
    }
}
