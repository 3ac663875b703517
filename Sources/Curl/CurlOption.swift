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
    /// The URL to transfer.
    public static let url = CurlOption(CURLOPT_URL)
    /// Extra request headers (`Name: value` lines).
    public static let httpHeader = CurlOption(CURLOPT_HTTPHEADER)
    /// The `User-Agent` header.
    public static let userAgent = CurlOption(CURLOPT_USERAGENT)
    /// `""` asks for every encoding libcurl decodes (gzip, deflate, …) and decodes it.
    public static let acceptEncoding = CurlOption(CURLOPT_ACCEPT_ENCODING)
    /// Limit for connecting, in milliseconds.
    public static let connectTimeoutMS = CurlOption(CURLOPT_CONNECTTIMEOUT_MS)
    /// Limit for the whole transfer, in milliseconds.
    public static let timeoutMS = CurlOption(CURLOPT_TIMEOUT_MS)
    /// Protocols allowed for the URL (`"http,https"`).
    public static let protocolsString = CurlOption(CURLOPT_PROTOCOLS_STR)
    /// Protocols allowed for redirects libcurl follows itself (veille follows none).
    public static let redirectProtocolsString = CurlOption(CURLOPT_REDIR_PROTOCOLS_STR)
    /// Whether libcurl follows redirects itself (veille: 0, it checks each hop).
    public static let followLocation = CurlOption(CURLOPT_FOLLOWLOCATION)
    /// Redirects libcurl follows at most.
    public static let maxRedirects = CurlOption(CURLOPT_MAXREDIRS)
    /// Refuse a response whose announced size is larger (curl_off_t).
    public static let maxFileSize = CurlOption(CURLOPT_MAXFILESIZE_LARGE)
    /// `host:port:address` entries that override DNS (tests map public-looking names to 127.0.0.1).
    public static let resolve = CurlOption(CURLOPT_RESOLVE)
    /// 1: never use signals (required with threads).
    public static let noSignal = CurlOption(CURLOPT_NOSIGNAL)
    /// `""` disables proxies, including those from the environment.
    public static let proxy = CurlOption(CURLOPT_PROXY)
    /// 1: a GET request.
    public static let httpGet = CurlOption(CURLOPT_HTTPGET)
    /// 1: a HEAD request.
    public static let noBody = CurlOption(CURLOPT_NOBODY)
    /// 1: libcurl writes its trace to stderr (debugging only).
    public static let verbose = CurlOption(CURLOPT_VERBOSE)
    /// 1: close the connection after the transfer.
    public static let forbidReuse = CurlOption(CURLOPT_FORBID_REUSE)
    /// 1: never reuse a cached connection for this transfer.
    public static let freshConnect = CurlOption(CURLOPT_FRESH_CONNECT)
    /// `CURL_HTTP_VERSION_*`; veille leaves libcurl's default.
    public static let httpVersion = CurlOption(CURLOPT_HTTP_VERSION)

    // SMTP (email digests).
    /// SMTP envelope sender.
    public static let mailFrom = CurlOption(CURLOPT_MAIL_FROM)
    /// SMTP envelope recipients (a list).
    public static let mailRecipients = CurlOption(CURLOPT_MAIL_RCPT)
    /// 1: send data pulled from the read callback (SMTP message).
    public static let upload = CurlOption(CURLOPT_UPLOAD)
    /// Size of the upload, when known (curl_off_t).
    public static let inFileSize = CurlOption(CURLOPT_INFILESIZE_LARGE)
    /// `CURLUSESSL_*`: whether SMTP requires STARTTLS.
    public static let useSSL = CurlOption(CURLOPT_USE_SSL)
    /// SMTP (or HTTP) user name.
    public static let username = CurlOption(CURLOPT_USERNAME)
    /// SMTP (or HTTP) password.
    public static let password = CurlOption(CURLOPT_PASSWORD)
}
