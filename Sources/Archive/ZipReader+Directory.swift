#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ZipReader {
    /// The end-of-central-directory record is at most this far from the end (22 bytes + a 65,535-byte comment).
    static let maxEOCDSearch: UInt64 = 22 + 65_535

    /// Finds the end record (Zip64 when its fields overflow), checks the limits on the declared counts and
    /// sizes, and returns the central directory's entries and where it starts.
    static func centralDirectory(fd: Int32, fileSize: UInt64, limits: ZipLimits) throws -> ([ZipEntry], UInt64) {
        guard fileSize >= 22 else { throw ZipError.notAZip }
        let tailStart = fileSize - min(fileSize, maxEOCDSearch)
        let tail = try read(fd: fd, at: tailStart, count: Int(fileSize - tailStart), fileSize: fileSize)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50, u32(tail, i) == 0x0605_4B50, i + 22 + Int(u16(tail, i + 20)) <= tail.count {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw ZipError.notAZip }
        var count = UInt64(u16(tail, eocd + 10))
        var cdSize = UInt64(u32(tail, eocd + 12))
        var cdOffset = UInt64(u32(tail, eocd + 16))
        let eocdAt = tailStart + UInt64(eocd)
        var cdEnd = eocdAt
        let overflow = count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF
        let locator = eocdAt >= 20 ? try read(fd: fd, at: eocdAt - 20, count: 20, fileSize: fileSize) : []
        let hasLocator = locator.count == 20 && u32(locator, 0) == 0x0706_4B50
        if overflow, !hasLocator { throw ZipError.corrupt("Zip64 end record announced but no locator") }
        if hasLocator {
            let at = u64(locator, 8)
            let record = try read(fd: fd, at: at, count: 56, fileSize: fileSize)
            guard u32(record, 0) == 0x0606_4B50 else { throw ZipError.corrupt("Zip64 end record missing") }
            count = u64(record, 32)
            cdSize = u64(record, 40)
            cdOffset = u64(record, 48)
            cdEnd = at
        }
        guard count <= UInt64(limits.maxEntries) else {
            throw ZipError.tooManyEntries(Int(clamping: count), limit: limits.maxEntries)
        }
        guard cdOffset <= cdEnd, cdSize <= cdEnd - cdOffset else {
            throw ZipError.corrupt("central directory (offset \(cdOffset), \(cdSize) bytes) past the end record")
        }
        let cd = try read(fd: fd, at: cdOffset, count: Int(cdSize), fileSize: fileSize)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(count))
        var p = 0
        var total: UInt64 = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, u32(cd, p) == 0x0201_4B50 else {
                throw ZipError.corrupt("central directory entry \(entries.count + 1) missing or cut")
            }
            let nameLength = Int(u16(cd, p + 28))
            let extraLength = Int(u16(cd, p + 30))
            let commentLength = Int(u16(cd, p + 32))
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                throw ZipError.corrupt("central directory entry \(entries.count + 1) cut")
            }
            let flags = u16(cd, p + 8)
            let nameBytes = cd[(p + 46)..<(p + 46 + nameLength)]
            let name =
                flags & 0x800 != 0 || nameBytes.allSatisfy({ $0 < 0x80 })
                ? String(decoding: nameBytes, as: UTF8.self)
                : String(String.UnicodeScalarView(nameBytes.map { Unicode.Scalar($0) }))
            var entry = ZipEntry(
                name: name, method: u16(cd, p + 10), flags: flags, crc32: u32(cd, p + 16),
                compressedSize: UInt64(u32(cd, p + 20)), size: UInt64(u32(cd, p + 24)),
                localHeaderOffset: UInt64(u32(cd, p + 42)))
            zip64(&entry, extra: cd[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)])
            try check(entry, limits: limits)
            total += entry.size
            guard total <= limits.maxTotalSize else { throw ZipError.totalTooLarge(total, limit: limits.maxTotalSize) }
            guard entry.localHeaderOffset < cdOffset else {
                throw ZipError.corrupt("entry \(name): local header offset past the central directory")
            }
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
        return (entries, cdOffset)
    }

    /// Replaces the 32-bit fields set to 0xFFFFFFFF by the Zip64 extra field's values, in the spec's order.
    static func zip64(_ entry: inout ZipEntry, extra: ArraySlice<UInt8>) {
        let bytes = Array(extra)
        var p = 0
        while p + 4 <= bytes.count {
            let id = u16(bytes, p)
            let size = Int(u16(bytes, p + 2))
            guard p + 4 + size <= bytes.count else { return }
            if id == 0x0001 {
                var q = p + 4
                let end = p + 4 + size
                if entry.size == 0xFFFF_FFFF, q + 8 <= end {
                    entry.size = u64(bytes, q)
                    q += 8
                }
                if entry.compressedSize == 0xFFFF_FFFF, q + 8 <= end {
                    entry.compressedSize = u64(bytes, q)
                    q += 8
                }
                if entry.localHeaderOffset == 0xFFFF_FFFF, q + 8 <= end { entry.localHeaderOffset = u64(bytes, q) }
                return
            }
            p += 4 + size
        }
    }

    /// The per-entry caps: size and ratio, from the declared values (inflation checks the real ones).
    static func check(_ entry: ZipEntry, limits: ZipLimits) throws {
        guard !entry.isDirectory else { return }
        guard entry.size <= limits.maxEntrySize else {
            throw ZipError.entryTooLarge(entry.name, size: entry.size, limit: limits.maxEntrySize)
        }
        let ratio = entry.size / max(entry.compressedSize, 1)
        guard ratio <= limits.maxRatio else { throw ZipError.ratio(entry.name, ratio: ratio, limit: limits.maxRatio) }
    }

    /// `count` bytes at `offset`, all of them or an error.
    static func read(fd: Int32, at offset: UInt64, count: Int, fileSize: UInt64) throws -> [UInt8] {
        guard offset <= fileSize, UInt64(count) <= fileSize - offset else {
            throw ZipError.corrupt(
                "\(count) bytes at offset \(offset) run past the end of the file (\(fileSize) bytes)")
        }
        var out = [UInt8](repeating: 0, count: count)
        let got = try out.withUnsafeMutableBytes { try pread(fd, $0.baseAddress, count, offset) }
        guard got == count else { throw ZipError.corrupt("unexpected end of file at offset \(offset)") }
        return out
    }

    /// `pread` until `count` bytes or the end of the file.
    static func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: UInt64) throws -> Int {
        guard let buffer else { return 0 }
        var done = 0
        while done < count {
            let n = _pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw ZipError.io("read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}

/// The C `pread`, under a name that does not clash with ``ZipReader``'s.
private func _pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: off_t) -> Int {
    pread(fd, buffer, count, offset)
}
