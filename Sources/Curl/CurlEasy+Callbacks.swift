import CCurl

extension CurlEasy {
    /// Points libcurl's write, header, progress, opensocket and read callbacks at this handle's closures.
    ///
    /// The C callbacks capture nothing; they find the handle through their user-data pointer, which is
    /// this object unretained (the handle cannot outlive it: `deinit` frees it).
    func installCallbacks() {
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = veille_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = veille_curl_setopt_data_cb(handle, CURLOPT_WRITEFUNCTION) { ptr, size, count, user in
            let n = size * count
            guard let user else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(user).takeUnretainedValue()
            guard let onData = easy.onData else { return n }
            return onData(UnsafeRawBufferPointer(start: ptr, count: n)) ? n : 0
        }
        _ = veille_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        _ = veille_curl_setopt_data_cb(handle, CURLOPT_HEADERFUNCTION) { ptr, size, count, user in
            let n = size * count
            guard let user else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(user).takeUnretainedValue()
            easy.onHeader?(UnsafeRawBufferPointer(start: ptr, count: n))
            return n
        }
        _ = veille_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        _ = veille_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = veille_curl_setopt_xferinfo_cb(handle) { user, _, _, _, _ in
            guard let user else { return 1 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(user).takeUnretainedValue()
            return easy.onProgress?() == false ? 1 : 0
        }
        _ = veille_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, me)
        _ = veille_curl_setopt_opensocket_cb(handle) { user, purpose, address in
            guard let user, let address else { return veille_curl_socket_bad() }
            let easy = Unmanaged<CurlEasy>.fromOpaque(user).takeUnretainedValue()
            if let decide = easy.onOpenSocket {
                var bytes = [UInt8](repeating: 0, count: 16)
                var port: UInt32 = 0
                let length = bytes.withUnsafeMutableBufferPointer { buffer in
                    veille_curl_sockaddr_ip(address, buffer.baseAddress, &port)
                }
                let seen = SocketAddress(bytes: Array(bytes.prefix(Int(length))), port: Int(port))
                guard decide(seen) else { return veille_curl_socket_bad() }
            }
            return veille_curl_open_socket(address)
        }
        _ = veille_curl_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, me)
        _ = veille_curl_setopt_data_cb(handle, CURLOPT_READFUNCTION) { ptr, size, count, user in
            guard let user, let ptr else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(user).takeUnretainedValue()
            guard let onRead = easy.onRead else { return 0 }
            let capacity = size * count
            return min(capacity, max(0, onRead(UnsafeMutableRawBufferPointer(start: ptr, count: capacity))))
        }
        _ = veille_curl_setopt_pointer(handle, CURLOPT_READDATA, me)
    }
}
