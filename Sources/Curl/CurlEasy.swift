import CCurl

/// One libcurl easy handle: options, callbacks, one transfer at a time.
///
/// Not `Sendable`: a handle belongs to the thread that performs with it. The handle is freed in
/// `deinit`, together with the header lists it was given. A handle can be reused after ``reset()``,
/// which keeps libcurl's connection and DNS caches.
///
/// Callbacks are Swift closures, called on the performing thread during ``perform()``:
/// - ``onData``: decoded body bytes; return false to stop the transfer (``CurlCode/writeError``).
/// - ``onHeader``: one raw header line (status lines included).
/// - ``onProgress``: called often, also while no data flows; return false to stop
///   (``CurlCode/abortedByCallback``).
/// - ``onOpenSocket``: the address about to be connected to; return false to refuse it (libcurl then
///   tries the next address, or fails with ``CurlCode/couldntConnect``).
/// - ``onRead``: upload bytes (SMTP), pulled by libcurl until it returns 0.
public final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Receives decoded body bytes; returns false to stop the transfer.
    public var onData: ((UnsafeRawBufferPointer) -> Bool)?
    /// Receives each raw header line, CRLF included.
    public var onHeader: ((UnsafeRawBufferPointer) -> Void)?
    /// Polled during the transfer; returns false to abort it.
    public var onProgress: (() -> Bool)?
    /// Decides whether a socket to this address may be opened.
    public var onOpenSocket: ((SocketAddress) -> Bool)?
    /// Fills the buffer with upload bytes (an SMTP message with ``CurlOption/upload``) and returns how
    /// many it wrote; 0 ends the upload. Without it, the upload is empty.
    public var onRead: ((UnsafeMutableRawBufferPointer) -> Int)?

    /// Creates a handle.
    ///
    /// - Throws: ``CurlError`` when libcurl cannot be initialised or allocate a handle.
    public init() throws(CurlError) {
        guard CurlGlobal.initialised else {
            throw CurlError(code: .failedInit, message: CurlGlobal.unavailable)
        }
        guard let h = veille_curl_easy_init() else {
            throw CurlError(code: .outOfMemory, message: "libcurl could not create a handle")
        }
        handle = h
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        installCallbacks()
    }

    deinit {
        veille_curl_easy_cleanup(handle)
        lists.forEach { veille_curl_slist_free_all($0) }
        errorBuffer.deallocate()
    }

    /// The libcurl version, e.g. `7.88.1`.
    public static var libraryVersion: String { CurlGlobal.version }

    /// Clears every option (callbacks are reinstalled, closures kept), keeping the connection cache.
    public func reset() {
        veille_curl_easy_reset(handle)
        lists.forEach { veille_curl_slist_free_all($0) }
        lists.removeAll()
        installCallbacks()
    }

    /// Sets a long or curl_off_t option.
    ///
    /// - Throws: ``CurlError`` when the option does not take an integer or libcurl refuses the value.
    public func set(_ option: CurlOption, _ value: Int) throws(CurlError) {
        let code: CURLcode
        switch option.kind {
        case .long: code = veille_curl_setopt_long(handle, option.cValue, value)
        case .offset: code = veille_curl_setopt_off(handle, option.cValue, curl_off_t(value))
        default: throw CurlError(code: .unknownOption, message: "curl option \(option.raw) does not take an integer")
        }
        try check(code)
    }

    /// Sets a boolean option (1 or 0).
    public func set(_ option: CurlOption, _ value: Bool) throws(CurlError) {
        try set(option, value ? 1 : 0)
    }

    /// Sets a string option (libcurl copies it).
    public func set(_ option: CurlOption, _ value: String) throws(CurlError) {
        guard option.kind == .pointer else {
            throw CurlError(code: .unknownOption, message: "curl option \(option.raw) does not take a string")
        }
        try check(veille_curl_setopt_string(handle, option.cValue, value))
    }

    /// Sets a string-list option (headers, resolve entries, mail recipients); the list lives until the
    /// next ``reset()`` or the handle's end.
    public func set(_ option: CurlOption, _ values: [String]) throws(CurlError) {
        guard option.kind == .pointer else {
            throw CurlError(code: .unknownOption, message: "curl option \(option.raw) does not take a list")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let next = veille_curl_slist_append(list, value) else {
                if let list { veille_curl_slist_free_all(list) }
                throw CurlError(code: .outOfMemory)
            }
            list = next
        }
        if let list { lists.append(list) }
        try check(veille_curl_setopt_slist(handle, option.cValue, list))
    }

    /// Runs the transfer (blocking the calling thread) and returns libcurl's result.
    ///
    /// Never call this on Swift's cooperative thread pool: the caller runs it on a thread of its own.
    public func perform() -> CurlCode {
        errorBuffer[0] = 0
        return CurlCode(veille_curl_easy_perform(handle))
    }

    /// The detailed message of the last failed ``perform()``, when libcurl wrote one.
    public var errorMessage: String? {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? nil : text
    }

    func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code: CurlCode(code)) }
    }
}
