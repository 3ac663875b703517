import Foundation

/// Formats instants as `YYYY-MM-DDTHH:MM:SSZ` without a formatter object.
public enum UTCStamp {
    /// The UTC spelling of `date`, seconds precision.
    public static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTC spelling of `date` (seconds precision) to `out` as ASCII bytes.
    public static func append(_ date: Date, to out: inout [UInt8]) {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = t - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        if y < 0 || y > 9999 {
            // Outside four digits: the decimal spelling, zero-padded to four (never reached by real feeds).
            let year = String(y)
            out.append(contentsOf: Array(String(repeating: "0", count: max(0, 4 - year.count)).utf8))
            out.append(contentsOf: Array(year.utf8))
        } else {
            digits(y / 100, &out)
            digits(y % 100, &out)
        }
        out.append(0x2D)
        digits(m, &out)
        out.append(0x2D)
        digits(d, &out)
        out.append(0x54)
        digits(secs / 3600, &out)
        out.append(0x3A)
        digits(secs % 3600 / 60, &out)
        out.append(0x3A)
        digits(secs % 60, &out)
        out.append(0x5A)
    }

    /// Two decimal digits of `v` (0…99).
    @inline(__always)
    private static func digits(_ v: Int, _ out: inout [UInt8]) {
        out.append(0x30 + UInt8(truncatingIfNeeded: v / 10))
        out.append(0x30 + UInt8(truncatingIfNeeded: v % 10))
    }

    /// Civil date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
