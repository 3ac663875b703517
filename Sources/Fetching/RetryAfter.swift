import Foundation

/// A `Retry-After` header (RFC 9110 §10.2.3) read into a delay: delta-seconds or an HTTP date,
/// clamped to ``maximum``; a value in the past, too far out or malformed is reported in ``problem``.
public struct RetryAfter: Sendable, Equatable {
    /// Seconds to wait; nil when the value was malformed (the caller applies its own backoff).
    public var seconds: TimeInterval?
    /// What was wrong with the value, for the log and the source's status; nil when it was fine.
    public var problem: String?

    /// The operations issue's clamp: never wait more than a day for one host.
    public static let maximum: TimeInterval = 86_400

    /// Reads a header value.
    ///
    /// - Parameters:
    ///   - value: the raw header value (`120`, `Wed, 21 Oct 2015 07:28:00 GMT`).
    ///   - now: the current time, for HTTP dates.
    public static func parse(_ value: String, now: Date) -> RetryAfter {
        let text = value.trimmingCharacters(in: .whitespaces)
        let raw: TimeInterval
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            raw = Double(text) ?? .infinity
        } else if let date = httpDate(text) {
            raw = date.timeIntervalSince(now)
        } else {
            return RetryAfter(seconds: nil, problem: "Retry-After \"\(printable(text))\" is malformed")
        }
        if raw < 0 {
            return RetryAfter(seconds: 0, problem: "Retry-After \"\(printable(text))\" is in the past")
        }
        if raw > maximum {
            return RetryAfter(seconds: maximum, problem: "Retry-After \"\(printable(text))\" clamped to one day")
        }
        return RetryAfter(seconds: raw, problem: nil)
    }

    /// HTTP-date in its three historical forms (RFC 9110 §5.6.7): IMF-fixdate, RFC 850, asctime.
    static let dateFormats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in dateFormats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// The value as quoted in a report: at most 40 characters, control characters dropped.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(40)))
    }
}
