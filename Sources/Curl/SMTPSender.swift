import CCurl

/// Sends one email message over SMTP with libcurl: envelope sender, one recipient, the message as stored.
///
/// TLS follows ``SMTPSettings/TLS``: with credentials it is always required (a password never travels in
/// clear); `smtps://` URLs use TLS from the first byte. libcurl dot-stuffs the message and ends DATA itself.
/// A failure is an ``SMTPError`` naming the server, the recipient and the step (connect, TLS, STARTTLS, AUTH,
/// MAIL FROM, RCPT TO, DATA).
///
/// Blocking: call it from a thread that may block (the digest stage runs once, at the end of a run).
public final class SMTPSender {
    private let settings: SMTPSettings
    private let easy: CurlEasy

    /// Prepares a sender (one handle, reused for every message so the connection may be kept).
    ///
    /// - Throws: ``SMTPError`` when libcurl cannot create a handle.
    public init(settings: SMTPSettings) throws(SMTPError) {
        self.settings = settings
        do { easy = try CurlEasy() } catch {
            throw SMTPError(server: settings.displayServer, recipient: "", step: "setup", message: error.message)
        }
    }

    /// Sends `message` (RFC 5322 bytes, CRLF line ends) from `sender` to `recipient`.
    ///
    /// - Returns: the server's last reply code (250 when the message was accepted).
    /// - Throws: ``SMTPError`` naming the server, the recipient and the step that failed.
    @discardableResult
    public func send(from sender: String, to recipient: String, message: [UInt8]) throws(SMTPError) -> Int {
        var offset = 0
        var started = false
        easy.reset()
        easy.onRead = { buffer in
            started = true
            let n = min(buffer.count, message.count - offset)
            guard n > 0, let base = buffer.baseAddress else { return 0 }
            message.withUnsafeBytes { src in
                if let s = src.baseAddress { base.copyMemory(from: s + offset, byteCount: n) }
            }
            offset += n
            return n
        }
        easy.onData = { _ in true }
        do {
            try easy.set(.url, settings.url)
            try easy.set(.protocolsString, "smtp,smtps")
            try easy.set(.proxy, "")
            try easy.set(.noSignal, true)
            try easy.set(.connectTimeoutMS, Int(min(settings.timeout, 30) * 1000))
            try easy.set(.timeoutMS, Int(settings.timeout * 1000))
            // Also bounds each wait for a reply, QUIT included: after a timeout libcurl still says QUIT and
            // would otherwise wait up to its default of 120 s for a stalled server.
            try easy.set(.serverResponseTimeout, max(1, Int(settings.timeout.rounded(.up))))
            try easy.set(.mailFrom, "<" + sender + ">")
            try easy.set(.mailRecipients, ["<" + recipient + ">"])
            try easy.set(.upload, true)
            try easy.set(.inFileSize, message.count)
            try easy.set(.useSSL, settings.useSSLValue)
            if let ca = settings.caFile { try easy.set(.caInfo, ca) }
            if let user = settings.username, let password = settings.password {
                try easy.set(.username, user)
                try easy.set(.password, password)
            }
        } catch {
            throw SMTPError(server: settings.displayServer, recipient: recipient, step: "setup", message: error.message)
        }
        let code = easy.perform()
        let reply = easy.responseCode
        guard code == .ok else {
            let message = easy.errorMessage ?? code.description
            throw SMTPError(
                server: settings.displayServer, recipient: recipient,
                step: Self.step(code: code, message: message, uploadStarted: started, reply: reply),
                message: message + (reply > 0 ? " (last reply \(reply))" : ""))
        }
        return reply
    }

    /// Which step of the exchange failed, from libcurl's code and message.
    static func step(code: CurlCode, message: String, uploadStarted: Bool, reply: Int) -> String {
        let m = message.lowercased()
        if m.contains("rcpt") { return "RCPT TO" }
        if m.contains("mail failed") { return "MAIL FROM" }
        if code == .loginDenied || m.contains("authentication") || m.contains("login") { return "AUTH" }
        if code == .useSSLFailed || m.contains("starttls") { return "STARTTLS" }
        if code == .sslConnectError || code == .peerFailedVerification { return "TLS handshake" }
        if uploadStarted || m.contains("data") { return "DATA" }
        if code == .couldntConnect || code == .couldntResolveHost { return "connect" }
        if code == .operationTimedOut { return reply == 0 ? "connect (timeout)" : "session (timeout)" }
        return "session"
    }
}

/// Where and how to send mail.
public struct SMTPSettings: Sendable {
    /// How TLS is used on an `smtp://` connection.
    public enum TLS: Sendable { case auto, required, never }

    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    public var username: String?
    public var password: String?
    public var tls: TLS
    /// An extra CA file (PEM) to trust.
    public var caFile: String?
    /// Limit for one message's exchange, in seconds.
    public var timeout: Double

    /// Settings; TLS `auto` by default.
    public init(
        url: String, username: String? = nil, password: String? = nil, tls: TLS = .auto, caFile: String? = nil,
        timeout: Double = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.timeout = timeout
    }

    /// The server as errors name it (`smtp://mail.example.org:587`, credentials never shown).
    public var displayServer: String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, let at = parts[2].lastIndex(of: "@") else { return url }
        return parts[0] + "//" + parts[2][parts[2].index(after: at)...]
    }

    /// `CURLOPT_USE_SSL`: required with credentials or `required`; tried with `auto`; none with `never`.
    var useSSLValue: Int {
        if username != nil || tls == .required { return Int(CURLUSESSL_ALL.rawValue) }
        return tls == .auto ? Int(CURLUSESSL_TRY.rawValue) : Int(CURLUSESSL_NONE.rawValue)
    }
}

/// An SMTP send that failed: the server, the recipient and the step, in words a user can act on.
public struct SMTPError: Error, Sendable, CustomStringConvertible, Equatable {
    public var server: String
    public var recipient: String
    /// `connect`, `TLS handshake`, `STARTTLS`, `AUTH`, `MAIL FROM`, `RCPT TO`, `DATA`, `session`.
    public var step: String
    public var message: String

    /// An error naming the server, the recipient and the step.
    public init(server: String, recipient: String, step: String, message: String) {
        self.server = server
        self.recipient = recipient
        self.step = step
        self.message = message
    }

    public var description: String { "smtp \(server): sending to \(recipient) failed at \(step): \(message)" }
}

extension CurlOption {
    /// A CA bundle file (PEM) to verify the peer with.
    static let caInfo = CurlOption(CURLOPT_CAINFO)
    /// Seconds to wait for each server reply (SMTP, FTP).
    static let serverResponseTimeout = CurlOption(CURLOPT_SERVER_RESPONSE_TIMEOUT)
}

extension CurlCode {
    /// The server refused the login (SMTP AUTH).
    static let loginDenied = CurlCode(CURLE_LOGIN_DENIED)
    /// TLS was required (STARTTLS) and the server did not offer or accept it.
    static let useSSLFailed = CurlCode(CURLE_USE_SSL_FAILED)
}
