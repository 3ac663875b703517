import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small static HTTP/1.1 server on 127.0.0.1 for `veille demo`: serves the files of a folder with ETag
/// and Last-Modified, answers conditional GETs with 304, one request per connection. Not for the
/// internet: it binds loopback only and serves only files below its root.
final class DemoServer: @unchecked Sendable {
    private let fd: Int32
    /// The port the OS gave.
    let port: Int
    private let lock = NSLock()
    private var roots: [String]
    private var running = true

    /// Binds 127.0.0.1 on a free port and starts serving `roots` (the first folder holding a path wins).
    init(roots: [String]) throws {
        self.roots = roots
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard sock >= 0 else { throw DemoError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(sock, 64) == 0 else {
            close(sock)
            throw DemoError("bind: \(String(cString: strerror(errno)))")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        var out = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &out) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) }
        }
        fd = sock
        port = Int(UInt16(bigEndian: out.sin_port))
        let thread = Thread { [weak self] in self?.serve() }
        thread.start()
    }

    /// Serves other folders from now on (the mirror "changes").
    func setRoots(_ paths: [String]) {
        lock.lock()
        roots = paths
        lock.unlock()
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                lock.lock()
                let go = running
                lock.unlock()
                if !go { return } else { continue }
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var buffer = [UInt8](repeating: 0, count: 8192)
        var request = [UInt8]()
        while request.count < 65_536 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let text = String(decoding: request, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return respond(client, 400, [:], []) }
        var headers: [String: String] = [:]
        for l in lines.dropFirst() {
            guard let colon = l.firstIndex(of: ":") else { continue }
            headers[l[..<colon].lowercased()] = l[l.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let path = String(parts[1].split(separator: "?").first ?? "/")
        lock.lock()
        let bases = roots
        lock.unlock()
        let found =
            path.contains("..") ? nil : bases.lazy.compactMap { FileManager.default.contents(atPath: $0 + path) }.first
        guard let data = found else {
            return respond(client, 404, ["Content-Type": "text/plain"], Array("not found\n".utf8))
        }
        let etag = "\"\(Self.hash(data))\""
        if headers["if-none-match"] == etag { return respond(client, 304, ["ETag": etag], []) }
        // No charset for pages and CSV files: the project's charset rule decides from their bytes.
        let type =
            path.hasSuffix(".html")
            ? "text/html"
            : path.hasSuffix(".csv") ? "text/csv" : "application/rss+xml; charset=utf-8"
        respond(client, 200, ["ETag": etag, "Content-Type": type], [UInt8](data))
    }

    private func respond(_ client: Int32, _ status: Int, _ headers: [String: String], _ body: [UInt8]) {
        let reason = [200: "OK", 304: "Not Modified", 400: "Bad Request", 404: "Not Found"][status] ?? "OK"
        var head = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            sent += n
        }
    }

    /// FNV-1a over the body: a stable validator for the demo's files.
    static func hash(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}

/// A demo that cannot start.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
