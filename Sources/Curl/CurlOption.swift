import CCurl

/// A libcurl easy option (`CURLoption`) with a name, for ``CurlEasy/set(_:_:)-(_,Int)``.
///
/// The option's number tells libcurl's value type (long, object pointer, curl_off_t): ``CurlEasy``
/// checks it before calling setopt, so a value of the wrong type is an error, never undefined behaviour.
public struct CurlOption: Hashable, Sendable {
    let raw: UInt32

    init(_ option: CURLoption) { self.raw = option.rawValue }

    var cValue: CURLoption { CURLoption(rawValue: raw) }

    /// The value type libcurl expects, from the option number's range.
    enum ValueKind { case long, pointer, function, offset }

    var kind: ValueKind {
        let n = Int(raw)
        if n >= veille_curlopttype_off_t() { return .offset }
        if n >= veille_curlopttype_functionpoint() { return .function }
        if n >= veille_curlopttype_objectpoint() { return .pointer }
        return .long
    }

    // Transfers.
    public static let url = CurlOption(CURLOPT_URL)
    public static let httpHeader = CurlOption(CURLOPT_HTTPHEADER)
    public static let userAgent = CurlOption(CURLOPT_USERAGENT)
    /// `""` asks for every encoding libcurl decodes (gzip, deflate, …) and decodes it.
    public static let acceptEncoding = CurlOption(CURLOPT_ACCEPT_ENCODING)
    public static let connectTimeoutMS = CurlOption(CURLOPT_CONNECTTIMEOUT_MS)
    public static let timeoutMS = CurlOption(CURLOPT_TIMEOUT_MS)
    public static let protocolsString = CurlOption(CURLOPT_PROTOCOLS_STR)
    public static let redirectProtocolsString = CurlOption(CURLOPT_REDIR_PROTOCOLS_STR)
    public static let followLocation = CurlOption(CURLOPT_FOLLOWLOCATION)
    public static let maxRedirects = CurlOption(CURLOPT_MAXREDIRS)
    public static let maxFileSize = CurlOption(CURLOPT_MAXFILESIZE_LARGE)
    /// `host:port:address` entries that override DNS (tests map public-looking names to 127.0.0.1).
    public static let resolve = CurlOption(CURLOPT_RESOLVE)
    /// 1: never use signals (required with threads).
    public static let noSignal = CurlOption(CURLOPT_NOSIGNAL)
    /// `""` disables proxies, including those from the environment.
    public static let proxy = CurlOption(CURLOPT_PROXY)
    public static let httpGet = CurlOption(CURLOPT_HTTPGET)
    public static let noBody = CurlOption(CURLOPT_NOBODY)
    public static let verbose = CurlOption(CURLOPT_VERBOSE)
    public static let forbidReuse = CurlOption(CURLOPT_FORBID_REUSE)
    public static let freshConnect = CurlOption(CURLOPT_FRESH_CONNECT)
    /// `CURL_HTTP_VERSION_*`; veille leaves libcurl's default.
    public static let httpVersion = CurlOption(CURLOPT_HTTP_VERSION)

    // SMTP (for the digests issue).
    public static let mailFrom = CurlOption(CURLOPT_MAIL_FROM)
    public static let mailRecipients = CurlOption(CURLOPT_MAIL_RCPT)
    public static let upload = CurlOption(CURLOPT_UPLOAD)
    public static let inFileSize = CurlOption(CURLOPT_INFILESIZE_LARGE)
    public static let useSSL = CurlOption(CURLOPT_USE_SSL)
    public static let username = CurlOption(CURLOPT_USERNAME)
    public static let password = CurlOption(CURLOPT_PASSWORD)
}
