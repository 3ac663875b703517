import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    /// `curl_global_init` runs the first time this is read (Swift initialises globals lazily and
    /// exactly once, under a lock), so no handle can race it.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// The libcurl version string, e.g. `7.88.1`.
    static var version: String { String(cString: curl_version_info(CURLVERSION_TENTH).pointee.version) }
}
