import CCurl

/// A libcurl result code (`CURLcode`), with names for the codes veille acts on.
///
/// Modelled on GRDB's `ResultCode`: a small value type around the C integer, so callers compare with
/// named constants and never see the C enum.
public struct CurlCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    /// Wraps a raw `CURLcode` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    init(_ code: CURLcode) { self.rawValue = Int32(bitPattern: code.rawValue) }

    /// Success.
    public static let ok = CurlCode(CURLE_OK)
    /// The URL uses a protocol that is not enabled (see `CURLOPT_PROTOCOLS_STR`).
    public static let unsupportedProtocol = CurlCode(CURLE_UNSUPPORTED_PROTOCOL)
    /// The URL could not be parsed.
    public static let urlMalformat = CurlCode(CURLE_URL_MALFORMAT)
    /// The host name did not resolve.
    public static let couldntResolveHost = CurlCode(CURLE_COULDNT_RESOLVE_HOST)
    /// No connection could be made (also when an opensocket callback refused every address).
    public static let couldntConnect = CurlCode(CURLE_COULDNT_CONNECT)
    /// The write callback took fewer bytes than it was given (veille's size cap).
    public static let writeError = CurlCode(CURLE_WRITE_ERROR)
    /// A connect or total timeout expired.
    public static let operationTimedOut = CurlCode(CURLE_OPERATION_TIMEDOUT)
    /// The progress callback asked to stop (cancellation).
    public static let abortedByCallback = CurlCode(CURLE_ABORTED_BY_CALLBACK)
    /// More redirects than `CURLOPT_MAXREDIRS`.
    public static let tooManyRedirects = CurlCode(CURLE_TOO_MANY_REDIRECTS)
    /// The announced size is over `CURLOPT_MAXFILESIZE_LARGE`.
    public static let fileSizeExceeded = CurlCode(CURLE_FILESIZE_EXCEEDED)
    /// The content encoding (gzip, deflate) could not be decoded.
    public static let badContentEncoding = CurlCode(CURLE_BAD_CONTENT_ENCODING)
    /// The server closed the connection without sending anything.
    public static let gotNothing = CurlCode(CURLE_GOT_NOTHING)
    /// A TLS handshake failed.
    public static let sslConnectError = CurlCode(CURLE_SSL_CONNECT_ERROR)
    /// The peer's certificate was not accepted.
    public static let peerFailedVerification = CurlCode(CURLE_PEER_FAILED_VERIFICATION)
    /// Data could not be received (connection reset, truncated transfer).
    public static let recvError = CurlCode(CURLE_RECV_ERROR)
    /// The transfer ended before the announced size.
    public static let partialFile = CurlCode(CURLE_PARTIAL_FILE)
    /// A setopt received an unknown option or a value of the wrong type.
    public static let unknownOption = CurlCode(CURLE_UNKNOWN_OPTION)
    /// An SMTP or HTTP peer rejected what was sent (SMTP: a refused recipient or message).
    public static let sendError = CurlCode(CURLE_SEND_ERROR)
    /// libcurl's own out-of-memory.
    public static let outOfMemory = CurlCode(CURLE_OUT_OF_MEMORY)
    /// libcurl could not be initialised (veille: it could not be loaded at all).
    public static let failedInit = CurlCode(CURLE_FAILED_INIT)

    /// libcurl's generic English text for the code (`curl_easy_strerror`).
    public var description: String {
        guard CurlGlobal.initialised else { return CurlGlobal.unavailable }
        return String(cString: veille_curl_easy_strerror(CURLcode(rawValue: UInt32(bitPattern: rawValue))))
    }
}
