import Foundation

/// Parses the dates feeds carry: RFC 822/1123 (and its sloppy and French variants) and ISO 8601/W3C-DTF.
///
/// RFC 822 as feeds write it: day name optional, day and month swappable, two-digit years (90–99 are
/// 1990s, the rest 2000s, as feedparser reads them), seconds optional, named zones, an unknown zone read
/// as UTC. ISO 8601: `YYYY[-MM[-DD]][(T| )hh:mm[:ss[.frac]]][Z|±hh[:]mm]`, or compact `YYYYMMDDThhmmss`;
/// no zone means UTC. Everything else (asctime `Sun Nov 18 10:00:00 2024` aside) is nil.
enum FeedDate {
    /// The instant `text` names, nil when it cannot be read.
    static func parse(_ text: String) -> Date? {
        // Trimmed and ASCII-lower-cased in one copy (French month names are written in lower case).
        var bytes = Array(text.utf8)
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        let start = bytes.firstIndex(where: { $0 > 0x20 }) ?? bytes.count
        guard start < bytes.count else { return nil }
        if start > 0 { bytes.removeFirst(start) }
        if bytes.count >= 4, isDigit(bytes[0]), isDigit(bytes[1]), isDigit(bytes[2]), isDigit(bytes[3]) {
            return iso8601(bytes)
        }
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 32 }
        if let canonical = bytes.withUnsafeBufferPointer(rfc822Canonical) { return canonical }
        let lower = String(decoding: bytes, as: UTF8.self)
        return rfc822(lower) ?? asctime(lower)
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// RFC 822 and its variants, on lower-cased text.
    static func rfc822(_ text: String) -> Date? {
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        // "18-Nov-2024": some feeds join the date with dashes.
        if let first = parts.first, first.utf8.contains(0x2D), first.split(separator: "-").count == 3,
            !first.hasPrefix("-")
        {
            parts.replaceSubrange(0...0, with: first.split(separator: "-").map(String.init))
        }
        if let first = parts.first, isDayName(first) { parts.removeFirst() }
        guard parts.count >= 3 else { return nil }
        var day: Int
        var month: Int
        if let d = Int(word(parts[0])), let m = monthNumber(parts[1]) {
            day = d
            month = m
        } else if let m = monthNumber(parts[0]), let d = Int(word(parts[1])) {
            day = d
            month = m
        } else {
            return nil
        }
        guard var year = Int(word(parts[2])) else { return nil }
        if word(parts[2]).count <= 2 { year += year < 90 ? 2000 : 1900 }
        var hour = 0
        var minute = 0
        var second = 0
        var zoneIndex = 4
        if parts.count > 3 {
            let t = parts[3].split(separator: ":", omittingEmptySubsequences: false)
            if t.count >= 2, let h = Int(t[0]), let mi = Int(t[1]) {
                hour = h
                minute = mi
                if t.count >= 3 {
                    guard let s = Int(t[2].prefix(while: { $0.isNumber })) else { return nil }
                    second = s
                }
            } else {
                zoneIndex = 3
            }
        }
        var offset = 0
        if parts.count > zoneIndex {
            guard let o = zoneOffset(parts[zoneIndex]) else { return nil }
            offset = o
        }
        return make(year, month, day, hour, minute, second, offsetMinutes: offset)
    }

    /// `Sun Nov 18 10:00:00 2024`, lower-cased.
    static func asctime(_ text: String) -> Date? {
        var parts = text.split(separator: " ").map(String.init)
        if let first = parts.first, isDayName(first) { parts.removeFirst() }
        guard parts.count >= 3, let month = monthNumber(parts[0]), let day = Int(parts[1]) else { return nil }
        let t = parts[2].split(separator: ":")
        guard t.count >= 2, let h = Int(t[0]), let mi = Int(t[1]), parts.count >= 4, let year = Int(parts.last ?? "")
        else { return nil }
        let s = t.count >= 3 ? Int(t[2]) ?? 0 : 0
        return make(year, month, day, h, mi, s, offsetMinutes: 0)
    }

    /// A token without the punctuation feeds put around it ("lun.,", "18,").
    static func word(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == 0x2C || $0 == 0x2E }) else { return token }
        return String(decoding: token.utf8.filter { $0 != 0x2C && $0 != 0x2E }, as: UTF8.self)
    }

    static func isDayName(_ token: String) -> Bool {
        let w = word(token)
        return DateNames.days.contains(w)
            || (w.count > 3 && DateNames.days.contains(String(w.prefix(3))) && Int(w) == nil
                && DateNames.months[w] == nil)
    }

    static func monthNumber(_ token: String) -> Int? {
        let w = word(token)
        if let m = DateNames.months[w] { return m }
        return w.count >= 3 ? DateNames.months[String(w.prefix(3))] : nil
    }

    /// `+0100`, `-05:00`, `gmt+1`, `est`; unknown names are UTC (as feedparser reads them).
    static func zoneOffset(_ raw: String) -> Int? {
        var z = raw
        if z.hasPrefix("etc/") { z.removeFirst(4) }
        if z.hasPrefix("gmt") || z.hasPrefix("utc"), z.count > 3 { z.removeFirst(3) }
        guard let sign = z.first, sign == "+" || sign == "-" else { return DateNames.zones[word(z)] ?? 0 }
        let digits = z.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let n = Int(digits) else { return nil }
        let minutes = digits.count <= 2 ? n * 60 : (n / 100) * 60 + n % 100
        return sign == "-" ? -minutes : minutes
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm), no calendar object needed.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant of a civil date and time at a UTC offset; nil when a field is out of range.
    static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
        offsetMinutes: Int
    ) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
            (0...23).contains(hour), (0...59).contains(minute), (0...61).contains(second)
        else { return nil }
        let days = daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
