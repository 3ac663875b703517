import CCurl

extension CurlEasy {
    /// The last response's status code (0 when none was received).
    public var responseCode: Int { long(CURLINFO_RESPONSE_CODE) ?? 0 }

    /// Where a redirect response points, resolved against the request URL by libcurl (set even though
    /// veille never lets libcurl follow redirects itself).
    public var redirectURL: String? { string(CURLINFO_REDIRECT_URL) }

    /// The URL of the last transfer.
    public var effectiveURL: String? { string(CURLINFO_EFFECTIVE_URL) }

    /// The IP address of the last connection, as text.
    public var primaryIP: String? { string(CURLINFO_PRIMARY_IP) }

    /// The last response's Content-Type header value.
    public var contentType: String? { string(CURLINFO_CONTENT_TYPE) }

    /// Bytes received on the wire for the body (before decoding).
    public var downloadedBytes: Int {
        var value: curl_off_t = 0
        return veille_curl_getinfo_off(handle, CURLINFO_SIZE_DOWNLOAD_T, &value) == CURLE_OK ? Int(value) : 0
    }

    /// Bytes of response headers received (every response of the transfer, status lines included).
    public var headerBytes: Int { long(CURLINFO_HEADER_SIZE) ?? 0 }

    /// Total time of the last transfer, in seconds.
    public var totalTime: Double {
        var value: curl_off_t = 0
        guard veille_curl_getinfo_off(handle, CURLINFO_TOTAL_TIME_T, &value) == CURLE_OK else { return 0 }
        return Double(value) / 1_000_000
    }

    private func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return veille_curl_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard veille_curl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}
