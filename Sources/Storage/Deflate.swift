import CZlib

/// zlib compression of the raw page bytes kept as evidence.
public enum Deflate {
    /// `bytes` compressed in the zlib format; nil when zlib fails.
    public static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), 6) }
        }
        guard status == Z_OK else { return nil }
        return Array(out[0..<Int(length)])
    }

    /// The bytes of a zlib stream, given the original length; nil when the data is not what it claims.
    public static func decompress(_ bytes: [UInt8], originalLength: Int) -> [UInt8]? {
        var length = uLong(originalLength)
        var out = [UInt8](repeating: 0, count: max(originalLength, 1))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count)) }
        }
        guard status == Z_OK, Int(length) == originalLength else { return nil }
        return Array(out[0..<originalLength])
    }
}
