/// Sixteen bytes at a time: the scanning step of veille's byte loops (XML text, plain-text writing).
///
/// A loop loads a block, asks which of its bytes need attention (a `SIMDMask` built from lane-wise
/// comparisons, which compile to SSE compares), and either skips or copies the whole block, or jumps
/// straight to the first flagged byte. Callers keep their scalar loop for the flagged byte and the tail.
public enum ByteBlock {
    /// A block of sixteen bytes.
    public typealias Bytes = SIMD16<UInt8>
    /// One flag per byte of a block.
    public typealias Mask = SIMDMask<SIMD16<Int8>>

    /// Sixteen bytes from `p` (no alignment needed).
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<UInt8>) -> Bytes {
        UnsafeRawPointer(p).loadUnaligned(as: Bytes.self)
    }

    /// Stores a block at `p` (no alignment needed).
    @inlinable @inline(__always)
    public static func store(_ v: Bytes, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Bytes.self)
    }

    /// The offset (0…15) of the first flagged byte, or nil when none is.
    @inlinable @inline(__always)
    public static func first(_ m: Mask) -> Int? {
        let bits = unsafeBitCast(m, to: UInt128.self)
        return bits == 0 ? nil : bits.trailingZeroBitCount &>> 3
    }

    /// The index of the first byte from `i` that `stops` flags, reading whole blocks of sixteen; when no
    /// whole block left holds one, the index where fewer than sixteen bytes remain before `n` (the caller
    /// reads those one by one). The step every "skip to the next byte that matters" loop shares.
    @inlinable @inline(__always)
    public static func skip(_ p: UnsafePointer<UInt8>, from i: Int, to n: Int, until stops: (Bytes) -> Mask) -> Int {
        var i = i
        while i + 16 <= n {
            if let k = first(stops(load(p + i))) { return i + k }
            i += 16
        }
        return i
    }

    /// A block of `b` in every lane.
    @inlinable @inline(__always)
    public static func splat(_ b: UInt8) -> Bytes { Bytes(repeating: b) }

    /// The first eight bytes (or fewer), little-endian in a UInt64, zero-padded: a key for short names
    /// (entity names, month names, elided words) looked up without making a String. Callers whose names
    /// may be longer check the length first.
    @inlinable @inline(__always)
    public static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for j in 0..<min(bytes.count, 8) { key |= UInt64(bytes[j]) << (8 * UInt64(j)) }
        return key
    }
}

/// A temporary byte buffer on the heap, for text built in one pass before it becomes a String.
///
/// Not `withUnsafeTemporaryAllocation`: its stack memory is invisible to AddressSanitizer, and the fuzz
/// targets must see any write past the end.
public enum ScratchBytes {
    /// Runs `body` with an uninitialized buffer of `capacity` bytes (at least one), freed afterwards.
    @inlinable
    public static func with<R>(capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(capacity, 1))
        defer { buffer.deallocate() }
        return try body(buffer)
    }
}
