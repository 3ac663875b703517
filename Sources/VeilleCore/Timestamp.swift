import Foundation

/// The project's textual forms of time: UTC `YYYY-MM-DDTHH:MM:SSZ` for exports and digests, the
/// compact `YYYYMMDDTHHMMSSZ` for file names, and the `--since` grammar of every command.
public enum Timestamp {
    /// `2024-11-18T03:00:07Z`.
    public static func iso(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `20241118T030007Z`, for file names.
    public static func compact(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `2024-11-18`.
    public static func day(_ date: Date) -> String { String(iso(date).prefix(10)) }

    /// Parses an RFC 3339 time (`2024-11-18T00:00:00Z`, offsets and fractions allowed).
    public static func parseISO(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    /// Parses a `YYYY-MM-DD` date as midnight UTC.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var c = DateComponents()
        c.year = y
        c.month = m
        c.day = d
        return utcCalendar.date(from: c)
    }

    /// The `--since` grammar: an RFC 3339 time, a date `YYYY-MM-DD` (midnight UTC), or a duration back
    /// from `now` (`36h`, `7d`).
    ///
    /// - Returns: nil when the text is none of these.
    public static func parseSince(_ text: String, now: Date) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = parseISO(t) { return d }
        if let d = parseDay(t) { return d }
        if let seconds = DurationUnit.parse(t, allowed: [.s, .m, .h, .d]) { return now.addingTimeInterval(-seconds) }
        return nil
    }

    static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return c
    }()

    static func utcComponents(_ date: Date) -> DateComponents {
        utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
