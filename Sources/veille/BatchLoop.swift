import CMalloc
import Foundation

/// The `--batch` commands' loop: paths on stdin (one per line), one output line per path on stdout, in
/// input order, each written with `write(2)` as soon as it and every line before it are ready.
enum BatchLoop {
    /// Reads paths on stdin and writes one line per path, one at a time.
    static func run(_ line: (String) -> String) {
        let out = FileHandle.standardOutput
        while let path = nextPath() {
            out.write(Data((line(path) + "\n").utf8))
        }
    }

    /// The next non-empty path on stdin (a trailing `\r` dropped), nil at the end of input.
    static func nextPath() -> String? {
        while let raw = readLine(strippingNewline: true) {
            let path = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if !path.isEmpty { return path }
        }
        return nil
    }

    /// Like ``run(_:)`` for a producer that appends its line and newline to a byte buffer, with `workers`
    /// threads producing lines at once (files are independent): one thread reads stdin, the workers take
    /// paths in order, and the calling thread writes each line once all those before it are written.
    /// At most a few lines per worker are ahead of the writer, so memory stays bounded on endless input.
    static func runParallel(workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                            _ line: @escaping @Sendable (String, inout [UInt8]) -> Void) {
        veille_malloc_keep_memory()
        let state = OrderedLines(window: max(16, 8 * workers))
        Thread.detachNewThread {
            while let path = nextPath() { state.add(path) }
            state.endInput()
        }
        for _ in 0 ..< max(1, workers) {
            let worker = Thread {
                var buffer: [UInt8] = []
                while let (index, path) = state.take() {
                    buffer.removeAll(keepingCapacity: true)
                    line(path, &buffer)
                    state.finish(index, buffer)
                }
            }
            worker.stackSize = 8 << 20  // the main thread's: a deeply nested page parses as it would there
            worker.start()
        }
        while let bytes = state.nextLine() {
            guard writeAll(bytes) else { return }
        }
    }

    /// Writes every byte to standard output; false when the reader has gone (then there is no point going on).
    static func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            guard var p = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let n = write(STDOUT_FILENO, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                p += n
                left -= n
            }
            return true
        }
    }
}

/// The shared state of ``BatchLoop/runParallel(workers:_:)``: paths read, lines done, the next line to write.
///
/// One condition guards it all; a broadcast goes out only when someone may be waiting for that change
/// (idle workers for a path, the writer for the very line it needs, workers for the window to move).
final class OrderedLines: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    /// Paths read and not yet taken, by input index.
    private var waiting: [Int: String] = [:]
    private var read = 0
    private var taken = 0
    private var written = 0
    private var ended = false
    /// Lines done and not yet written, by input index.
    private var done: [Int: [UInt8]] = [:]

    init(window: Int) { self.window = window }

    /// A path read from the input.
    func add(_ path: String) {
        condition.lock()
        waiting[read] = path
        if taken == read { condition.broadcast() }  // workers may be idle, waiting for a path
        read += 1
        condition.unlock()
    }

    /// The input has ended.
    func endInput() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next path to work on, with its input index; nil once every path is taken and the input ended.
    func take() -> (Int, String)? {
        condition.lock()
        defer { condition.unlock() }
        while taken == read || taken - written >= window {
            if taken == read, ended { return nil }
            condition.wait()
        }
        let index = taken
        taken += 1
        return waiting.removeValue(forKey: index).map { (index, $0) }
    }

    /// The line for input `index` is ready.
    func finish(_ index: Int, _ line: [UInt8]) {
        condition.lock()
        done[index] = line
        if index == written { condition.broadcast() }  // the writer waits for this very line
        condition.unlock()
    }

    /// The next line in input order, once it is ready; nil when every line is written.
    func nextLine() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = done.removeValue(forKey: written) {
                if taken - written >= window { condition.broadcast() }  // workers wait for the window to move
                written += 1
                return line
            }
            if ended, written == read { return nil }
            condition.wait()
        }
    }
}
