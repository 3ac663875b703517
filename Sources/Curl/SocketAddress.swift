/// The address libcurl is about to connect a socket to, as seen by an opensocket callback.
public struct SocketAddress: Sendable, Hashable {
    /// The address bytes in network order: 4 for IPv4, 16 for IPv6, empty for another family
    /// (a Unix socket, say), which an address check should refuse.
    public let bytes: [UInt8]
    /// The port, in host order.
    public let port: Int

    /// Creates an address from its bytes and port.
    public init(bytes: [UInt8], port: Int) {
        self.bytes = bytes
        self.port = port
    }
}
