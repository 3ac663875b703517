import VeilleCore

/// Writes plain text into a String's own storage, collapsing whitespace as it goes.
///
/// The one output path of ``PlainText``: every run of Unicode whitespace becomes one space, leading and
/// trailing whitespace is dropped, and C1 controls become the windows-1252 punctuation they stand for
/// (`&#146;` is ’, as feedparser reads it). No intermediate array, no second pass.
struct TextWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0
    var pendingSpace = false
    /// Whether ``copyBlocks(_:_:_:markup:)`` copies sixteen bytes at a time (off: the scalar path alone,
    /// which tests compare it with).
    var blockCopy = true

    /// Builds a String of at most `capacity` UTF-8 bytes with `body`; nil when nothing but whitespace came.
    ///
    /// The text is written into a temporary buffer (``ScratchBytes``) and copied into a String of its
    /// exact size without a second UTF-8 check: every input of the writer is valid UTF-8 (documents are
    /// validated or transcoded before veille's parser reads them, libxml2's strings are checked as its
    /// tree is copied, references are encoded from valid scalars, other inputs are Strings), and the
    /// writer copies whole sequences or writes valid scalars. Debug and fuzzing builds check every string.
    static func build(capacity: Int, _ body: (inout TextWriter) -> Void) -> String? {
        ScratchBytes.with(capacity: capacity) { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var w = TextWriter(base: base, capacity: buffer.count)
            body(&w)
            guard w.count > 0 else { return nil }
            let text = UnsafeBufferPointer(start: base, count: w.count)
            #if DEBUG || VEILLE_CHECK_UTF8
                precondition(Charset.isValidUTF8(text), "TextWriter wrote invalid UTF-8")
            #endif
            return String(copying: UTF8Span(unchecked: text.span, isKnownASCII: false))
        }
    }

    /// The most bytes writing `n` input bytes can produce (a 2-byte C1 control becomes 3 bytes).
    static func capacity(forInput n: Int) -> Int { n + n / 2 + 4 }

    @inline(__always)
    mutating func space() { pendingSpace = count > 0 }

    @inline(__always)
    mutating func ascii(_ c: UInt8) {
        if (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) {
            pendingSpace = count > 0
            return
        }
        flush()
        guard count < capacity else { return }
        base[count] = c
        count += 1
    }

    @inline(__always)
    private mutating func flush() {
        if pendingSpace, count < capacity {
            base[count] = 0x20
            count += 1
        }
        pendingSpace = false
    }

    /// Copies a run of printable ASCII other than the space (0x21–0x7E), which needs no mapping.
    @inline(__always)
    mutating func printable(_ p: UnsafePointer<UInt8>, _ len: Int) {
        flush()
        let m = min(len, capacity - count)
        var k = 0
        while k < m {
            base[count + k] = p[k]
            k += 1
        }
        count += max(m, 0)
    }

    /// Copies, sixteen bytes at a time, the bytes from `i` that pass through unchanged: printable ASCII,
    /// single spaces and UTF-8 sequences that are neither C1 controls, U+00A0 nor possible Unicode spaces
    /// (lead bytes 0xC2, 0xE1–0xE3 stop it), and with `markup` not `<` or `&`. Leaves `i` at the first byte
    /// the scalar path must read (or where fewer than sixteen bytes are left).
    ///
    /// Call it only where `p[i]` is such a byte and not a space: a pending space is written first.
    @inline(__always)
    mutating func copyBlocks(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, markup: Bool) {
        guard blockCopy, i + 16 <= n, count + 16 <= capacity else { return }
        flush()
        typealias B = ByteBlock
        var previousSpace: UInt128 = 0 // lane 0 set when the byte before the block is a space
        while i + 16 <= n, count + 16 <= capacity {
            let v = B.load(p + i)
            var stops = (v .< B.splat(0x20)) .| (v .== B.splat(0xC2)) .| ((v &- B.splat(0xE1)) .< B.splat(3))
            if markup { stops = stops .| (v .== B.splat(0x3C)) .| (v .== B.splat(0x26)) }
            let spaces = unsafeBitCast(v .== B.splat(0x20), to: UInt128.self)
            let bits = unsafeBitCast(stops, to: UInt128.self) | (spaces & ((spaces &<< 8) | previousSpace))
            B.store(v, base + count)
            guard bits == 0 else {
                let k = bits.trailingZeroBitCount &>> 3
                count += k
                i += k
                break
            }
            count += 16
            i += 16
            previousSpace = spaces &>> 120
        }
        // Stopped by the end or the capacity, perhaps inside a UTF-8 sequence: back to its lead byte
        // (the bytes copied are the input's, so the output steps back with it).
        while i < n, count > 0, p[i] & 0xC0 == 0x80 {
            i -= 1
            count -= 1
        }
        // A space written last goes back to pending: trailing white space is trimmed, runs collapse.
        if count > 0, base[count - 1] == 0x20 {
            count -= 1
            pendingSpace = true
        }
    }

    /// Whether ``copyBlocks(_:_:_:markup:)`` may start at a byte `c` (markup stops are checked by the caller).
    @inline(__always)
    static func startsBlockCopy(_ c: UInt8) -> Bool { c > 0x20 && c != 0xC2 && c &- 0xE1 >= 3 }

    /// The end of the run of printable ASCII (0x21–0x7E) starting at `i`, stopping also at `stop1`/`stop2`.
    @inline(__always)
    static func printableRunEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ stop1: UInt8, _ stop2: UInt8) -> Int {
        var j = i
        while j < n {
            let d = p[j]
            if d <= 0x20 || d >= 0x7F || d == stop1 || d == stop2 { break }
            j += 1
        }
        return j
    }

    /// Writes one multi-byte UTF-8 sequence (`len` bytes at `p`), already known valid.
    @inline(__always)
    mutating func sequence(_ p: UnsafePointer<UInt8>, _ len: Int) {
        let c = p[0]
        if len == 2 {
            let v = (UInt32(c & 0x1F) << 6) | UInt32(p[1] & 0x3F)
            if v >= 0x80, v <= 0x9F {
                scalar(Charset.cp1252High[Int(v - 0x80)])
                return
            }
            if v == 0x85 || v == 0xA0 {
                space()
                return
            }
        } else if len == 3, c == 0xE1 || c == 0xE2 || c == 0xE3 {
            let v = (UInt32(c & 0x0F) << 12) | (UInt32(p[1] & 0x3F) << 6) | UInt32(p[2] & 0x3F)
            if PlainText.isWhitespace(value: v) {
                space()
                return
            }
        }
        flush()
        guard count + len <= capacity else { return }
        for k in 0..<len { base[count + k] = p[k] }
        count += len
    }

    /// Writes a code point (from a character reference or a mapping).
    mutating func scalar(_ v: UInt32) {
        if v < 0x80 {
            ascii(UInt8(v))
            return
        }
        guard Unicode.Scalar(v) != nil else { return }
        if PlainText.isWhitespace(value: v) {
            space()
            return
        }
        flush()
        var b: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let n = Charset.encodeUTF8(v, into: &b)
        guard count + n <= capacity else { return }
        withUnsafeBytes(of: b) { raw in for k in 0..<n { base[count + k] = raw[k] } }
        count += n
    }

    /// Copies valid UTF-8 `bytes` through the writer.
    mutating func write(_ b: UnsafeBufferPointer<UInt8>) {
        guard let p = b.baseAddress else { return }
        var i = 0
        let n = b.count
        while i < n {
            let c = p[i]
            if i + 16 <= n, Self.startsBlockCopy(c) {
                let before = i
                copyBlocks(p, &i, n, markup: false)
                if i > before { continue }
            }
            if c > 0x20, c < 0x7F {
                let j = Self.printableRunEnd(p, i + 1, n, 0x7F, 0x7F)
                printable(p + i, j - i)
                i = j
                continue
            }
            if c < 0x80 {
                ascii(c)
                i += 1
                continue
            }
            let len = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2)
            guard i + len <= n else { return }
            sequence(p + i, len)
            i += len
        }
    }
}
