import Foundation

/// A real SMTP server on 127.0.0.1 for the digest tests: Debian's python3-aiosmtpd running
/// `Fixtures/smtp_server.py` under /usr/bin/python3. It can require AUTH, offer STARTTLS with a self-signed
/// certificate made by `openssl` at test time, refuse recipients, or drop the connection during DATA, and it
/// writes what it accepted to a folder the test reads.
final class SMTPTestServer: @unchecked Sendable {
    struct Options {
        var auth: (String, String)?
        var tls = false
        var requireTLS = false
        var refuse: [String] = []
        var dropData = false
        var stallData = false
    }

    /// One accepted message: the envelope and the raw bytes.
    struct Received {
        var mailFrom: String
        var rcptTos: [String]
        var login: String?
        var tls: Bool
        var raw: String
        var message: ParsedMail { ParsedMail(raw) }
    }

    let state: URL
    let port: Int
    /// The PEM certificate clients should trust (with `tls`).
    let certificate: String?
    private let process: Process
    private let keepAlive: Pipe

    private init(state: URL, port: Int, certificate: String?, process: Process, keepAlive: Pipe) {
        self.state = state
        self.port = port
        self.certificate = certificate
        self.process = process
        self.keepAlive = keepAlive
    }

    deinit { stop() }

    var url: String { "smtp://127.0.0.1:\(port)" }

    static func start(_ options: Options = Options()) throws -> SMTPTestServer {
        let fm = FileManager.default
        let state = fm.temporaryDirectory.appendingPathComponent("veille-smtp-\(UUID().uuidString)")
        try fm.createDirectory(at: state, withIntermediateDirectories: true)
        var config: [String: Any] = [:]
        var certificate: String?
        if options.tls {
            let cert = state.appendingPathComponent("cert.pem").path
            let key = state.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ]
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            config["tls"] = [cert, key]
            config["require_tls"] = options.requireTLS
            certificate = cert
        }
        if let (u, p) = options.auth { config["auth"] = [u, p] }
        config["refuse"] = options.refuse
        config["drop_data"] = options.dropData
        config["stall_data"] = options.stallData
        try JSONSerialization.data(withJSONObject: config).write(to: state.appendingPathComponent("config.json"))
        let script = Bundle.module.url(forResource: "Fixtures/smtp_server.py", withExtension: nil)!
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-I", script.path, state.path]
        let keepAlive = Pipe()
        process.standardInput = keepAlive
        process.standardOutput = FileHandle.nullDevice
        let log = state.appendingPathComponent("stderr.log")
        fm.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        for _ in 0..<1000 {
            if let text = try? String(contentsOf: state.appendingPathComponent("port"), encoding: .utf8),
                let port = Int(text)
            {
                return SMTPTestServer(
                    state: state, port: port, certificate: certificate, process: process, keepAlive: keepAlive)
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.terminate()
        throw NSError(
            domain: "smtp test server did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""),
            code: 1)
    }

    func stop() {
        try? keepAlive.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The messages accepted so far, in order.
    func received() -> [Received] {
        let folder = state.appendingPathComponent("messages")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        return names.compactMap { name in
            let base = folder.appendingPathComponent(String(name.dropLast(4)))
            guard let raw = try? String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8),
                let data = try? Data(contentsOf: base.appendingPathExtension("json")),
                let meta = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return Received(
                mailFrom: meta["mail_from"] as? String ?? "", rcptTos: meta["rcpt_tos"] as? [String] ?? [],
                login: meta["login"] as? String, tls: meta["tls"] as? Bool ?? false, raw: raw)
        }
    }
}

/// A received message taken apart the way a mail client would: headers, then the two parts decoded.
struct ParsedMail {
    var headers: [(String, String)] = []
    var text = ""
    var html = ""
    var partHeaders: [[String: String]] = []

    init(_ raw: String) {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let split = normalized.components(separatedBy: "\n\n")
        let head = split.first ?? ""
        let body = split.dropFirst().joined(separator: "\n\n")
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), var last = headers.popLast() {
                last.1 += String(line)
                headers.append(last)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        guard let ct = header("Content-Type"),
            let b = ct.components(separatedBy: "boundary=\"").last?.split(separator: "\"").first
        else { return }
        for part in body.components(separatedBy: "--" + b).dropFirst() {
            guard !part.hasPrefix("--") else { continue }
            let pieces = part.drop(while: { $0 == "\n" }).components(separatedBy: "\n\n")
            var ph: [String: String] = [:]
            for line in (pieces.first ?? "").split(separator: "\n") {
                if let colon = line.firstIndex(of: ":") {
                    ph[String(line[..<colon]).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                        in: .whitespaces)
                }
            }
            partHeaders.append(ph)
            let decoded = Self.decodeQP(pieces.dropFirst().joined(separator: "\n\n"))
            if ph["content-type"]?.hasPrefix("text/plain") == true { text = decoded } else { html = decoded }
        }
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// RFC 2047 B words decoded (what a client shows as the subject).
    var subject: String {
        let raw = header("Subject") ?? ""
        guard raw.hasPrefix("=?") else { return raw }
        return raw.components(separatedBy: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                let d = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return word }
            return String(decoding: d, as: UTF8.self)
        }.joined()
    }

    static func decodeQP(_ s: String) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.replacingOccurrences(of: "=\n", with: "").utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "="), i + 2 < u.count,
                let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
