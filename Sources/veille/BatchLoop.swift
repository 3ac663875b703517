import CMalloc
import Foundation

/// The `--batch` commands' loop: paths on stdin (one per line), one output line per path on stdout, in
/// input order, each written with `write(2)` as soon as it and every line before it are ready.
enum BatchLoop {
    /// Reads paths on stdin and writes one line per path (`line` gives it without its newline), made by
    /// `workers` threads at once (by default one: the calling thread).
    static func run(workers: Int = 1, _ line: @escaping @Sendable (String) -> String) {
        runParallel(workers: workers) { path, out in
            out.append(contentsOf: line(path).utf8)
            out.append(0x0A)
        }
    }

    /// Like ``run(_:)`` for a producer that appends its line and newline to a byte buffer, with `workers`
    /// threads producing lines at once (files are independent; the calling thread is one of them).
    ///
    /// One thread reads stdin as fast as it comes, so a caller that writes every path before reading any
    /// line never blocks on a full pipe. The worker that finishes the next line to write writes it, with
    /// any later lines already done: no thread exists only to write, and no thread is woken per line. A
    /// worker more than a few lines ahead of the output waits, so memory stays bounded on endless input.
    static func runParallel(
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ line: @escaping @Sendable (String, inout [UInt8]) -> Void
    ) {
        let count = max(1, workers)
        if count > 1 { veille_malloc_keep_memory() }
        let state = BatchState(window: max(16, 8 * count), workers: count)
        Thread.detachNewThread {
            var reader = PathReader(fd: STDIN_FILENO)
            while let path = reader.next() { state.add(path) }
            state.endInput()
        }
        let work: @Sendable () -> Void = {
            var buffer: [UInt8] = []
            while let (index, path) = state.take() {
                buffer.removeAll(keepingCapacity: true)
                line(path, &buffer)
                state.finish(index, &buffer)
            }
            state.workerEnded()
        }
        for _ in 1..<count {
            let worker = Thread(block: work)
            worker.stackSize = 8 << 20 // the main thread's: a deeply nested page parses as it would there
            worker.start()
        }
        work()
        state.waitForWorkers()
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

/// The shared state of ``BatchLoop/runParallel(workers:_:)``: the paths read and not yet taken, the lines
/// done and not yet written, the next line to write.
final class BatchState: @unchecked Sendable {
    /// Guards the input's fields; idle workers wait on it for a path.
    private let input = NSCondition()
    private var queue: [String] = []
    private var head = 0
    private var taken = 0
    private var ended = false
    /// True once stdout has gone: idle workers stop waiting for input.
    private var stopped = false
    private var waitingForInput = 0
    /// Guards the output's fields; workers wait on it for the window to move, the caller for the workers.
    private let output = NSCondition()
    private let window: Int
    private var written = 0
    /// True while a worker writes (outside the lock): lines finished meanwhile are left to it.
    private var writing = false
    /// True once stdout has gone: workers stop.
    private var broken = false
    /// Lines done and not yet written, by input index.
    private var done: [Int: [UInt8]] = [:]
    private var waitingForWindow = 0
    private var running: Int

    init(window: Int, workers: Int) {
        self.window = window
        running = workers
    }

    /// A path read from the input.
    func add(_ path: String) {
        input.lock()
        if head > 4096, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        queue.append(path)
        if waitingForInput > 0 { input.signal() }
        input.unlock()
    }

    /// The input has ended.
    func endInput() {
        input.lock()
        ended = true
        input.broadcast()
        input.unlock()
    }

    /// The next path to work on, with its input index; nil at the end of input or once stdout has gone.
    /// Waits while the output is a window behind that index.
    func take() -> (Int, String)? {
        input.lock()
        while head == queue.count, !ended, !stopped {
            waitingForInput += 1
            input.wait()
            waitingForInput -= 1
        }
        guard head < queue.count, !stopped else {
            input.unlock()
            return nil
        }
        let path = queue[head]
        let index = taken
        head += 1
        taken += 1
        input.unlock()
        output.lock()
        defer { output.unlock() }
        while index - written >= window, !broken {
            waitingForWindow += 1
            output.wait()
            waitingForWindow -= 1
        }
        return broken ? nil : (index, path)
    }

    /// The line for input `index` is in `line`: written now when it is the next one (with the lines after
    /// it that are done), else kept for the worker that writes the line before it (`line` is then emptied).
    func finish(_ index: Int, _ line: inout [UInt8]) {
        output.lock()
        guard index == written, !writing else {
            done[index] = line
            line = []
            output.unlock()
            return
        }
        writing = true
        output.unlock()
        var ok = BatchLoop.writeAll(line)
        output.lock()
        written += 1
        while ok, let next = done.removeValue(forKey: written) {
            output.unlock()
            ok = BatchLoop.writeAll(next)
            output.lock()
            written += 1
        }
        writing = false
        if !ok {
            broken = true
            done.removeAll()
        }
        if waitingForWindow > 0 || !ok { output.broadcast() }
        output.unlock()
        if !ok {
            input.lock()
            stopped = true
            input.broadcast()
            input.unlock()
        }
    }

    /// A worker has stopped taking paths.
    func workerEnded() {
        output.lock()
        running -= 1
        if running == 0 { output.broadcast() }
        output.unlock()
    }

    /// Returns once every worker has stopped (every line is then written).
    func waitForWorkers() {
        output.lock()
        while running > 0 { output.wait() }
        output.unlock()
    }
}

/// Paths from a file descriptor, one per line: empty lines skipped, a trailing `\r` dropped, bytes that are
/// not UTF-8 replaced (U+FFFD). Reads in blocks; each byte is scanned once.
struct PathReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// Where the next line starts in ``buffer``, and how far the search for its end has gone.
    private var start = 0
    private var scanned = 0
    private var ended = false

    init(fd: Int32) { self.fd = fd }

    /// The next non-empty path; nil at the end of input (or on a read error).
    mutating func next() -> String? {
        while true {
            while scanned < buffer.count {
                if buffer[scanned] == 0x0A {
                    let line = path(start, scanned)
                    scanned += 1
                    start = scanned
                    if let line { return line }
                } else {
                    scanned += 1
                }
            }
            if ended {
                let line = path(start, buffer.count)
                start = buffer.count
                return line
            }
            fill()
        }
    }

    /// The bytes `from ..< to` as a path, without a trailing `\r`; nil when that leaves nothing.
    private func path(_ from: Int, _ to: Int) -> String? {
        var end = to
        if end > from, buffer[end - 1] == 0x0D { end -= 1 }
        guard end > from else { return nil }
        return String(decoding: buffer[from..<end], as: UTF8.self)
    }

    /// Drops the consumed bytes and reads up to 64 KB more; marks the end of input.
    private mutating func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        let old = buffer.count
        let block = 64 << 10
        buffer.append(contentsOf: repeatElement(0, count: block))
        var got = -1
        repeat {
            got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + old }, block) }
        } while got < 0 && errno == EINTR
        buffer.removeLast(block - max(0, got))
        if got <= 0 { ended = true }
    }
}
