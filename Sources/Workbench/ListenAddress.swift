/// The `--listen HOST:PORT` address of `veille serve`.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    /// Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback).
    ///
    /// - Throws: ``WorkbenchError/badListen(_:)`` when the text is none of these.
    public init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw WorkbenchError.badListen(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains(where: { $0 == " " || $0 == "/" || $0 == "[" || $0 == "]" }) else {
            throw WorkbenchError.badListen(text)
        }
        self.host = host
        self.port = port
    }

    /// Whether only this machine can connect: 127.0.0.0/8, ::1 or `localhost`.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
