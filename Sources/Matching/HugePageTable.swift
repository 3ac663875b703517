#if canImport(Glibc)
    import Glibc
#endif

/// A read-only copy of a large table, in memory the kernel may back with 2 MB pages.
///
/// Reason: the automaton's dense rows (up to ``Automaton/denseBudget``, 16 MB) are read at random, a row
/// per word of text; with 4 KB pages most of those reads also miss the TLB. Linux gives 2 MB pages to
/// memory advised with `MADV_HUGEPAGE` before it is first touched (the default "madvise" mode); elsewhere,
/// or when none are free, this is ordinary memory. Tables under 2 MB are plain allocations.
final class HugePageTable<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The elements (never written after `init`, so the table is safe to share).
    let buffer: UnsafeBufferPointer<Element>
    private let raw: UnsafeMutableRawPointer?

    /// Copies `values`.
    init(_ values: [Element]) {
        let bytes = values.count * MemoryLayout<Element>.stride
        let huge = 2 << 20
        var p: UnsafeMutableRawPointer?
        #if os(Linux)
            if bytes >= huge, posix_memalign(&p, huge, bytes) == 0, let aligned = p {
                _ = madvise(aligned, bytes / huge * huge, MADV_HUGEPAGE)
            }
        #endif
        if p == nil, bytes > 0 {
            p = malloc(bytes)
        }
        raw = p
        guard let p else {
            buffer = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        let typed = p.bindMemory(to: Element.self, capacity: values.count)
        values.withUnsafeBufferPointer { source in
            if let s = source.baseAddress { typed.initialize(from: s, count: values.count) }
        }
        buffer = UnsafeBufferPointer(start: typed, count: values.count)
    }

    deinit { free(raw) }

    var count: Int { buffer.count }

    subscript(i: Int) -> Element { buffer[i] }

    /// The elements in place, as `Array.withUnsafeBufferPointer` gives them.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(buffer)
    }
}
