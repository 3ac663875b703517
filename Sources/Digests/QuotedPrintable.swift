/// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: CRLF line ends, soft breaks before 76 characters.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var out = ""
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                var piece: String
                let printable = (b >= 33 && b <= 126 && b != 61) || (b == 32 && !last) || (b == 9 && !last)
                piece = printable ? String(UnicodeScalar(b)) : String(format: "=%02X", b)
                if current.isEmpty, b == 46 { piece = "=2E" } // a leading dot: never an SMTP terminator
                if current.count + piece.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                    if b == 46 { piece = "=2E" }
                }
                current += piece
            }
            out += current + "\r\n"
        }
        return out
    }
}
