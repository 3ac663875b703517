import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    /// `curl_global_init` runs the first time this is read (Swift initialises globals lazily and
    /// exactly once, under a lock), so no handle can race it.
    /// libcurl is opened here (`dlopen`, see `Sources/CCurl/loader.c`): false also when it cannot be
    /// loaded, and then creating a handle throws ``CurlCode/failedInit`` naming the library, instead of
    /// the process dying at start-up.
    static let initialised: Bool =
        veille_curl_loaded() != 0 && veille_curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// What a command that needs libcurl reports when it could not be loaded.
    static let unavailable = "libcurl could not be loaded (libcurl.so.4, package libcurl4)"

    /// The libcurl version string, e.g. `7.88.1` ("unavailable" when libcurl could not be loaded).
    static var version: String {
        guard initialised, let info = veille_curl_version_info(CURLVERSION_TENTH) else { return "unavailable" }
        return String(cString: info.pointee.version)
    }
}
