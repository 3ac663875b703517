import Foundation
import VeilleCore

/// One digest email (RFC 5322 + MIME): `multipart/alternative` with a text/plain and a text/html part, both
/// UTF-8 quoted-printable, an RFC 2047 subject, `Date`, `Message-ID`, `List-Id`.
///
/// Every header value is built from config values (validated addresses) and computed text, folded to one
/// line and encoded, so no untrusted text can ever add a header. Lines end with CRLF; no line is longer
/// than 78 characters.
public struct MailMessage: Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var date: Date
    public var messageID: String
    /// The digest id, for `List-Id`.
    public var listID: String
    public var text: String
    public var html: String

    /// A message; nothing is encoded until ``rendered``.
    public init(
        from: String, to: String, subject: String, date: Date, messageID: String, listID: String,
        text: String, html: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.listID = listID
        self.text = text
        self.html = html
    }

    /// A fresh Message-ID on the sender's domain: `<veille.<digest>.<uuid>@domain>`.
    public static func newMessageID(digest: String, from: String) -> String {
        let domain = MailAddress.extract(from)?.split(separator: "@").last.map(String.init) ?? "veille.invalid"
        return "<veille.\(digest).\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// The whole message, CRLF line ends.
    public var rendered: String {
        let boundary =
            "veille-"
            + String(
                messageID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.suffix(32))
        let domain = MailAddress.extract(from)?.split(separator: "@").last.map(String.init) ?? "veille.invalid"
        var h: [String] = []
        h.append("From: " + Self.address(from))
        h.append("To: " + Self.address(to))
        h.append(Self.encodedHeader("Subject", subject))
        h.append("Date: " + Self.rfc5322(date))
        h.append(Self.folded("Message-ID:", [DigestText.line(messageID).replacingOccurrences(of: " ", with: "")]))
        h.append(Self.folded("List-Id:", ["veille digest \(listID)", "<\(listID).digests.\(domain)>"]))
        h.append("Auto-Submitted: auto-generated")
        h.append("MIME-Version: 1.0")
        h.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        var out = h.joined(separator: "\r\n") + "\r\n\r\n"
        out += "This is a MIME message: a text and an HTML version of the same digest.\r\n"
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            out += "\r\n--\(boundary)\r\n"
            out += "Content-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            out += QuotedPrintable.encode(body)
        }
        out += "\r\n--\(boundary)--\r\n"
        return out
    }

    /// `Name: a b` on one line when it fits in 78 characters, else each piece on a continuation line.
    static func folded(_ name: String, _ pieces: [String]) -> String {
        let one = name + " " + pieces.joined(separator: " ")
        return one.utf8.count <= 78 ? one : name + pieces.map { "\r\n " + $0 }.joined()
    }

    /// A validated address, or `Name <address>` with the name RFC 2047-encoded when it is not plain ASCII.
    static func address(_ text: String) -> String {
        let flat = DigestText.line(text)
        guard let bare = MailAddress.extract(flat) else { return "undisclosed-recipients:;" }
        guard let open = flat.lastIndex(of: "<") else { return bare }
        let name = flat[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
            in: CharacterSet(charactersIn: "\""))
        if name.isEmpty { return bare }
        let plain = name.unicodeScalars.allSatisfy {
            $0.value >= 0x20 && $0.value < 0x7F && !"\"\\".unicodeScalars.contains($0)
        }
        return (plain ? "\"" + name + "\"" : Self.encodedWords(name, room: 60).joined(separator: "\r\n ")) + " <" + bare
            + ">"
    }

    /// `Name: =?UTF-8?B?…?=` folded over lines when long (RFC 2047); ASCII text is left readable.
    static func encodedHeader(_ name: String, _ value: String) -> String {
        let flat = DigestText.line(value)
        let ascii = flat.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !flat.contains("=?")
        if ascii, flat.utf8.count + name.count + 2 <= 78 { return name + ": " + flat }
        return name + ": " + encodedWords(flat, room: 62 - name.count).joined(separator: "\r\n ")
    }

    /// RFC 2047 B-encoded words of at most 75 characters, never splitting a character.
    static func encodedWords(_ s: String, room: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        let maxBytes = 39 // 52 base64 characters + 12 of wrapper = 64: with `Subject: ` a line stays under 78
        for ch in s {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// `Sun, 22 Nov 2026 21:03:00 +0000`.
    static func rfc5322(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 0)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }
}
