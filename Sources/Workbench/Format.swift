import Foundation

/// How the workbench writes dates, links and untrusted text.
enum Format {
    /// `2026-12-06T20:58:52Z` (UTC), the form of every date in pages and JSON.
    static func date(_ d: Date?) -> String? {
        guard let d else { return nil }
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// The day of a date, `YYYY-MM-DD` (UTC).
    static func day(_ d: Date) -> String { String((date(d) ?? "").prefix(10)) }

    /// Parses a `YYYY-MM-DD` parameter (UTC midnight).
    static func parseDay(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Int(text.prefix(4)), let m = Int(text.dropFirst(5).prefix(2)), let d = Int(text.suffix(2)),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var c = DateComponents()
        c.year = y
        c.month = m
        c.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = cal.date(from: c), day(date) == text else { return nil }
        return date
    }

    /// A link the page may render: `http(s)` URLs only, with no whitespace or control characters
    /// (a stored `javascript:` or `data:` URL is shown as text, never as a link).
    static func safeLink(_ url: String?) -> String? {
        guard let url, url.count <= 4_096 else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f })
        else { return nil }
        return url
    }

    /// Text for a terminal: control characters (escape sequences, CR) become spaces; newlines and tabs stay.
    static func terminalSafe(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { sc in
                    (sc.value < 0x20 && sc != "\n" && sc != "\t") || (0x7f...0x9f).contains(sc.value) ? " " : sc
                }))
    }
}
