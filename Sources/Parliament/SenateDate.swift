/// Dates as the Sénat prints them (`dd/mm/yyyy`, and `YYYY-MM-DD` in the CSV), turned into `YYYY-MM-DD`.
enum SenateDate {
    /// The first `dd/mm/yyyy` (or `d/m/yyyy`) in `text`, as `YYYY-MM-DD`; nil when there is none.
    static func firstFrench<S: StringProtocol>(in text: S) -> String? {
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if isDigit(b[i]), i == 0 || !isDigit(b[i - 1]), let (iso, _) = french(b, at: i) { return iso }
            i += 1
        }
        return nil
    }

    /// A whole value in either accepted form (`YYYY-MM-DD`, optionally followed by a time, or `dd/mm/yyyy`).
    ///
    /// - Returns: `YYYY-MM-DD`, or nil when the value is neither.
    static func iso<S: StringProtocol>(_ value: S) -> String? {
        let b = Array(value.utf8)
        if b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
            b.count == 10 || b[10] == 0x20 || b[10] == 0x54,
            let y = number(b, 0, 4), let m = number(b, 5, 2), let d = number(b, 8, 2), valid(y, m, d)
        {
            return format(y, m, d)
        }
        if let (iso, end) = french(b, at: 0), end == b.count || b[end] == 0x20 { return iso }
        return nil
    }

    /// Reads `d{1,2}/m{1,2}/yyyy` at `i`; returns the ISO form and the index after it.
    private static func french(_ b: [UInt8], at start: Int) -> (String, Int)? {
        var i = start
        guard let (d, i1) = digits(b, &i, max: 2), i1 < b.count, b[i1] == 0x2F else { return nil }
        i = i1 + 1
        guard let (m, i2) = digits(b, &i, max: 2), i2 < b.count, b[i2] == 0x2F else { return nil }
        i = i2 + 1
        guard let (y, i3) = digits(b, &i, max: 4), i3 - (i2 + 1) == 4, valid(y, m, d) else { return nil }
        if i3 < b.count, isDigit(b[i3]) { return nil }
        return (format(y, m, d), i3)
    }

    private static func digits(_ b: [UInt8], _ i: inout Int, max: Int) -> (Int, Int)? {
        var v = 0
        var n = 0
        while i < b.count, n < max, isDigit(b[i]) {
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
            n += 1
        }
        return n == 0 ? nil : (v, i)
    }

    private static func number(_ b: [UInt8], _ at: Int, _ len: Int) -> Int? {
        var v = 0
        for k in at..<(at + len) {
            guard isDigit(b[k]) else { return nil }
            v = v * 10 + Int(b[k] - 0x30)
        }
        return v
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        (1800...2200).contains(y) && (1...12).contains(m) && (1...31).contains(d)
    }

    private static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        let mm = m < 10 ? "0\(m)" : "\(m)"
        let dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
